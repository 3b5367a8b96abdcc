package dev.ohtop.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps one server's requests within its rate limits, whoever sends them. Cloud allows each user
 * 10 requests a second and 100 a minute, and the list, an open tail, the sandboxes screen, loading
 * older pages and a filter's search all draw on that: each is modest alone, but they can meet in
 * the same second, and together they can ask for more than a minute allows.
 *
 * <p>A token bucket: up to {@code burst} requests go out at once, then one every
 * {@code minute / perMinute}; a request that finds the bucket empty waits for its turn (the calling
 * thread sleeps, never the UI's), turns given in the order asked. So in any window of length W at
 * most {@code burst + W * perMinute / minute} are sent: with Cloud's figures 9 in a second and 92
 * in a minute, and under a steady overload every caller slows evenly instead of all stopping until
 * a minute has passed.
 */
public final class RateGate {
    /** A little under Cloud's 10 a second and 100 a minute: the web app may be open beside us. */
    public static final int CLOUD_BURST = 8;

    public static final int CLOUD_PER_MINUTE = 84;

    private final long burst;
    private final Duration every;
    private final Clock clock;
    private final RetryPolicy.Sleeper sleeper;
    /** When the bucket will be full again if nothing more is taken (the "theoretical arrival time"). */
    private Instant full = Instant.MIN;

    public RateGate(int burst, int perMinute, Clock clock, RetryPolicy.Sleeper sleeper) {
        if (burst < 1 || perMinute < 1) {
            throw new IllegalArgumentException("a rate gate needs a positive burst and rate");
        }
        this.burst = burst;
        this.every = Duration.ofMinutes(1).dividedBy(perMinute);
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /** Cloud's limits on the given clock, waiting with a real sleep. */
    public static RateGate forCloud(Clock clock) {
        return new RateGate(CLOUD_BURST, CLOUD_PER_MINUTE, clock, RetryPolicy.THREAD_SLEEP);
    }

    /** Returns when a request may be sent; blocks until then. */
    public void admit() throws InterruptedException {
        Instant now = clock.instant();
        Instant at = reserve(now);
        if (at.isAfter(now)) {
            sleeper.sleep(Duration.between(now, at));
        }
    }

    /** The earliest moment the bucket holds a token for one more request, taken for it. */
    private synchronized Instant reserve(Instant now) {
        Instant base = full.isAfter(now) ? full : now;
        Instant earliest = base.minus(every.multipliedBy(burst - 1));
        Instant at = earliest.isAfter(now) ? earliest : now;
        full = base.plus(every);
        return at;
    }
}

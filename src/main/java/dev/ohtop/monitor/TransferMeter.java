package dev.ohtop.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bytes done, rate and time left for one transfer, from the injected clock. The rate is sampled
 * at most every {@link #SAMPLE} and smoothed (exponential moving average), so a progress bar does
 * not flicker with every buffer. Not thread-safe: one transferring thread feeds it, under the
 * transfer's lock.
 */
final class TransferMeter {
    static final Duration SAMPLE = Duration.ofMillis(250);
    /** Weight of the newest sample. */
    static final double SMOOTHING = 0.3;

    private final Clock clock;
    private Instant startedAt;
    private Instant sampledAt;
    private long sampledDone;
    private long done;
    private long total = -1;
    private double rate;

    TransferMeter(Clock clock) {
        this.clock = clock;
    }

    void start() {
        startedAt = clock.instant();
        sampledAt = startedAt;
        sampledDone = 0;
        done = 0;
        rate = 0;
    }

    void progress(long newDone, long newTotal) {
        if (startedAt == null) {
            start();
        }
        if (newDone < done) {
            // A second attempt (e.g. a fallback route) starts again from zero.
            sampledDone = 0;
            sampledAt = clock.instant();
        }
        done = newDone;
        total = newTotal;
        Instant now = clock.instant();
        Duration since = Duration.between(sampledAt, now);
        if (since.compareTo(SAMPLE) >= 0) {
            double seconds = since.toNanos() / 1e9;
            double sample = (done - sampledDone) / seconds;
            rate = rate == 0 ? sample : SMOOTHING * sample + (1 - SMOOTHING) * rate;
            sampledAt = now;
            sampledDone = done;
        }
    }

    long done() {
        return done;
    }

    long total() {
        return total;
    }

    double bytesPerSecond() {
        return rate;
    }

    /** Null while the total or the rate is unknown. */
    Duration eta() {
        if (total < 0 || rate <= 0) {
            return null;
        }
        return Duration.ofMillis((long) Math.ceil(Math.max(0, total - done) / rate * 1000));
    }

    Duration elapsed() {
        if (startedAt == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        return now.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, now);
    }
}

package dev.ohtop.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it. Safe to read from any thread. */
public final class ManualClock extends Clock {
    private volatile Instant now;

    public ManualClock(Instant start) {
        this.now = start;
    }

    /** A fixed, recognisable moment: 2026-11-27T10:15:30Z. */
    public static ManualClock atDemoStart() {
        return new ManualClock(Instant.parse("2026-11-27T10:15:30Z"));
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    public void advanceSeconds(long seconds) {
        advance(Duration.ofSeconds(seconds));
    }

    public void set(Instant to) {
        now = to;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("a ManualClock is always UTC");
        }
        return this;
    }
}

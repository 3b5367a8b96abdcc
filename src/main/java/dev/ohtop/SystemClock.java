package dev.ohtop;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the default time zone, as {@link Clock#systemDefaultZone()}, except that the
 * zone is looked up when first asked for: that reads the time-zone database (15 ms of a 0.2 s
 * {@code ohtop ls}), and a command that prints no local time never asks.
 */
final class SystemClock extends Clock {
    private volatile ZoneId zone; // the default zone, once looked up; it does not change after

    @Override
    public ZoneId getZone() {
        ZoneId found = zone;
        if (found == null) {
            found = ZoneId.systemDefault();
            zone = found;
        }
        return found;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.system(other);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}

package dev.ohtop.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * How fresh shown data is: when it was last fetched successfully, and what went wrong since.
 * Failed refreshes never clear data: it stays, marked stale, until a refresh succeeds again.
 *
 * @param lastGood when the data was last fetched successfully; null before the first success
 * @param problem  the one-line message of the failure since then; null when the last attempt worked
 */
public record Freshness(Instant lastGood, String problem) {
    public static final Freshness NEVER = new Freshness(null, null);

    /** True while the data shown is from before a failed attempt. */
    public boolean stale() {
        return problem != null && lastGood != null;
    }

    /** How old the data is at {@code now}; zero before the first success. */
    public Duration age(Instant now) {
        return lastGood == null || now.isBefore(lastGood) ? Duration.ZERO : Duration.between(lastGood, now);
    }

    Freshness succeeded(Instant at) {
        return new Freshness(at, null);
    }

    Freshness failed(String message) {
        return new Freshness(lastGood, message);
    }
}

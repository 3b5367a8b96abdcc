package dev.ohtop.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link Poller} is doing, for the status line.
 *
 * @param name        what it polls, e.g. "conversations" (for messages, never a secret)
 * @param paused      true while its screen is not visible
 * @param lastSuccess when a run last succeeded; null before the first
 * @param problem     the one-line message of the last failure; null once a run succeeds again
 * @param failures    failed runs in a row (0 when the last run succeeded)
 * @param nextDelay   the wait chosen after the last run (the interval, or a backoff)
 * @param nextRunAt   when the next run is due; null while paused, closed or running
 */
public record PollerStatus(
        String name,
        boolean paused,
        Instant lastSuccess,
        String problem,
        int failures,
        Duration nextDelay,
        Instant nextRunAt) {

    public boolean failing() {
        return problem != null;
    }
}

package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/** The one "ask, then read again until done" timing that starting a conversation and resuming a sandbox share. */
class PollUntilDoneTest {
    private final ManualScheduler scheduler =
            new ManualScheduler(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));

    private PollUntilDone doubling() {
        return new PollUntilDone(
                scheduler,
                Duration.ofSeconds(1),
                wait -> wait.multipliedBy(2),
                Duration.ofSeconds(5),
                Duration.ofMinutes(5));
    }

    @Test
    void theFirstStepRunsAtOnceAndEachReadWaitsLongerUpToTheCeiling() {
        PollUntilDone polling = doubling();
        List<Duration> waits = new ArrayList<>();
        Runnable[] read = new Runnable[1];
        read[0] = () -> polling.later(read[0]);
        assertTrue(polling.now(() -> polling.later(read[0])));
        for (int i = 0; i < 6; i++) {
            waits.add(scheduler.runNext());
        }
        assertEquals(
                List.of(0L, 1L, 2L, 4L, 5L, 5L),
                waits.stream().map(Duration::toSeconds).toList());
    }

    @Test
    void startingASecondTimeDoesNothing() {
        PollUntilDone polling = doubling();
        assertTrue(polling.begin());
        assertFalse(polling.begin());
    }

    @Test
    void aStoppedPollRunsNoMoreReads() {
        PollUntilDone polling = doubling();
        int[] reads = {0};
        polling.later(() -> reads[0]++);
        polling.stop();
        assertTrue(scheduler.pending().isEmpty(), "the waiting read is dropped");
        assertEquals(0, reads[0]);
    }

    @Test
    void itGivesUpOnceTheDeadlineIsReached() {
        PollUntilDone polling = doubling();
        assertFalse(polling.outOfTime(Duration.ofMinutes(5).minusSeconds(1)));
        assertTrue(polling.outOfTime(Duration.ofMinutes(5)));
    }

    @Test
    void aSchedulerThatIsShuttingDownIsReportedNotThrown() {
        ScheduledThreadPoolExecutor closed = new ScheduledThreadPoolExecutor(1);
        closed.shutdown();
        PollUntilDone polling = new PollUntilDone(
                closed,
                Duration.ofSeconds(2),
                wait -> wait.plus(Duration.ofSeconds(2)),
                Duration.ofSeconds(10),
                Duration.ofMinutes(10));
        assertFalse(polling.now(() -> {}));
        assertFalse(polling.later(() -> {}));
    }
}

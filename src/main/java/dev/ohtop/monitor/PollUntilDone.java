package dev.ohtop.monitor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The timing of "ask once, then read again until it is done" (a start task, a sandbox waking up):
 * the first step at once, each read after a pause that grows to a ceiling, a deadline, and nothing
 * more once stopped. Its owner decides what each read means; it calls these methods under its own
 * lock, so this class keeps none.
 */
final class PollUntilDone {
    /** The owner's problem when the scheduler refuses a step: ohtop is closing. */
    static final String SHUTTING_DOWN = "shutting down";

    private final ScheduledExecutorService scheduler;
    private final UnaryOperator<Duration> grow;
    private final Duration maxWait;
    private final Duration giveUpAfter;
    private Duration nextWait;
    private ScheduledFuture<?> pending;
    private boolean started;

    /** @param grow the next pause from the last one, before the ceiling {@code maxWait} is applied */
    PollUntilDone(
            ScheduledExecutorService scheduler,
            Duration firstWait,
            UnaryOperator<Duration> grow,
            Duration maxWait,
            Duration giveUpAfter) {
        this.scheduler = Objects.requireNonNull(scheduler);
        this.nextWait = firstWait;
        this.grow = grow;
        this.maxWait = maxWait;
        this.giveUpAfter = giveUpAfter;
    }

    /** True the first time only: starting twice does nothing the second time. */
    boolean begin() {
        if (started) {
            return false;
        }
        started = true;
        return true;
    }

    /** Runs {@code step} at once on the scheduler; false when it refuses (shutting down). */
    boolean now(Runnable step) {
        return schedule(step, Duration.ZERO);
    }

    /** Runs {@code read} after the current pause, and lengthens the pause for the one after; false when refused. */
    boolean later(Runnable read) {
        boolean scheduled = schedule(read, nextWait);
        Duration grown = grow.apply(nextWait);
        nextWait = grown.compareTo(maxWait) > 0 ? maxWait : grown;
        return scheduled;
    }

    /** True once {@code elapsed} since the start has reached the deadline: time to give up. */
    boolean outOfTime(Duration elapsed) {
        return elapsed.compareTo(giveUpAfter) >= 0;
    }

    /** Drops the step waiting to run, if any (one already running finishes, and its owner ignores it). */
    void stop() {
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private boolean schedule(Runnable step, Duration delay) {
        try {
            pending = scheduler.schedule(step, delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}

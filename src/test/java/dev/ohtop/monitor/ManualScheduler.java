package dev.ohtop.monitor;

import dev.ohtop.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler that runs nothing by itself: it records every delay asked for, and a test runs
 * the next task with {@link #runNext()}, which first moves the manual clock to its time.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    final class Task implements ScheduledFuture<Object> {
        final Runnable body;
        final Duration delay;
        final Instant dueAt;
        boolean cancelled;
        boolean done;

        Task(Runnable body, Duration delay) {
            this.body = body;
            this.delay = delay;
            this.dueAt = clock.instant().plus(delay);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), dueAt));
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private boolean shutdown;

    ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    /** Every delay asked for so far, cancelled or not, in order. */
    synchronized List<Duration> delays() {
        return tasks.stream().map(t -> t.delay).toList();
    }

    /** Tasks waiting to run (not cancelled, not run). */
    synchronized List<Task> pending() {
        return tasks.stream()
                .filter(t -> !t.isDone())
                .sorted(Comparator.comparing(t -> t.dueAt))
                .toList();
    }

    /** Runs the pending task at {@code index} (in due order) out of turn, as a slow worker would let it. */
    void runPending(int index) {
        Task task;
        synchronized (this) {
            task = pending().get(index);
            task.done = true;
        }
        task.body.run();
    }

    /** Moves the clock to the earliest pending task (never back) and runs it; returns its delay. */
    Duration runNext() {
        Task next;
        synchronized (this) {
            List<Task> waiting = pending();
            if (waiting.isEmpty()) {
                throw new AssertionError("nothing scheduled");
            }
            next = waiting.get(0);
            next.done = true;
        }
        if (next.dueAt.isAfter(clock.instant())) {
            clock.set(next.dueAt);
        }
        next.body.run();
        return next.delay;
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task task = new Task(command, Duration.ofNanos(unit.toNanos(delay)));
        tasks.add(task);
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("pollers must not run at a fixed rate");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}

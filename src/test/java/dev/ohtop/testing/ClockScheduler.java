package dev.ohtop.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose delays pass on a {@link ManualClock}: a task runs, on one of a few real
 * threads as in the app, once the test has moved the clock to its time. So a minute of polling
 * and backoff passes in the time its requests take, and each request happens at a known instant.
 * A task due now runs at once; {@link #quiet()} says when nothing is running or due.
 */
public final class ClockScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    /** How often the dispatcher looks at the clock (it has no way to be told it moved). */
    private static final long LOOK_EVERY_MILLIS = 1;

    private final ManualClock clock;
    private final ExecutorService runners;
    private final List<Task> waiting = new ArrayList<>();
    private final Thread dispatcher;
    private long sequence;
    /** How many tasks each thread has handed over: tells work a screen started from work started by work. */
    private final java.util.Map<Thread, Long> bySubmitter = new java.util.HashMap<>();

    private int running;
    private boolean shutdown;

    public ClockScheduler(ManualClock clock, int threads) {
        this.clock = clock;
        this.runners = Executors.newFixedThreadPool(threads, r -> daemon(r, "ohtop-clock-poller"));
        this.dispatcher = daemon(this::dispatch, "ohtop-clock-dispatcher");
        dispatcher.start();
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    /** Nothing running and nothing due at the clock's present time. */
    public synchronized boolean quiet() {
        Instant now = clock.instant();
        return running == 0 && waiting.stream().noneMatch(t -> !t.dueAt.isAfter(now));
    }

    /** How many tasks {@code thread} has scheduled (or handed over to run now) so far. */
    public synchronized long scheduledBy(Thread thread) {
        return bySubmitter.getOrDefault(thread, 0L);
    }

    /** When the earliest waiting task is due, or null when none waits. */
    public synchronized Instant nextDue() {
        return waiting.stream().map(t -> t.dueAt).min(Comparator.naturalOrder()).orElse(null);
    }

    private void dispatch() {
        while (true) {
            List<Task> due = new ArrayList<>();
            synchronized (this) {
                if (shutdown) {
                    return;
                }
                Instant now = clock.instant();
                waiting.stream()
                        .filter(t -> !t.dueAt.isAfter(now))
                        .sorted(Comparator.comparing((Task t) -> t.dueAt).thenComparingLong(t -> t.sequence))
                        .forEach(due::add);
                waiting.removeAll(due);
                running += due.size();
                if (due.isEmpty()) {
                    try {
                        wait(LOOK_EVERY_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            due.forEach(t -> runners.execute(() -> run(t)));
        }
    }

    private void run(Task task) {
        try {
            task.body.run();
        } finally {
            synchronized (this) {
                task.done = true;
                running--;
                notifyAll();
            }
        }
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task task = new Task(command, clock.instant().plusNanos(unit.toNanos(Math.max(0, delay))), sequence++);
        bySubmitter.merge(Thread.currentThread(), 1L, Long::sum);
        if (!shutdown) {
            waiting.add(task);
            notifyAll();
        }
        return task;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("ohtop schedules runnables only");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("pollers must not run at a fixed rate");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("pollers schedule each run themselves");
    }

    @Override
    public void shutdown() {
        shutdownNow();
    }

    @Override
    public List<Runnable> shutdownNow() {
        synchronized (this) {
            shutdown = true;
            waiting.clear();
            notifyAll();
        }
        runners.shutdownNow();
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return isShutdown() && runners.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return runners.awaitTermination(timeout, unit);
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable body;
        final Instant dueAt;
        final long sequence;
        boolean done;
        boolean cancelled;

        Task(Runnable body, Instant dueAt, long sequence) {
            this.body = body;
            this.dueAt = dueAt;
            this.sequence = sequence;
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
            synchronized (ClockScheduler.this) {
                if (done || cancelled) {
                    return false;
                }
                cancelled = waiting.remove(this);
                return cancelled;
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (ClockScheduler.this) {
                return cancelled;
            }
        }

        @Override
        public boolean isDone() {
            synchronized (ClockScheduler.this) {
                return done || cancelled;
            }
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException("nobody waits on a poll");
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("nobody waits on a poll");
        }
    }
}

package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Runs one task again and again on an injected scheduler: every {@code interval} while it
 * succeeds, backing off while it fails, never two runs of the same task at once.
 *
 * <p>The next run is scheduled only when the current one has ended (never at a fixed rate), so
 * a slow server cannot pile runs up. A {@link #pokeNow()} during a run asks for one more run
 * straight after it, not a second one beside it.
 *
 * <p>After a failure the wait is 1 s, 2 s, 4 s, ... (doubling, capped at 60 s), scaled by a
 * jitter factor in [0.75, 1.25) from the injected random so that many clients do not retry in
 * step, and never shorter than the interval; a {@code Retry-After} from the server is waited out
 * in full. The first success resets everything and clears the problem.
 *
 * <p>Budget: Cloud allows 100 requests a minute and 10 a second per user. A board refresh costs at
 * most 3 requests and an idle event tail 1, so the default 3 s interval gives about 60 + 20 a minute
 * with the events screen open; that is why a screen that is not visible should {@link #pause()} its
 * pollers, and why the board's poller can be slowed with {@link #setInterval} while another screen
 * is in front. What is left over (a tail filling in its history, loading older pages, a filter's
 * search) is held within the limits by the client's {@link dev.ohtop.api.RateGate}, shared by all.
 * Pollers of one server share a {@link ServerHealth}, so they come back from an outage together.
 */
public final class Poller implements AutoCloseable {
    /** The work of one run; it may throw, which counts as a failed run. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** A Retry-After longer than this is taken as this: a bad header must not stop polling for hours. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private final String name;
    private final Task task;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Runnable afterRun;

    private final Object lock = new Object();
    private Duration interval;
    private ScheduledFuture<?> scheduled;
    private boolean started;
    private boolean running;
    private boolean again;
    private boolean paused;
    private boolean closed;
    private int failures;
    private Instant lastSuccess;
    private String problem;
    private Duration nextDelay;
    private Instant nextRunAt;
    /** Until when the server asked us to stay away (Retry-After); even a manual refresh waits. */
    private Instant notBefore;
    /** The health of the server this polls, shared with its other pollers; null: on its own. */
    private volatile ServerHealth health;

    /**
     * @param name      what it polls, shown with its problem ("conversations", "events of abc12")
     * @param random    values in [0, 1) for the jitter
     * @param afterRun  called on the poller's thread after every run, good or bad (e.g. to ask the
     *                  UI for a redraw); never null, pass {@code () -> {}} for nothing
     */
    public Poller(
            String name,
            Task task,
            Duration interval,
            ScheduledExecutorService scheduler,
            Clock clock,
            DoubleSupplier random,
            Runnable afterRun) {
        this.name = Objects.requireNonNull(name);
        this.task = Objects.requireNonNull(task);
        this.interval = positive(interval);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
        this.afterRun = Objects.requireNonNull(afterRun);
        this.nextDelay = interval;
    }

    /** A poller with jitter from {@link ThreadLocalRandom} that tells no one after a run. */
    public Poller(String name, Task task, Duration interval, ScheduledExecutorService scheduler, Clock clock) {
        this(
                name,
                task,
                interval,
                scheduler,
                clock,
                () -> ThreadLocalRandom.current().nextDouble(),
                () -> {});
    }

    /**
     * Shares {@code server}'s health with its other pollers: when a run of any of them works again
     * after the server was down, this one, if still backing off, tries at once (and the reverse).
     * Call before {@link #start()}.
     */
    public Poller sharing(ServerHealth server) {
        health = Objects.requireNonNull(server);
        server.join(this);
        return this;
    }

    /** Runs the task now, then on its own. Calling it again does nothing. */
    public void start() {
        synchronized (lock) {
            if (started || closed) {
                return;
            }
            started = true;
            if (!paused) {
                scheduleLocked(Duration.ZERO);
            }
        }
    }

    /** Stops polling until {@link #resume()}; a run under way finishes but schedules nothing. */
    public void pause() {
        synchronized (lock) {
            paused = true;
            cancelLocked();
        }
    }

    /** Polls again, at once (what was shown may be old by now). */
    public void resume() {
        synchronized (lock) {
            if (!paused) {
                return;
            }
            paused = false;
            if (started && !closed && !running) {
                scheduleLocked(Duration.ZERO);
            }
        }
    }

    /**
     * A manual refresh: run now, or right after the run under way, even during a backoff; but not
     * before a {@code Retry-After} the server gave has passed. Ignored while paused.
     */
    public void pokeNow() {
        synchronized (lock) {
            if (!started || closed || paused) {
                return;
            }
            if (running) {
                again = true;
                return;
            }
            Instant now = clock.instant();
            scheduleLocked(
                    notBefore != null && notBefore.isAfter(now) ? Duration.between(now, notBefore) : Duration.ZERO);
        }
    }

    /** The wait between good runs from now on (e.g. slower while another screen is in front). */
    public void setInterval(Duration newInterval) {
        synchronized (lock) {
            Duration old = interval;
            interval = positive(newInterval);
            // A pending wait of the old interval is shortened or stretched; a backoff is left alone.
            if (failures == 0 && scheduled != null && !running && !paused && !closed && !interval.equals(old)) {
                scheduleLocked(interval);
            }
        }
    }

    /** The server is back: a poller backing off after failures tries now (see {@link #pokeNow()}). */
    void retryIfFailing() {
        synchronized (lock) {
            if (failures == 0) {
                return;
            }
        }
        pokeNow();
    }

    public PollerStatus status() {
        synchronized (lock) {
            return new PollerStatus(name, paused, lastSuccess, problem, failures, nextDelay, nextRunAt);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            cancelLocked();
        }
        ServerHealth server = health;
        if (server != null) {
            server.leave(this);
        }
    }

    private void runOnce() {
        synchronized (lock) {
            if (closed || paused || running) {
                if (running) {
                    again = true;
                }
                return;
            }
            running = true;
            scheduled = null;
            nextRunAt = null;
        }
        Exception failure = null;
        try {
            task.run();
        } catch (Exception e) {
            failure = e;
        }
        synchronized (lock) {
            running = false;
            if (failure == null) {
                failures = 0;
                problem = null;
                lastSuccess = clock.instant();
                nextDelay = interval;
                notBefore = null;
            } else {
                failures++;
                problem = messageOf(failure);
                nextDelay = delayAfterFailure(failure);
                notBefore = retryAfter(failure) == null ? null : clock.instant().plus(retryAfter(failure));
            }
            if (!closed && !paused) {
                scheduleLocked(again && failure == null ? Duration.ZERO : nextDelay);
            }
            again = false;
        }
        tellHealth(failure);
        try {
            afterRun.run();
        } catch (RuntimeException listenerFailed) {
            // The listener's problem, not the poll's: the next run is already scheduled.
        }
    }

    private void tellHealth(Exception failure) {
        ServerHealth server = health;
        if (server == null) {
            return;
        }
        if (failure == null) {
            server.succeeded(this);
        } else {
            server.failed(failure);
        }
    }

    private Duration delayAfterFailure(Exception failure) {
        long base = FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 16);
        long jittered = (long) (base * (0.75 + random.getAsDouble() / 2));
        long millis = Math.max(interval.toMillis(), Math.min(MAX_BACKOFF.toMillis(), jittered));
        Duration asked = retryAfter(failure);
        return Duration.ofMillis(asked == null ? millis : Math.max(millis, asked.toMillis()));
    }

    /** The server's Retry-After (capped), or null. */
    private static Duration retryAfter(Exception failure) {
        if (failure instanceof ApiException api && api.retryAfter().isPresent()) {
            Duration asked = api.retryAfter().get();
            return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
        }
        return null;
    }

    /** One clean line: the client's own message for API failures, the exception's otherwise. */
    static String messageOf(Exception e) {
        if (e instanceof ApiException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        String text = message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
        return text.replaceAll("\\s+", " ").strip();
    }

    private void scheduleLocked(Duration delay) {
        cancelLocked();
        try {
            scheduled = scheduler.schedule(this::runOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
            nextRunAt = clock.instant().plus(delay);
        } catch (RejectedExecutionException shutDown) {
            closed = true;
        }
    }

    private void cancelLocked() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        nextRunAt = null;
    }

    private static Duration positive(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "Poller[" + name + "]";
    }
}

package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.StartConversationRequest;
import dev.ohtop.api.StartTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts a conversation and follows its start task through Cloud's steps (WORKING,
 * WAITING_FOR_SANDBOX, ... READY or ERROR), reading it after 2 s, then 4, 6, 8 and 10 s between
 * reads, for about 10 minutes in all. Runs on the injected scheduler; the caller reads
 * {@link #snapshot()} and gets {@code onChange} after each step.
 */
public final class StartTaskTracker {
    static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration WAIT_STEP = Duration.ofSeconds(2);
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    public static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
    /** The reference client's advice: more delegated conversations at once than this slow each other down. */
    public static final int RUNNING_ADVICE = 5;

    public enum State {
        /** Sending the request, or following the task. */
        STARTING,
        READY,
        /** The task ended in ERROR (or FAILED, CANCELLED): see {@code detail}. */
        ERROR,
        /** The request itself was refused, or the task vanished. */
        FAILED,
        TIMED_OUT,
        CANCELLED
    }

    /**
     * @param status        the task's status last read (WORKING, ..., READY, ERROR), or null before
     * @param statusesSeen  every status read, in order, each once
     * @param appConversationId set at READY: the conversation to open
     * @param detail        the task's own words at ERROR
     * @param problem       our words: why it failed or timed out, or the last transient error
     * @param task          the task as last read, with all its fields, or null before the first answer
     */
    public record StartSnapshot(
            State state,
            String taskId,
            String status,
            List<String> statusesSeen,
            String appConversationId,
            String agentServerUrl,
            String detail,
            Instant startedAt,
            String problem,
            StartTask task) {
        public Duration elapsed(Instant now) {
            return startedAt == null || now.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, now);
        }

        public boolean finished() {
            return state != State.STARTING;
        }
    }

    /** True when {@code running} conversations already run: at least {@value #RUNNING_ADVICE}. */
    public static boolean tooManyRunning(int running) {
        return running >= RUNNING_ADVICE;
    }

    /** The warning to show before starting another, or null when there is no need. */
    public static String runningWarning(int running) {
        return tooManyRunning(running)
                ? running + " conversations are already running; Cloud advises at most " + RUNNING_ADVICE + " at once"
                : null;
    }

    private final CloudClient cloud;
    private final StartConversationRequest request;
    private final Clock clock;
    private final Runnable onChange;
    private final Object lock = new Object();
    private final List<String> seen = new ArrayList<>();
    private final PollUntilDone polling;
    private volatile StartSnapshot snapshot;

    public StartTaskTracker(
            CloudClient cloud,
            StartConversationRequest request,
            ScheduledExecutorService scheduler,
            Clock clock,
            Runnable onChange) {
        this.cloud = Objects.requireNonNull(cloud);
        this.request = Objects.requireNonNull(request);
        this.polling = new PollUntilDone(scheduler, FIRST_WAIT, wait -> wait.plus(WAIT_STEP), MAX_WAIT, GIVE_UP_AFTER);
        this.clock = Objects.requireNonNull(clock);
        this.onChange = Objects.requireNonNull(onChange);
        this.snapshot = new StartSnapshot(State.STARTING, null, null, List.of(), null, null, null, null, null, null);
    }

    public StartSnapshot snapshot() {
        return snapshot;
    }

    /** Sends the request on the scheduler and returns at once. Calling it again does nothing. */
    public void start() {
        synchronized (lock) {
            if (!polling.begin()) {
                return;
            }
            snapshot = new StartSnapshot(
                    State.STARTING, null, null, List.of(), null, null, null, clock.instant(), null, null);
            refusedIf(!polling.now(this::send));
        }
        onChange.run();
    }

    /** Stops following the task (the conversation may still start on Cloud). */
    public void cancel() {
        synchronized (lock) {
            if (snapshot.finished()) {
                return;
            }
            polling.stop();
            setLocked(State.CANCELLED, null, "stopped following; the conversation may still start");
        }
        onChange.run();
    }

    private void send() {
        try {
            StartTask task = cloud.startConversation(request);
            synchronized (lock) {
                if (!snapshot.finished()) {
                    takeLocked(task);
                }
            }
        } catch (ApiException e) {
            synchronized (lock) {
                if (!snapshot.finished()) {
                    setLocked(
                            State.FAILED,
                            null,
                            e.mayHaveTakenEffect()
                                    ? "no clear answer to the start (" + e.getMessage()
                                            + "): the conversation may have started; the list will show it"
                                    : "could not start the conversation: " + e.getMessage());
                }
            }
        }
        onChange.run();
    }

    private void poll() {
        StartTask task = null;
        String problem = null;
        try {
            List<StartTask> found = cloud.getStartTasks(List.of(snapshot.taskId()));
            task = found.isEmpty() ? null : found.get(0);
            if (task == null) {
                problem = "the start task " + snapshot.taskId() + " is no longer known";
            }
        } catch (ApiException e) {
            problem = e.getMessage();
        }
        synchronized (lock) {
            if (snapshot.finished()) {
                return;
            }
            if (task != null) {
                takeLocked(task);
            } else if (isGone(problem)) {
                setLocked(State.FAILED, null, problem);
            } else {
                waitMoreLocked(problem);
            }
        }
        onChange.run();
    }

    private static boolean isGone(String problem) {
        return problem != null && problem.contains("no longer known");
    }

    private void takeLocked(StartTask task) {
        if (task.status() != null
                && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(task.status()))) {
            seen.add(task.status());
        }
        StartSnapshot s = snapshot;
        snapshot = new StartSnapshot(
                s.state(),
                task.id(),
                task.status(),
                List.copyOf(seen),
                task.appConversationId(),
                task.agentServerUrl(),
                task.detail(),
                s.startedAt(),
                null,
                task);
        if (StartTask.READY.equals(task.status())) {
            setLocked(State.READY, null, null);
        } else if (task.failed()) {
            setLocked(
                    State.ERROR,
                    task.detail(),
                    "the conversation could not start: " + (task.detail() == null ? "no detail given" : task.detail()));
        } else {
            waitMoreLocked(null);
        }
    }

    private void waitMoreLocked(String problem) {
        if (polling.outOfTime(snapshot.elapsed(clock.instant()))) {
            setLocked(
                    State.TIMED_OUT,
                    snapshot.detail(),
                    "the conversation was not ready after " + GIVE_UP_AFTER.toMinutes() + " minutes (last status "
                            + snapshot.status() + ")");
            return;
        }
        setLocked(State.STARTING, snapshot.detail(), problem);
        refusedIf(!polling.later(this::poll));
    }

    private void setLocked(State state, String detail, String problem) {
        StartSnapshot s = snapshot;
        snapshot = new StartSnapshot(
                state,
                s.taskId(),
                s.status(),
                s.statusesSeen(),
                s.appConversationId(),
                s.agentServerUrl(),
                detail,
                s.startedAt(),
                problem,
                s.task());
    }

    private void refusedIf(boolean refused) {
        if (refused) {
            setLocked(State.FAILED, null, PollUntilDone.SHUTTING_DOWN);
        }
    }
}

package dev.ohtop.monitor;

import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.AgentServerLocator;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.SandboxInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wakes a paused sandbox and waits until it runs again: asks the app server to resume it, then
 * reads its status with growing pauses (1 s doubling to 5 s) until RUNNING, and gives back where its
 * agent server now is. Everything happens on the injected scheduler; the caller reads
 * {@link #snapshot()} and gets {@code onChange} after each step.
 */
public final class SandboxResumer {
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** Cloud usually needs well under a minute; past this something is wrong. */
    public static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    public enum State {
        RESUMING,
        RUNNING,
        FAILED,
        TIMED_OUT,
        CANCELLED
    }

    /**
     * @param status   the sandbox status last read (PAUSED, STARTING, RUNNING...), or null before the first
     * @param location set once RUNNING: the agent server to use
     * @param problem  why it failed, or the last transient error while it keeps trying; null otherwise
     */
    public record ResumeSnapshot(
            String sandboxId,
            State state,
            String status,
            Instant startedAt,
            AgentServerLocation location,
            String problem) {
        public Duration elapsed(Instant now) {
            return startedAt == null || now.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, now);
        }

        public boolean finished() {
            return state != State.RESUMING;
        }
    }

    private final CloudClient cloud;
    private final String sandboxId;
    private final Clock clock;
    private final Runnable onChange;
    private final Object lock = new Object();
    private final PollUntilDone polling;
    private volatile ResumeSnapshot snapshot;

    public SandboxResumer(
            CloudClient cloud, String sandboxId, ScheduledExecutorService scheduler, Clock clock, Runnable onChange) {
        this.cloud = Objects.requireNonNull(cloud);
        this.sandboxId = Objects.requireNonNull(sandboxId);
        this.polling = new PollUntilDone(scheduler, FIRST_WAIT, wait -> wait.multipliedBy(2), MAX_WAIT, GIVE_UP_AFTER);
        this.clock = Objects.requireNonNull(clock);
        this.onChange = Objects.requireNonNull(onChange);
        this.snapshot = new ResumeSnapshot(sandboxId, State.RESUMING, null, null, null, null);
    }

    public ResumeSnapshot snapshot() {
        return snapshot;
    }

    /** Asks for the resume on the scheduler and returns at once. Calling it again does nothing. */
    public void start() {
        synchronized (lock) {
            if (!polling.begin()) {
                return;
            }
            snapshot = new ResumeSnapshot(sandboxId, State.RESUMING, "PAUSED", clock.instant(), null, null);
            refusedIf(!polling.now(this::resume));
        }
        onChange.run();
    }

    /** Stops waiting (the sandbox may still come up on its own). */
    public void cancel() {
        synchronized (lock) {
            if (snapshot.finished()) {
                return;
            }
            polling.stop();
            set(State.CANCELLED, snapshot.status(), null, "stopped waiting; the sandbox may still be starting");
        }
        onChange.run();
    }

    private void resume() {
        try {
            cloud.resumeSandbox(sandboxId);
            synchronized (lock) {
                if (!snapshot.finished()) {
                    set(State.RESUMING, "STARTING", null, null);
                    refusedIf(!polling.later(this::poll));
                }
            }
        } catch (ApiException e) {
            synchronized (lock) {
                if (!snapshot.finished() && e.mayHaveTakenEffect()) {
                    // It may be waking up all the same: its status will tell.
                    set(State.RESUMING, snapshot.status(), null, "no clear answer to the resume: " + e.getMessage());
                    refusedIf(!polling.later(this::poll));
                } else if (!snapshot.finished()) {
                    set(
                            State.FAILED,
                            snapshot.status(),
                            null,
                            e.isStatus(404)
                                    ? "the sandbox " + sandboxId + " is gone: it cannot be resumed"
                                    : "resume failed: " + e.getMessage());
                }
            }
        }
        onChange.run();
    }

    private void poll() {
        SandboxInfo sandbox = null;
        String problem = null;
        try {
            List<SandboxInfo> found = cloud.getSandboxes(List.of(sandboxId));
            sandbox = found.isEmpty() ? null : found.get(0);
        } catch (ApiException e) {
            problem = e.getMessage();
        }
        synchronized (lock) {
            if (snapshot.finished()) {
                return;
            }
            step(sandbox, problem);
        }
        onChange.run();
    }

    private void step(SandboxInfo sandbox, String problem) {
        String status = problem != null ? snapshot.status() : sandbox == null ? "MISSING" : sandbox.status();
        AgentServerLocation where = problem == null ? AgentServerLocator.fromSandbox(sandboxId, sandbox) : null;
        if (where instanceof AgentServerLocation.Available) {
            set(State.RUNNING, status, where, null);
        } else if ("MISSING".equals(status) || "ERROR".equals(status)) {
            String detail = sandbox == null || sandbox.statusDetail() == null ? "" : ": " + sandbox.statusDetail();
            set(State.FAILED, status, where, "the sandbox went to " + status + detail);
        } else if (polling.outOfTime(snapshot.elapsed(clock.instant()))) {
            set(
                    State.TIMED_OUT,
                    status,
                    where,
                    "the sandbox was not running after " + GIVE_UP_AFTER.toMinutes() + " minutes (last status " + status
                            + ")");
        } else {
            set(State.RESUMING, status, null, problem);
            refusedIf(!polling.later(this::poll));
        }
    }

    private void set(State state, String status, AgentServerLocation location, String problem) {
        snapshot = new ResumeSnapshot(sandboxId, state, status, snapshot.startedAt(), location, problem);
    }

    private void refusedIf(boolean refused) {
        if (refused) {
            set(State.FAILED, snapshot.status(), null, PollUntilDone.SHUTTING_DOWN);
        }
    }
}

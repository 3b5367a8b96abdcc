package dev.ohtop.monitor;

import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.TransferListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * One upload or download, run on the injected executor with progress, cancel and a final state.
 *
 * <p>A download never starts over an existing local file until the user confirms: {@link #start()}
 * then leaves it at {@link State#NEEDS_CONFIRMATION}, and {@link #confirmOverwrite()} goes on. The
 * client writes beside the target and renames only a complete file, so a failure or a cancel
 * leaves the old file as it was and nothing half-written.
 */
public final class Transfer {
    public enum Kind {
        UPLOAD,
        DOWNLOAD,
        TRAJECTORY
    }

    public enum State {
        /** Made, not started. */
        READY,
        /** The local file exists: waiting for {@link #confirmOverwrite()} or {@link #cancel()}. */
        NEEDS_CONFIRMATION,
        RUNNING,
        DONE,
        FAILED,
        CANCELLED
    }

    /** The transfer itself, on the worker; it reports progress and polls for cancel through the listener. */
    @FunctionalInterface
    interface Job {
        void run(String remotePath, TransferListener listener) throws IOException;
    }

    /** The sandbox path, made absolute on the worker (a relative one needs the sandbox's folder, read there). */
    @FunctionalInterface
    interface Remote {
        String path() throws IOException;
    }

    private final Kind kind;
    private final Remote remote;
    /** As typed until {@link #remote} made it absolute; guarded by the lock. */
    private String remotePath;

    private final Path localPath;
    private final Job job;
    private final ExecutorService worker;
    private final Runnable onChange;
    private final Object lock = new Object();
    private final TransferMeter meter;
    private State state = State.READY;
    private String message;
    private String pausedSandbox;
    private volatile boolean cancelRequested;
    private volatile TransferSnapshot snapshot;

    Transfer(
            Kind kind,
            String remotePath,
            Path localPath,
            Job job,
            ExecutorService worker,
            Clock clock,
            Runnable onChange) {
        this(kind, remotePath, () -> remotePath, localPath, job, worker, clock, onChange);
    }

    private Transfer(
            Kind kind,
            String shownRemote,
            Remote remote,
            Path localPath,
            Job job,
            ExecutorService worker,
            Clock clock,
            Runnable onChange) {
        this.kind = kind;
        this.remote = remote;
        this.remotePath = shownRemote;
        this.localPath = localPath;
        this.job = job;
        this.worker = Objects.requireNonNull(worker);
        this.onChange = Objects.requireNonNull(onChange);
        this.meter = new TransferMeter(Objects.requireNonNull(clock));
        publishLocked();
    }

    /** A transfer that cannot even begin (a bad path): it is FAILED from the start, with the reason. */
    static Transfer refused(
            Kind kind,
            String remotePath,
            Path localPath,
            String why,
            ExecutorService worker,
            Clock clock,
            Runnable onChange) {
        Transfer t = new Transfer(kind, remotePath, localPath, null, worker, clock, onChange);
        synchronized (t.lock) {
            t.state = State.FAILED;
            t.message = why;
            t.publishLocked();
        }
        return t;
    }

    /**
     * Uploads {@code localFile} to a sandbox path as typed ({@link SandboxPaths#uploadTarget}:
     * relative to the sandbox's folder, a folder path takes the file's name).
     */
    public static Transfer upload(
            SandboxAccess access,
            Path localFile,
            String typedRemote,
            ExecutorService worker,
            Clock clock,
            Runnable onChange) {
        return new Transfer(
                Kind.UPLOAD,
                shown(typedRemote),
                () -> SandboxPaths.uploadTarget(typedRemote, folderFor(access, typedRemote), localFile),
                localFile,
                (remote, listener) -> access.call(agent -> {
                    agent.upload(localFile, remote, listener);
                    return null;
                }),
                worker,
                clock,
                onChange);
    }

    /**
     * Downloads a sandbox path as typed to what the user chose: a file path, or a folder to put the
     * file in under its own base name (never outside that folder).
     */
    public static Transfer download(
            SandboxAccess access,
            String typedRemote,
            Path chosen,
            ExecutorService worker,
            Clock clock,
            Runnable onChange) {
        Path target;
        try {
            target = SandboxPaths.downloadTarget(chosen, typedRemote);
        } catch (IllegalArgumentException e) {
            return refused(Kind.DOWNLOAD, shown(typedRemote), chosen, e.getMessage(), worker, clock, onChange);
        }
        return new Transfer(
                Kind.DOWNLOAD,
                shown(typedRemote),
                () -> SandboxPaths.remote(typedRemote, folderFor(access, typedRemote)),
                target,
                (remote, listener) -> access.call(agent -> {
                    agent.download(remote, target, listener);
                    return null;
                }),
                worker,
                clock,
                onChange);
    }

    /** The sandbox's folder when a relative path needs it (read on the worker, kept by the access); else null. */
    private static SandboxFolder folderFor(SandboxAccess access, String typed) throws IOException {
        return SandboxPaths.isAbsolute(typed) ? null : access.folder();
    }

    /** What the screen shows before the path is made absolute: an absolute one resolved, a relative one as typed. */
    private static String shown(String typed) {
        return SandboxPaths.isAbsolute(typed) ? SandboxPaths.remote(typed, null) : typed == null ? "" : typed.strip();
    }

    public TransferSnapshot snapshot() {
        return snapshot;
    }

    /** Starts it, or asks first when a download would replace a file. Does nothing once started. */
    public void start() {
        synchronized (lock) {
            if (state != State.READY) {
                return;
            }
            if (kind != Kind.UPLOAD && Files.exists(localPath)) {
                state = State.NEEDS_CONFIRMATION;
                message = localPath + " exists: overwrite it?";
                publishLocked();
            } else {
                launchLocked();
            }
        }
        onChange.run();
    }

    /** The user said yes to replacing the local file. */
    public void confirmOverwrite() {
        synchronized (lock) {
            if (state != State.NEEDS_CONFIRMATION) {
                return;
            }
            launchLocked();
        }
        onChange.run();
    }

    /**
     * Stops it: before it runs, at once; while it runs, the transfer stops at its next buffer and
     * then reports CANCELLED (a download leaves nothing behind, an upload no file in the sandbox).
     */
    public void cancel() {
        synchronized (lock) {
            if (cancelRequested || finishedLocked()) {
                return;
            }
            cancelRequested = true;
            if (state == State.RUNNING) {
                message = "cancelling";
            } else {
                state = State.CANCELLED;
                message = "cancelled";
            }
            publishLocked();
        }
        onChange.run();
    }

    private boolean finishedLocked() {
        return state == State.DONE || state == State.FAILED || state == State.CANCELLED;
    }

    private void launchLocked() {
        state = State.RUNNING;
        message = null;
        meter.start();
        publishLocked();
        try {
            worker.execute(this::run);
        } catch (RejectedExecutionException e) {
            state = State.FAILED;
            message = "cannot start: shutting down";
            publishLocked();
        }
    }

    private void run() {
        TransferListener listener = new TransferListener() {
            @Override
            public void progress(long done, long total) {
                synchronized (lock) {
                    meter.progress(done, total);
                    publishLocked();
                }
                onChange.run();
            }

            @Override
            public boolean cancelled() {
                return cancelRequested;
            }
        };
        State end;
        String why = null;
        String path;
        try {
            path = remote.path();
        } catch (IllegalArgumentException e) {
            end(State.FAILED, e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            failed(e);
            return;
        }
        synchronized (lock) {
            remotePath = path;
            publishLocked();
        }
        onChange.run();
        try {
            job.run(path, listener);
            end = State.DONE;
            why = cancelRequested ? "it had finished before the cancel took effect" : null;
        } catch (Error e) {
            end(State.FAILED, "internal error: " + e);
            throw e;
        } catch (IOException | RuntimeException e) {
            failed(e);
            return;
        }
        end(end, why);
    }

    private void failed(Exception e) {
        boolean cancelled =
                cancelRequested || (e instanceof ApiException api && api.failure() == ApiException.Failure.CANCELLED);
        if (e instanceof SandboxNotReadyException notReady
                && notReady.location() instanceof AgentServerLocation.SandboxPaused paused) {
            synchronized (lock) {
                pausedSandbox = paused.sandboxId();
            }
        }
        String shownRemote;
        synchronized (lock) {
            shownRemote = remotePath;
        }
        end(
                cancelled ? State.CANCELLED : State.FAILED,
                cancelled ? "cancelled" : TransferFailures.describe(kind, e, shownRemote, localPath));
    }

    private void end(State end, String why) {
        synchronized (lock) {
            state = end;
            message = why;
            publishLocked();
        }
        onChange.run();
    }

    private void publishLocked() {
        snapshot = new TransferSnapshot(
                kind,
                remotePath,
                localPath,
                state,
                meter.done(),
                meter.total(),
                meter.bytesPerSecond(),
                meter.eta(),
                meter.elapsed(),
                message,
                pausedSandbox);
    }

    @Override
    public String toString() {
        return "Transfer[" + kind + " " + snapshot.remotePath() + " <-> " + localPath + ", " + snapshot.state() + "]";
    }
}

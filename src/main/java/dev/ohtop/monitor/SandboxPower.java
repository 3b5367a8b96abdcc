package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Pausing and resuming sandboxes of the sandboxes list, on the worker. From the moment a request
 * leaves until the status changes, the board shows it on the row ({@link SandboxRow#pending()}); a
 * failure takes that mark off again and comes back as one line.
 */
public final class SandboxPower {
    /** What can be asked of a sandbox, and the one status it can be asked in. */
    public enum Change {
        PAUSE("pause", "pausing", "RUNNING", SandboxRow.Pending.PAUSING),
        RESUME("resume", "resuming", "PAUSED", SandboxRow.Pending.RESUMING);

        public final String verb;
        public final String doing;
        public final String from;
        public final SandboxRow.Pending pending;

        Change(String verb, String doing, String from, SandboxRow.Pending pending) {
            this.verb = verb;
            this.doing = doing;
            this.from = from;
            this.pending = pending;
        }
    }

    /** What became of one request: {@code problem} is null when the server took it. */
    public record Answer(Change change, String sandboxId, String problem) {}

    private final CloudClient cloud;
    private final SandboxBoard board;
    private final Executor worker;
    private final Consumer<Answer> onAnswer;

    /** @param onAnswer runs on the worker once the server has answered each request */
    public SandboxPower(CloudClient cloud, SandboxBoard board, Executor worker, Consumer<Answer> onAnswer) {
        this.cloud = Objects.requireNonNull(cloud);
        this.board = Objects.requireNonNull(board);
        this.worker = Objects.requireNonNull(worker);
        this.onAnswer = Objects.requireNonNull(onAnswer);
    }

    /**
     * Sends the request and returns at once: null once it is on its way, or why it could not
     * even leave (the workers are shut down).
     */
    public String request(Change change, String sandboxId) {
        // Marked before the request leaves, so no refresh in between can miss the status change.
        board.markPending(sandboxId, change.pending);
        try {
            worker.execute(() -> onAnswer.accept(send(change, sandboxId)));
            return null;
        } catch (RejectedExecutionException e) {
            board.clearPending(sandboxId);
            return "could not " + change.verb + " " + sandboxId + ": ohtop is shutting down";
        }
    }

    private Answer send(Change change, String sandboxId) {
        String problem;
        try {
            boolean confirmed = change == Change.PAUSE ? cloud.pauseSandbox(sandboxId) : cloud.resumeSandbox(sandboxId);
            problem = confirmed ? null : "the server did not confirm it";
        } catch (ApiException e) {
            problem = e.getMessage();
        } catch (RuntimeException e) {
            problem = e.getClass().getSimpleName();
        }
        if (problem == null) {
            return new Answer(change, sandboxId, null);
        }
        board.clearPending(sandboxId);
        return new Answer(change, sandboxId, "could not " + change.verb + " " + sandboxId + ": " + problem);
    }
}

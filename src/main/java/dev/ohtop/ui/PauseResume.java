package dev.ohtop.ui;

import dev.ohtop.terminal.Canvas;
import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import dev.ohtop.monitor.SandboxBoard;
import dev.ohtop.monitor.SandboxRow;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pausing or resuming one sandbox from the sandboxes screen: the checks, the y/N question (a
 * pause stops the agents of every conversation in it), then the request on a worker thread.
 * While the request is under way and until the status changes, the board shows it on the row;
 * a failure comes back as one line for the screen to flash ({@link #takeFailure()}).
 */
final class PauseResume {
    /** What can be asked of a sandbox, and the one status it can be asked in. */
    enum Kind {
        PAUSE("pause", "pausing", "RUNNING", SandboxRow.Pending.PAUSING),
        RESUME("resume", "resuming", "PAUSED", SandboxRow.Pending.RESUMING);

        final String verb;
        final String doing;
        final String from;
        final SandboxRow.Pending pending;

        Kind(String verb, String doing, String from, SandboxRow.Pending pending) {
            this.verb = verb;
            this.doing = doing;
            this.from = from;
            this.pending = pending;
        }

        boolean send(CloudClient cloud, String sandboxId) throws ApiException {
            return this == PAUSE ? cloud.pauseSandbox(sandboxId) : cloud.resumeSandbox(sandboxId);
        }

        /** Why this cannot be asked of a sandbox in {@code status}. */
        String refusal(String sandboxId, String status) {
            boolean already = this == PAUSE ? "PAUSED".equals(status)
                    : "RUNNING".equals(status) || "STARTING".equals(status);
            return sandboxId + " is " + status + (already ? " already" : ": only a " + from + " sandbox can be "
                    + (this == PAUSE ? "paused" : "resumed"));
        }
    }

    private final SandboxBoard board;
    private final CloudClient cloud;
    private final Executor worker;
    /** Runs on the worker once the server has answered (refresh the list, redraw). */
    private final Runnable answered;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private Question question;
    private Kind asked;
    private String askedId;

    PauseResume(SandboxBoard board, CloudClient cloud, Executor worker, Runnable answered) {
        this.board = Objects.requireNonNull(board);
        this.cloud = Objects.requireNonNull(cloud);
        this.worker = Objects.requireNonNull(worker);
        this.answered = Objects.requireNonNull(answered);
    }

    /**
     * Asks whether to {@code kind} the sandbox, or says at once why it cannot be done.
     *
     * @param usedBy titles of the conversations in the sandbox, the most relevant first
     */
    View.Step ask(Kind kind, SandboxRow row, List<String> usedBy) {
        if (row.pending() != null) {
            return new View.Step.Flash(row.id() + " is " + (row.pending() == SandboxRow.Pending.PAUSING ? "pausing"
                    : "resuming") + " already");
        }
        if (!row.is(kind.from)) {
            return new View.Step.Flash(kind.refusal(row.id(), row.status() == null ? "in no known status" : row.status()));
        }
        asked = kind;
        askedId = row.id();
        question = new Question(kind.verb + " sandbox " + row.id() + usage(usedBy) + "?");
        return View.Step.STAY;
    }

    private static String usage(List<String> usedBy) {
        if (usedBy.isEmpty()) {
            return "";
        }
        return " (used by " + usedBy.get(0) + (usedBy.size() > 1 ? " and " + (usedBy.size() - 1) + " more" : "") + ")";
    }

    boolean asking() {
        return question != null;
    }

    /** Takes every key while asking; {@code y} sends the request. */
    View.Step onKey(KeyStroke key) {
        Question.Answer answer = question.on(key);
        if (answer == Question.Answer.ASKING) {
            return View.Step.STAY;
        }
        question = null;
        return answer == Question.Answer.YES ? send(asked, askedId) : View.Step.STAY;
    }

    /** Ctrl+C while asking says no; null when nothing is asked. */
    String interrupt() {
        boolean wasAsking = question != null;
        question = null;
        return wasAsking ? "answered no" : null;
    }

    void draw(Canvas row) {
        if (question != null) {
            question.draw(row);
        }
    }

    /** The one-line message of a request that failed since the last call, or null. */
    String takeFailure() {
        return failure.getAndSet(null);
    }

    private View.Step send(Kind kind, String sandboxId) {
        // Marked before the request leaves, so no refresh in between can miss the status change.
        board.markPending(sandboxId, kind.pending);
        worker.execute(() -> {
            try {
                if (!kind.send(cloud, sandboxId)) {
                    fail(sandboxId, "could not " + kind.verb + " " + sandboxId + ": the server did not confirm it");
                }
            } catch (ApiException e) {
                fail(sandboxId, "could not " + kind.verb + " " + sandboxId + ": " + e.getMessage());
            } catch (RuntimeException e) {
                fail(sandboxId, "could not " + kind.verb + " " + sandboxId + ": " + e.getClass().getSimpleName());
            } finally {
                answered.run();
            }
        });
        return new View.Step.Flash(kind.doing + " " + sandboxId + "…");
    }

    private void fail(String sandboxId, String message) {
        board.clearPending(sandboxId);
        failure.set(message);
    }
}

package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.monitor.SandboxPower;
import dev.ohtop.monitor.SandboxPower.Change;
import dev.ohtop.monitor.SandboxRow;
import dev.ohtop.terminal.Canvas;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Pausing or resuming one sandbox from the sandboxes screen: the checks, the y/N question (a
 * pause stops the agents of every conversation in it), then the request through the monitor's
 * {@link SandboxPower}. While the request is under way and until the status changes, the board
 * shows it on the row; a failure comes back as one line for the screen to flash ({@link #takeFailure()}).
 */
final class PauseResume {
    private final SandboxPower power;
    /** A failed request's line, set on the UI thread when its answer is handed over; said once. */
    private String failure;

    private Question question;
    private Change asked;
    private String askedId;

    /**
     * @param powers   makes the sender of requests, given what hears each answer (on the worker)
     * @param ui       the UI thread's hand-off: a failure is taken there
     * @param answered runs on the worker once the server has answered (read the list again at once)
     */
    PauseResume(Function<Consumer<SandboxPower.Answer>, SandboxPower> powers, Executor ui, Runnable answered) {
        Objects.requireNonNull(ui);
        Objects.requireNonNull(answered);
        this.power = powers.apply(answer -> {
            answered.run();
            ui.execute(() -> taken(answer));
        });
    }

    /**
     * Asks whether to {@code kind} the sandbox, or says at once why it cannot be done.
     *
     * @param usedBy titles of the conversations in the sandbox, the most relevant first
     */
    View.Step ask(Change kind, SandboxRow row, List<String> usedBy) {
        if (row.pending() != null) {
            return new View.Step.Flash(row.id() + " is "
                    + (row.pending() == SandboxRow.Pending.PAUSING ? "pausing" : "resuming") + " already");
        }
        if (!row.is(kind.from)) {
            return new View.Step.Flash(
                    refusal(kind, row.id(), row.status() == null ? "in no known status" : row.status()));
        }
        asked = kind;
        askedId = row.id();
        question = new Question(kind.verb + " sandbox " + row.id() + usage(usedBy) + "?");
        return View.Step.STAY;
    }

    /** Why {@code kind} cannot be asked of a sandbox in {@code status}. */
    private static String refusal(Change kind, String sandboxId, String status) {
        boolean already =
                kind == Change.PAUSE ? "PAUSED".equals(status) : "RUNNING".equals(status) || "STARTING".equals(status);
        return sandboxId + " is " + status
                + (already
                        ? " already"
                        : ": only a " + kind.from + " sandbox can be " + (kind == Change.PAUSE ? "paused" : "resumed"));
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
        String said = failure;
        failure = null;
        return said;
    }

    private void taken(SandboxPower.Answer answer) {
        if (answer.problem() != null) {
            failure = answer.problem();
        }
    }

    private View.Step send(Change kind, String sandboxId) {
        String refused = power.request(kind, sandboxId);
        return new View.Step.Flash(refused != null ? refused : kind.doing + " " + sandboxId + "…");
    }
}

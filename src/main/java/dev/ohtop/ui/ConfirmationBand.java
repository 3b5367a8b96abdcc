package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.ConfirmationAnswer;
import dev.ohtop.monitor.ConfirmationAnswer.AnswerSnapshot;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.PendingActions;
import dev.ohtop.monitor.PendingActions.PendingAction;
import dev.ohtop.monitor.TailSnapshot;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.TerminalText;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * On the events screen of a conversation in confirmation mode: the action(s) its agent waits to
 * have confirmed, as a band at the bottom, and the user's answer. Approving asks y/N first when
 * the agent called any of them HIGH risk; rejecting asks for an optional reason on one line. The
 * answer goes through the monitor's {@link ConfirmationAnswer}, which looks again right before
 * sending (an answer given elsewhere meanwhile is not given twice); a paused sandbox brings the
 * offer to resume it, then the same answer goes. How it went is said on the status line.
 */
final class ConfirmationBand {
    private static final String WAITING = "waiting_for_confirmation";
    /** Rows of waiting actions at most; the last one counts the rest. */
    private static final int MAX_ROWS = 3;

    private final Supplier<ConversationRow> conversation;
    /** Makes a fresh answer, given what runs (on the worker) once it went or did not. */
    private final Function<Runnable, ConfirmationAnswer> answers;

    private final ResumeOffer resume;
    private final Executor ui;
    private final boolean readonly;

    /** The tail the pending actions were last read from, and what they were: read again only when it changes. */
    private TailSnapshot readFrom;

    private List<PendingAction> readPending = List.of();
    /** Actions answered here: no longer shown while the tail has not yet caught up with their answer. */
    private final Set<String> answered = new HashSet<>();

    /** What the question, the reason prompt and the answer under way are about, as the user saw it. */
    private List<PendingAction> asked = List.of();

    private Question approveHighRisk;
    private LineEditor reason;
    private ConfirmationAnswer answer;
    private boolean accepting;
    private String reasonGiven;
    /** A line for the status line, said once from {@link #next()}. */
    private String notice;

    ConfirmationBand(
            Supplier<ConversationRow> conversation,
            Function<Runnable, ConfirmationAnswer> answers,
            ResumeOffer resume,
            Executor ui,
            boolean readonly) {
        this.conversation = conversation;
        this.answers = answers;
        this.resume = resume;
        this.ui = ui;
        this.readonly = readonly;
    }

    /**
     * The actions waiting for an answer, oldest first: none unless the conversation waits for
     * confirmation, as the list says and, when the tail has heard of a newer status (the agent
     * running again after an answer, before the list's next refresh), as the tail says too.
     */
    List<PendingAction> pending(TailSnapshot tail) {
        ConversationRow row = conversation.get();
        if (row == null || !waiting(row.executionStatus())) {
            return List.of();
        }
        if (tail != readFrom) { // snapshots are replaced whole: the same one holds the same events
            readFrom = tail;
            String heard = PendingActions.latestExecutionStatus(tail);
            readPending = heard == null || waiting(heard) ? PendingActions.in(tail) : List.of();
        }
        return readPending.stream().filter(p -> !answered.contains(p.eventId())).toList();
    }

    private static boolean waiting(String status) {
        return status != null && WAITING.equals(status.toLowerCase(Locale.ROOT));
    }

    /** The rows the band takes for {@code pending}. */
    static int rows(List<PendingAction> pending) {
        return Math.min(pending.size(), MAX_ROWS);
    }

    /** One highlighted row per waiting action: tool, command or path, the agent's stated risk. */
    void draw(Canvas band, List<PendingAction> pending) {
        int shown = Math.min(band.height(), rows(pending));
        for (int r = 0; r < shown; r++) {
            Canvas row = band.rows(r, 1);
            row.bar(0, "", Theme.PENDING);
            if (r == shown - 1 && pending.size() > shown) {
                row.text(1, 0, "waits for you: " + (pending.size() - r) + " more actions", Theme.PENDING);
                continue;
            }
            PendingAction action = pending.get(r);
            String risk = " (risk " + action.risk() + ")";
            int c = row.text(1, 0, "waits for you: " + action.tool(), Theme.PENDING);
            if (!action.what().isEmpty()) {
                // the command is cut, never the risk after it
                c = row.text(c, 0, ": " + action.what(), row.width() - c - TerminalText.width(risk), Theme.PENDING);
            }
            row.text(c, 0, risk, Theme.PENDING);
        }
    }

    /** Asking something on the screen's last row (y/N, the reason, a resume): it takes the keys. */
    boolean prompting() {
        return approveHighRisk != null || reason != null || resume.hasLine();
    }

    /** The last row while {@link #prompting()}. */
    void drawPrompt(Canvas row, Instant now) {
        if (approveHighRisk != null) {
            approveHighRisk.draw(row);
        } else if (reason != null) {
            reason.draw(row);
        } else {
            resume.draw(row, now);
        }
    }

    /** The answer under way, for the status line; null when none is. */
    String status() {
        if (answer == null || answer.snapshot().state() != ConfirmationAnswer.State.SENDING) {
            return null;
        }
        return (accepting ? "approving " : "rejecting ") + described(asked) + "…";
    }

    boolean offers(Action action, TailSnapshot tail) {
        return (action != Action.APPROVE && action != Action.REJECT)
                || !pending(tail).isEmpty();
    }

    /** Approve or reject what waits; null for any other action. */
    View.Step on(Action action, TailSnapshot tail) {
        if (action != Action.APPROVE && action != Action.REJECT) {
            return null;
        }
        if (readonly) {
            return new View.Step.Flash(Chrome.refusedReadonly(action));
        }
        if (busy()) {
            return new View.Step.Flash("an answer is under way already");
        }
        List<PendingAction> pending = pending(tail);
        if (pending.isEmpty()) {
            return new View.Step.Flash("nothing waits for confirmation here");
        }
        asked = pending;
        if (action == Action.REJECT) {
            reason = new LineEditor("reason for rejecting (optional; Enter sends, Esc cancels): ", "");
        } else if (PendingActions.anyHighRisk(pending)) {
            approveHighRisk = new Question("approve " + described(pending) + " (risk HIGH)?");
        } else {
            send(true, null);
        }
        return View.Step.STAY;
    }

    private boolean busy() {
        ConfirmationAnswer.State state =
                answer == null ? null : answer.snapshot().state();
        return state == ConfirmationAnswer.State.SENDING
                || state == ConfirmationAnswer.State.LOOKING
                || resume.active();
    }

    /** Raw keys while asking; {@link View.Step#PASS} when nothing is asked. */
    View.Step onKey(KeyStroke key) {
        if (resume.active()) {
            resume.onKey(key);
            return View.Step.STAY;
        }
        if (approveHighRisk != null) {
            Question.Answer said = approveHighRisk.on(key);
            if (said == Question.Answer.ASKING) {
                return View.Step.STAY;
            }
            approveHighRisk = null;
            if (said == Question.Answer.NO) {
                return new View.Step.Flash("not approved: nothing sent");
            }
            send(true, null);
            return View.Step.STAY;
        }
        if (reason != null) {
            LineEditor.Result result = reason.on(key);
            if (result == LineEditor.Result.CANCELLED) {
                reason = null;
                return new View.Step.Flash("not rejected: nothing sent");
            }
            if (result == LineEditor.Result.ACCEPTED) {
                String text = reason.text().strip();
                reason = null;
                send(false, text.isEmpty() ? null : text);
            }
            return View.Step.STAY;
        }
        return View.Step.PASS;
    }

    /** Ctrl+C: stops a resume, says no, or drops the reason; null when nothing is asked. */
    String interrupt() {
        String stopped = resume.interrupt();
        if (stopped != null) {
            return stopped;
        }
        if (approveHighRisk != null) {
            approveHighRisk = null;
            return "answered no: nothing sent";
        }
        if (reason != null) {
            reason = null;
            return "not rejected: nothing sent";
        }
        return null;
    }

    /** On the UI thread after every event: a resumed sandbox gets the answer it waited for; how an answer went is said once. */
    View.Step next() {
        resume.settle();
        String said = notice;
        notice = null;
        return said == null ? View.Step.STAY : new View.Step.Flash(said);
    }

    /** Sends the answer to exactly what the user saw ({@link #asked}); the monitor looks again first. */
    private void send(boolean accept, String why) {
        accepting = accept;
        reasonGiven = why;
        answer = answers.apply(() -> ui.execute(this::answered));
        answer.answer(accept, why, asked.stream().map(PendingAction::eventId).toList());
        if (answer.snapshot().state() == ConfirmationAnswer.State.FAILED) {
            notice = answer.snapshot().problem(); // not even started (shutting down)
        }
    }

    /** On the UI thread once the answer went, or did not. */
    private void answered() {
        AnswerSnapshot s = answer.snapshot();
        switch (s.state()) {
            case DONE -> {
                s.actions().forEach(a -> answered.add(a.eventId()));
                notice = (accepting ? "approved: " : "rejected: ")
                        + described(s.actions())
                        + (reasonGiven == null ? "" : " (" + reasonGiven + ")");
            }
            case NOT_WAITING ->
                notice = s.actions().isEmpty()
                        ? "it no longer waits: answered elsewhere; nothing sent"
                        : "it no longer waits for what was shown (answered elsewhere?): nothing sent; look again";
            case PAUSED -> {
                boolean accept = accepting;
                String why = reasonGiven;
                resume.offer(s.pausedSandbox(), () -> send(accept, why));
            }
            case FAILED -> notice = s.problem();
            default -> {}
        }
    }

    /** "terminal rm -rf build", and how many more. */
    private static String described(List<PendingAction> actions) {
        if (actions.isEmpty()) {
            return "what waits";
        }
        PendingAction first = actions.get(0);
        String one = first.what().isEmpty() ? first.tool() : first.tool() + " " + first.what();
        return actions.size() == 1 ? one : one + " and " + (actions.size() - 1) + " more";
    }
}

package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.BoardSnapshot;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.ConversationStart;
import dev.ohtop.monitor.Durations;
import dev.ohtop.monitor.StartTaskTracker;
import dev.ohtop.monitor.StartTaskTracker.StartSnapshot;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import dev.ohtop.terminal.Wrap;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A new delegated conversation: a form (the task, repository, branch, title), then its start
 * task's progress through Cloud's steps. At READY the new conversation's events open in this
 * screen's place; at ERROR the task's own words are shown and the form can be sent again.
 */
final class NewConversationView implements View, Chrome.Status {
    private final ConversationBoard board;
    private final Function<ConversationStart.Form, ConversationStart> starts;
    private final Function<ConversationRow, View> openEvents;
    private final Keymap keys;
    private final TextField message = new TextField("Task", true);
    private final TextField repository = new TextField("Repository", false);
    private final TextField branch = new TextField("Branch", false);
    private final TextField title = new TextField("Title", false);
    private final List<TextField> fields = List.of(message, repository, branch, title);
    private int focus;
    private Question discard;
    /** Asked before sending again while the first start, no longer followed, may still come up. */
    private Question resend;
    /** The start sent last, or null before the first. */
    private ConversationStart start;

    /** @param starts makes a start (not yet sent) of what the form says */
    NewConversationView(
            ConversationBoard board,
            Function<ConversationStart.Form, ConversationStart> starts,
            Function<ConversationRow, View> openEvents,
            Keymap keys) {
        this.keys = keys;
        this.board = board;
        this.starts = starts;
        this.openEvents = openEvents;
    }

    @Override
    public Scope scope() {
        return Scope.COMPOSE;
    }

    @Override
    public String title() {
        return "new conversation";
    }

    private boolean editing() {
        return start == null || isRetryable(start.snapshot().task());
    }

    /** A start that ended badly gives the form back, fields as typed, to fix and send again. */
    private static boolean isRetryable(StartSnapshot s) {
        return s.finished() && s.state() != StartTaskTracker.State.READY;
    }

    // ---- drawing ----------------------------------------------------------------------

    @Override
    public void draw(Canvas canvas, Instant now) {
        BoardSnapshot snap = board.snapshot();
        int c = canvas.text(1, 0, "New conversation", Theme.TITLE);
        String warning = StartTaskTracker.runningWarning(snap.running());
        if (warning != null) {
            canvas.text(c + 3, 0, "⚠ " + warning, Theme.WARNING);
        }
        int row = 2;
        if (start != null) {
            row = progress(canvas, row, start.snapshot(), now) + 1;
        }
        if (editing()) {
            form(canvas.rows(row, canvas.height() - row - (asked() == null ? 0 : 1)));
        }
        if (asked() != null) {
            asked().draw(canvas.rows(canvas.height() - 1, 1));
        }
    }

    private Question asked() {
        return discard != null ? discard : resend;
    }

    private void form(Canvas area) {
        int labelWidth = 12;
        int width = Math.max(10, area.width() - labelWidth - 2);
        int fixedRows = 2 * (fields.size() - 1) + 1;
        int messageRows = Math.max(3, Math.min(12, area.height() - fixedRows - 1));
        int row = 0;
        for (int i = 0; i < fields.size(); i++) {
            TextField field = fields.get(i);
            boolean focused = i == focus;
            List<String> lines = field.rows(width, field == message ? messageRows : 1, focused);
            int height = field == message ? messageRows : 1;
            for (int r = 0; r < height; r++) {
                area.bar(row + r, "", Style.NORMAL);
                area.text(1, row + r, r == 0 ? field.label() : "", focused ? Theme.TITLE : Theme.DIM);
                area.text(labelWidth + 1, row + r, "▏", focused ? Theme.TITLE : Theme.DIM);
                area.text(labelWidth + 2, row + r, r < lines.size() ? lines.get(r) : "", Style.NORMAL);
            }
            row += height + 1;
        }
        area.text(labelWidth + 2, row - 1, field(focus) == message ? "Enter: new line" : "optional", Theme.DIM);
    }

    private TextField field(int index) {
        return fields.get(index);
    }

    private int progress(Canvas canvas, int row, ConversationStart.StartProgress progress, Instant now) {
        StartSnapshot s = progress.task();
        String readyProblem = progress.problem();
        String heading = switch (s.state()) {
            case STARTING -> "starting… " + Durations.brief(s.elapsed(now)) + "  (" + backKey() + " stops following)";
            case READY -> "READY" + (readyProblem != null ? ": " + readyProblem : ": opening its events…");
            case ERROR -> "the conversation could not start (ERROR)";
            case FAILED -> "could not start";
            case TIMED_OUT -> "gave up waiting";
            case CANCELLED -> "stopped following";
        };
        canvas.text(
                1,
                row++,
                heading,
                s.state() == StartTaskTracker.State.STARTING
                        ? Theme.CHANGED
                        : s.state() == StartTaskTracker.State.READY ? Theme.OK : Theme.ERROR);
        List<String> seen = s.statusesSeen();
        for (int i = 0; i < seen.size(); i++) {
            boolean current = i == seen.size() - 1 && s.state() == StartTaskTracker.State.STARTING;
            boolean failed = "ERROR".equals(seen.get(i));
            canvas.text(
                    3,
                    row++,
                    (failed ? "✗ " : current ? "● " : "✓ ") + seen.get(i),
                    failed ? Theme.ERROR : current ? Theme.CHANGED : Theme.OK);
        }
        String words = s.state() == StartTaskTracker.State.ERROR ? s.detail() : s.problem();
        if (words != null && s.finished()) {
            for (String line : Wrap.lines(words, canvas.width() - 4, 8)) {
                canvas.text(3, row++, line, Theme.ERROR);
            }
            canvas.text(3, row++, "fix the form below and send again, or " + backKey() + " to leave", Theme.DIM);
        }
        return row;
    }

    /** The key that goes back here, as the hints name it. */
    private String backKey() {
        return keys.keyName(Scope.COMPOSE, Action.BACK);
    }

    @Override
    public String status(Instant now) {
        if (start != null && !start.snapshot().task().finished()) {
            StartSnapshot s = start.snapshot().task();
            return "start task " + (s.taskId() == null ? "being sent" : s.taskId()) + ": "
                    + (s.status() == null ? "…" : s.status()) + (s.problem() == null ? "" : " (" + s.problem() + ")");
        }
        return null;
    }

    // ---- keys -------------------------------------------------------------------------

    /** While a start is followed the form is gone: its keys are not offered, only the way out. */
    @Override
    public boolean offers(Action action) {
        return editing() || action.scope() != Scope.COMPOSE;
    }

    @Override
    public Step onKey(KeyStroke key) {
        if (resend != null) {
            Question.Answer answer = resend.on(key);
            if (answer == Question.Answer.ASKING) {
                return Step.STAY;
            }
            resend = null;
            return answer == Question.Answer.YES ? start() : Step.STAY;
        }
        if (discard != null) {
            Question.Answer answer = discard.on(key);
            if (answer == Question.Answer.ASKING) {
                return Step.STAY;
            }
            discard = null;
            return answer == Question.Answer.YES ? Step.BACK : Step.STAY;
        }
        if (!editing()) {
            return Step.PASS;
        }
        TextField.Result result = field(focus).on(key);
        if (result == TextField.Result.ENTER) {
            focus = Math.min(fields.size() - 1, focus + 1);
        }
        return result == TextField.Result.IGNORED ? Step.PASS : Step.STAY;
    }

    @Override
    public Step on(Action action) {
        switch (action) {
            case COMPOSE_NEXT_FIELD -> focus = (focus + 1) % fields.size();
            case COMPOSE_PREVIOUS_FIELD -> focus = (focus + fields.size() - 1) % fields.size();
            case COMPOSE_SEND -> {
                return send();
            }
            case BACK -> {
                return back();
            }
            default -> {
                return Step.STAY;
            }
        }
        return Step.STAY;
    }

    private Step send() {
        if (!editing()) {
            return Step.STAY;
        }
        if (message.isBlank()) {
            focus = 0;
            return new Step.Flash("write the task first: it is the conversation's first message");
        }
        if (mayStillStart()) {
            resend = new Question("the first one may still start: send again?");
            return Step.STAY;
        }
        return start();
    }

    /** The last start was left (stopped following, or waiting gave up), not refused: it may yet come up. */
    private boolean mayStillStart() {
        StartTaskTracker.State last =
                start == null ? null : start.snapshot().task().state();
        return last == StartTaskTracker.State.CANCELLED || last == StartTaskTracker.State.TIMED_OUT;
    }

    private Step start() {
        start = starts.apply(
                new ConversationStart.Form(message.text().strip(), repository.text(), branch.text(), title.text()));
        start.start();
        return Step.STAY;
    }

    private Step back() {
        if (start != null && !start.snapshot().task().finished()) {
            start.cancel();
            return new Step.Flash("stopped following; the conversation may still start (it will show in the list)");
        }
        boolean typed = fields.stream().anyMatch(f -> !f.isBlank());
        if (editing() && typed) {
            discard = new Question("discard this new conversation?");
            return Step.HANDLED;
        }
        return Step.BACK;
    }

    /**
     * Ctrl+C stops following a start, says no to a question, or drops what is typed in a one-line
     * field; the task (many lines) is kept, since Esc asks before dropping it.
     */
    @Override
    public String interrupt() {
        if (start != null && !start.snapshot().task().finished()) {
            start.cancel();
            return "stopped following the start";
        }
        if (discard != null) {
            discard = null;
            return "answered no";
        }
        if (!editing()) {
            return null;
        }
        TextField typing = field(focus);
        if (typing.multiLine()) {
            return "the task is kept";
        }
        typing.set("");
        return "line dropped";
    }

    /** At READY, once the monitor has read the new conversation: its events open in this screen's place. */
    @Override
    public Step next() {
        ConversationRow ready = start == null ? null : start.snapshot().conversation();
        return ready == null ? Step.STAY : new Step.Replace(openEvents.apply(ready));
    }
}

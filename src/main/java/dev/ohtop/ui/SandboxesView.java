package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.Poller;
import dev.ohtop.monitor.SandboxBoard;
import dev.ohtop.monitor.SandboxBoardSnapshot;
import dev.ohtop.monitor.SandboxPower;
import dev.ohtop.monitor.SandboxRow;
import dev.ohtop.presentation.Ages;
import dev.ohtop.presentation.SandboxText;
import dev.ohtop.presentation.StatusLines;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The account's sandboxes, newest first, with the conversations that use each; pause and resume
 * with a confirmation. The selection is a sandbox from the first frame on ({@link Selection}), so
 * a refresh that brings a new sandbox to the top never moves the cursor to another one.
 */
final class SandboxesView implements View, Chrome.Status {
    private final SandboxBoard sandboxes;
    private final Poller poller;
    private final PolledScreen polling;
    private final ConversationBoard conversations;
    private final boolean readonly;
    private final PauseResume pauseResume;
    private final Selection selection;
    private int selectedIndex;
    private int pageRows = 10;

    /** @param selected the sandbox the cursor starts on (the selected conversation's), or null for the first */
    /**
     * @param powers makes the sender of pause and resume requests, given what hears each answer
     * @param ui     the UI thread's hand-off: a failed request is said there
     */
    SandboxesView(
            SandboxBoard sandboxes,
            Poller poller,
            ConversationBoard conversations,
            Function<Consumer<SandboxPower.Answer>, SandboxPower> powers,
            Executor ui,
            boolean readonly,
            String selected) {
        this.selection = new Selection(true, selected);
        this.sandboxes = sandboxes;
        this.poller = poller;
        this.polling = PolledScreen.pausedBehind(poller);
        this.conversations = conversations;
        this.readonly = readonly;
        // Once the server has answered, the list is read again at once to show the new status.
        this.pauseResume = new PauseResume(powers, ui, poller::pokeNow);
    }

    @Override
    public Scope scope() {
        return Scope.SANDBOXES;
    }

    @Override
    public String title() {
        return "sandboxes";
    }

    @Override
    public void shown() {
        polling.shown();
    }

    @Override
    public void hidden() {
        polling.hidden();
    }

    @Override
    public void closed() {
        polling.closed();
    }

    // ---- drawing ----------------------------------------------------------------------

    @Override
    public void draw(Canvas canvas, Instant now) {
        SandboxBoardSnapshot snap = sandboxes.snapshot();
        List<SandboxRow> rows = snap.rows();
        selectedIndex = selection.place(shown(rows), this::moved);
        summary(canvas.rows(0, 1), snap);
        Columns columns = Columns.forWidth(canvas.width());
        columns.header(canvas.rows(1, 1));
        Canvas body = canvas.rows(2, canvas.height() - 2 - (pauseResume.asking() ? 1 : 0));
        pageRows = Math.max(1, body.height());
        int top = selection.top(shown(rows), selectedIndex, pageRows, false);
        Map<String, List<String>> usedBy = usedBy();
        for (int r = 0; r < body.height() && top + r < rows.size(); r++) {
            SandboxRow row = rows.get(top + r);
            columns.row(body.rows(r, 1), row, usedBy.getOrDefault(row.id(), List.of()), top + r == selectedIndex, now);
        }
        if (rows.isEmpty()) {
            body.text(
                    2,
                    1,
                    snap.refreshedAt() == null && snap.problem() == null ? "loading…" : "no sandboxes",
                    Theme.DIM);
        }
        pauseResume.draw(canvas.rows(canvas.height() - 1, 1));
    }

    /** "9 sandboxes: 3 running, 5 paused, 1 missing", and whether older ones are left out. */
    private static void summary(Canvas row, SandboxBoardSnapshot snap) {
        int column = row.text(1, 0, SandboxText.summary(snap), Theme.TITLE);
        if (snap.hasMore()) {
            row.text(column + 2, 0, SandboxText.olderNotListed(snap.rows().size()), Theme.DIM);
        }
    }

    /** The titles of the loaded conversations in each sandbox, in the conversation list's order. */
    private Map<String, List<String>> usedBy() {
        Map<String, List<String>> titles = new HashMap<>();
        for (ConversationRow c : conversations.snapshot().rows()) {
            String sandboxId = c.conversation().sandboxId();
            if (sandboxId != null) {
                titles.computeIfAbsent(sandboxId, id -> new ArrayList<>())
                        .add(c.title() == null || c.title().isBlank() ? c.shortId() : c.title());
            }
        }
        return titles;
    }

    @Override
    public String status(Instant now) {
        return StatusLines.refresh(sandboxes.snapshot().freshness(), poller.status(), now);
    }

    @Override
    public boolean statusIsProblem() {
        return sandboxes.snapshot().problem() != null;
    }

    private static Selection.Rows shown(List<SandboxRow> rows) {
        return Selection.Rows.of(rows, SandboxRow::id);
    }

    /** A sandbox leaves the list when the server no longer lists it among the newest. */
    private static String whyGone(String id) {
        return "the selected sandbox " + id + " is no longer listed (deleted, or older than the newest listed)";
    }

    private String moved(String id) {
        return whyGone(id) + "; the cursor moved to its neighbour";
    }

    /** Says on the status line why the selection moved without a key, as soon as it did; or a failed request. */
    @Override
    public Step next() {
        selectedIndex = selection.place(shown(sandboxes.snapshot().rows()), this::moved);
        String notice = selection.takeNotice();
        String failure = pauseResume.takeFailure();
        String said = failure != null ? failure : notice;
        return said == null ? Step.STAY : new Step.Flash(said);
    }

    // ---- keys -------------------------------------------------------------------------

    @Override
    public Step onKey(KeyStroke key) {
        return pauseResume.asking() ? pauseResume.onKey(key) : Step.PASS;
    }

    @Override
    public String interrupt() {
        return pauseResume.interrupt();
    }

    @Override
    public Step on(Action action) {
        List<SandboxRow> rows = sandboxes.snapshot().rows();
        if (selection.move(action, shown(rows), pageRows, this::moved)) {
            return Step.STAY;
        }
        switch (action) {
            case REFRESH -> poller.pokeNow();
            case PAUSE_SANDBOX -> {
                return ask(action, SandboxPower.Change.PAUSE, rows);
            }
            case RESUME_SANDBOX -> {
                return ask(action, SandboxPower.Change.RESUME, rows);
            }
            default -> {
                return Step.STAY;
            }
        }
        return Step.STAY;
    }

    private Step ask(Action action, SandboxPower.Change kind, List<SandboxRow> rows) {
        if (readonly) {
            // The read-only keymap has no such key; this refuses it again in case one comes another way.
            return new Step.Flash(Chrome.refusedReadonly(action));
        }
        String id = selection.id();
        int at = id == null ? -1 : shown(rows).rowOf(id);
        if (at < 0) {
            // The sandbox the frame highlighted has left the list: nothing else is acted on in its place.
            selectedIndex = selection.place(shown(rows), this::moved);
            selection.takeNotice();
            return id == null
                    ? Step.STAY
                    : new Step.Flash(whyGone(id) + ": nothing done; the cursor moved to its neighbour");
        }
        SandboxRow row = rows.get(at);
        return pauseResume.ask(kind, row, usedBy().getOrDefault(row.id(), List.of()));
    }

    /** The table's columns, chosen to fit the width: the conversations get what is left. */
    record Columns(int status, int id, int spec, int age, int conversations) {
        static Columns forWidth(int width) {
            int status = 11, id = 22, age = 4;
            int spec = width >= 110 ? 28 : 0;
            int fixed = 2 + status + 1 + id + 1 + (spec > 0 ? spec + 1 : 0) + age + 1;
            return new Columns(status, id, spec, age, Math.max(10, width - fixed));
        }

        void header(Canvas row) {
            int c = 2;
            c = row.cell(c, 0, "STATUS", status, Theme.DIM);
            c = row.cell(c, 0, "ID", id, Theme.DIM);
            if (spec > 0) {
                c = row.cell(c, 0, "SPEC", spec, Theme.DIM);
            }
            c = row.cellRight(c, 0, "AGE", age, Theme.DIM);
            row.cell(c, 0, "CONVERSATIONS", conversations, Theme.DIM);
        }

        void row(Canvas row, SandboxRow r, List<String> usedBy, boolean selected, Instant now) {
            if (selected) {
                row.bar(0, "", Theme.SELECTED);
            }
            Style base = selected ? Theme.SELECTED : Style.NORMAL;
            row.text(0, 0, r.changed() ? "•" : " ", selected ? base : Theme.CHANGED);
            Theme.Badge badge = Theme.coloured(SandboxText.status(r));
            int c = 2;
            c = row.cell(c, 0, badge.text(), status, selected ? base : badge.style());
            c = row.cell(c, 0, r.id(), id, base);
            if (spec > 0) {
                c = row.cell(c, 0, SandboxText.spec(r.specId()), spec, selected ? base : Theme.DIM);
            }
            c = row.cellRight(c, 0, Ages.since(r.createdAt(), now), age, base);
            row.cell(c, 0, SandboxText.usedBy(usedBy), conversations, base);
        }
    }
}

package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.Attention;
import dev.ohtop.monitor.AttentionSnapshot;
import dev.ohtop.monitor.BoardFilter;
import dev.ohtop.monitor.BoardPages;
import dev.ohtop.monitor.BoardSnapshot;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.Poller;
import dev.ohtop.presentation.Ages;
import dev.ohtop.presentation.ConversationText;
import dev.ohtop.presentation.Costs;
import dev.ohtop.presentation.StatusLines;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Home: one row per conversation, running first. The selection is a conversation from the first
 * frame on ({@link Selection}), so a refresh that reorders the list never moves the cursor to
 * another one, and the keys act on the conversation highlighted, whatever its row now.
 */
final class ConversationsView implements View, Chrome.Status {
    /** Load older conversations when the cursor comes this close to the end. */
    private static final int LOAD_AHEAD = 5;

    private static final int BEHIND_SLOWDOWN = 5;

    private final ConversationBoard board;
    private final Poller poller;
    /**
     * Behind another screen the list keeps refreshing, but five times slower: the events screen
     * shows the conversation's statuses from it, and the request budget is shared.
     */
    private final PolledScreen polling;

    private final BoardPages pages;
    /** The ids last told to the board as on screen ({@link ConversationBoard#watching}). */
    private Set<String> onScreen = Set.of();
    /** The ids the last frame showed: told to the board after the frame, not while drawing. */
    private Set<String> drawnIds = Set.of();

    private final Function<ConversationRow, View> openEvents;
    private final Controls controls;
    /** Which rows changed into a state that needs the user: marked, and what {@code w} shows. */
    private final Attention attention;

    private BoardFilter filter = BoardFilter.ALL;
    private LineEditor editor;
    private final Selection selection = new Selection(true);
    private int selectedIndex;
    private int pageRows = 10;

    ConversationsView(
            ConversationBoard board,
            Poller poller,
            java.time.Duration refresh,
            ScheduledExecutorService background,
            Function<ConversationRow, View> openEvents,
            Controls controls,
            Attention attention,
            Runnable redraw) {
        this.controls = controls;
        this.attention = attention;
        this.board = board;
        this.poller = poller;
        this.polling = PolledScreen.slowerBehind(poller, refresh, BEHIND_SLOWDOWN);
        this.openEvents = openEvents;
        this.pages = new BoardPages(board, background, redraw);
    }

    @Override
    public Scope scope() {
        return Scope.CONVERSATIONS;
    }

    @Override
    public String title() {
        return "conversations";
    }

    @Override
    public void shown() {
        polling.shown();
    }

    /**
     * Behind another screen the list keeps refreshing, but five times slower: the events screen
     * shows the conversation's statuses from it, and the request budget is shared.
     */
    @Override
    public void hidden() {
        polling.hidden();
    }

    /** Left for good: its poller stops, and the workers that wait on commands and move files stop. */
    @Override
    public void closed() {
        polling.closed();
        controls.close();
    }

    private List<ConversationRow> rows() {
        return board.snapshot().view(filter);
    }

    private static Selection.Rows shown(List<ConversationRow> rows) {
        return Selection.Rows.of(rows, ConversationRow::id);
    }

    /**
     * The filter changed by a key: the selection may go to a match, and comes back when the filter
     * clears; the server is asked about its text once typing pauses (a question still waiting for
     * the pause is dropped when the text goes).
     */
    private void filter(BoardFilter changed) {
        if (!changed.equals(filter)) {
            filter = changed;
            selection.filterChanged();
            pages.typed(filter.text());
        }
    }

    // ---- drawing ----------------------------------------------------------------------

    @Override
    public boolean complete() {
        BoardSnapshot snap = board.snapshot();
        return snap.refreshedAt() != null || snap.problem() != null;
    }

    @Override
    public void draw(Canvas canvas, Instant now) {
        BoardSnapshot snap = board.snapshot();
        AttentionSnapshot marks = attention.snapshot();
        List<ConversationRow> rows = snap.view(filter);
        selectedIndex = selection.place(shown(rows), this::moved);
        summary(canvas.rows(0, 1), snap, rows.size(), now);
        Columns columns = Columns.forWidth(canvas.width());
        columns.header(canvas.rows(1, 1));
        Canvas body = canvas.rows(2, canvas.height() - 2 - (editor == null ? 0 : 1));
        pageRows = Math.max(1, body.height());
        int top = selection.top(shown(rows), selectedIndex, pageRows, false);
        Set<String> visible = new HashSet<>();
        for (int r = 0; r < body.height() && top + r < rows.size(); r++) {
            int index = top + r;
            ConversationRow row = rows.get(index);
            columns.row(body.rows(r, 1), row, index == selectedIndex, marks.marked(row.id()), now);
            visible.add(rows.get(index).id());
        }
        drawnIds = visible;
        if (rows.isEmpty()) {
            body.text(2, 1, ConversationText.empty(snap, filter), Theme.DIM);
        }
        if (editor != null) {
            editor.draw(canvas.rows(canvas.height() - 1, 1));
        }
    }

    private void summary(Canvas row, BoardSnapshot snap, int shown, Instant now) {
        int column = row.text(1, 0, ConversationText.counts(snap), Theme.TITLE);
        String filtered = ConversationText.filterNote(filter, shown);
        if (filtered != null) {
            column = row.text(column + 2, 0, filtered, Theme.CHANGED);
        }
        if (snap.warning()) {
            column = row.text(column + 2, 0, ConversationText.tooManyRunning(snap.running()), Theme.WARNING);
        }
        if (snap.hasMore(filter)) {
            row.text(column + 2, 0, pages.loadingOlder() ? "loading older…" : "older: scroll down", Theme.DIM);
        }
    }

    @Override
    public String status(Instant now) {
        return StatusLines.refresh(board.snapshot().freshness(), poller.status(), now);
    }

    @Override
    public boolean statusIsProblem() {
        return board.snapshot().problem() != null;
    }

    /** Why the selected conversation is no longer in the list. */
    private String whyGone(String id) {
        ConversationRow row = board.snapshot().row(id);
        String what = "the selected conversation " + (row == null ? "" : "\"" + row.title() + "\" ");
        return what
                + (row == null
                        ? "is gone (deleted?)"
                        : filter.runningOnly() && !row.running()
                                ? "is no longer running (running only)"
                                : filter.waitingOnly() && !attention.snapshot().waits(row)
                                        ? "no longer waits for you"
                                        : "no longer matches the filter");
    }

    private String moved(String id) {
        return whyGone(id) + "; the cursor moved to its neighbour";
    }

    /**
     * After every event (a key, a refresh): says on the status line why the selection moved
     * without a key, as soon as it did; asks for the next page when the cursor nears the end; tells
     * the board which rows the last frame showed (only noted: the next refresh brings them up to date).
     */
    @Override
    public Step next() {
        List<ConversationRow> rows = rows();
        selectedIndex = selection.place(shown(rows), this::moved);
        if (selectedIndex >= rows.size() - LOAD_AHEAD) {
            pages.nearEnd(filter);
        }
        if (!drawnIds.equals(onScreen)) {
            onScreen = drawnIds;
            board.watching(onScreen);
        }
        String notice = selection.takeNotice();
        return notice == null ? Step.STAY : new Step.Flash(notice);
    }

    // ---- keys -------------------------------------------------------------------------

    /** Ctrl+C while the filter is typed drops it, as Esc does; null otherwise (ohtop quits). */
    @Override
    public String interrupt() {
        if (editor == null) {
            return null;
        }
        onKey(LineEditor.CANCEL);
        return "line dropped";
    }

    @Override
    public Step onKey(KeyStroke key) {
        if (editor == null) {
            return Step.PASS;
        }
        LineEditor.Result result = editor.feed(key, text -> filter(filter.withText(text)));
        if (LineEditor.closes(result)) {
            editor = null;
        }
        return result == LineEditor.Result.IGNORED ? Step.PASS : Step.STAY;
    }

    @Override
    public Step on(Action action) {
        String before = selection.id();
        if (selection.move(action, shown(rows()), pageRows, this::moved)) {
            // The cursor moved onto a conversation by a key: the user has looked at it. Not in the
            // waiting list itself: a row there would vanish under the cursor (opening it still counts).
            if (!filter.waitingOnly() && !java.util.Objects.equals(before, selection.id())) {
                attention.looked(selection.id());
            }
            return Step.STAY;
        }
        switch (action) {
            case OPEN -> {
                return act(row -> new Step.Open(openEvents.apply(row)));
            }
            case TOGGLE_RUNNING_ONLY -> filter(filter.toggleRunningOnly());
            case TOGGLE_WAITING -> filter(filter.toggleWaiting(attention));
            case FILTER -> editor = new LineEditor("filter: ", filter.text());
            case CLEAR_FILTER -> filter(BoardFilter.ALL);
            case REFRESH -> poller.pokeNow();
            case OPEN_CONSOLE, UPLOAD, DOWNLOAD, DOWNLOAD_TRAJECTORY, SEND_MESSAGE, PAUSE_AGENT, RUN_AGENT -> {
                return act(row -> controls.on(action, row));
            }
            case NEW_CONVERSATION -> {
                return controls.newConversation(openEvents);
            }
            case OPEN_SANDBOXES -> {
                ConversationRow selected = selected();
                return controls.sandboxes(
                        selected == null || selected.conversation() == null
                                ? null
                                : selected.conversation().sandboxId());
            }
            case BACK -> {
                if (!filter.isAll()) {
                    filter(BoardFilter.ALL);
                    return new Step.Flash("filter cleared");
                }
                return Step.STAY;
            }
            default -> {
                return Step.STAY;
            }
        }
        return Step.STAY;
    }

    /**
     * Acts on the conversation the frame highlighted, by its id, whatever row it is on now; one
     * that has left the list is said, and nothing else is acted on in its place.
     */
    private Step act(java.util.function.Function<ConversationRow, Step> on) {
        String id = selection.id();
        if (id == null) {
            return Step.STAY;
        }
        ConversationRow row = selected();
        if (row != null) {
            return on.apply(row);
        }
        String said = whyGone(id) + ": nothing done; the cursor moved to its neighbour";
        selectedIndex = selection.place(shown(rows()), this::moved);
        selection.takeNotice(); // said here, with what the key did
        return new Step.Flash(said);
    }

    /** The conversation under the cursor (the one the last frame highlighted, as the list has it now), or null. */
    ConversationRow selected() {
        String id = selection.id();
        ConversationRow row = id == null ? null : board.snapshot().row(id);
        return row != null && filter.matches(row) ? row : null;
    }

    /** The table's columns, chosen to fit the width: the title gets what is left. */
    record Columns(int exec, int sandbox, int repo, int model, int cost, int age, int id, int title) {
        static Columns forWidth(int width) {
            int exec = 11, sandbox = 11, age = 4, cost = 7;
            int repo = width >= 100 ? 26 : width >= 90 ? 18 : 0;
            int model = width >= 140 ? 22 : 0;
            int id = width >= 110 ? 8 : 0;
            int fixed = 2
                    + exec
                    + 1
                    + sandbox
                    + 1
                    + (repo > 0 ? repo + 1 : 0)
                    + (model > 0 ? model + 1 : 0)
                    + cost
                    + 1
                    + age
                    + 1
                    + (id > 0 ? id + 1 : 0);
            return new Columns(exec, sandbox, repo, model, cost, age, id, Math.max(10, width - fixed));
        }

        void header(Canvas row) {
            int c = 2;
            c = row.cell(c, 0, "STATUS", exec, Theme.DIM);
            c = row.cell(c, 0, "SANDBOX", sandbox, Theme.DIM);
            c = row.cell(c, 0, "TITLE", title, Theme.DIM);
            if (repo > 0) {
                c = row.cell(c, 0, "REPOSITORY", repo, Theme.DIM);
            }
            if (model > 0) {
                c = row.cell(c, 0, "MODEL", model, Theme.DIM);
            }
            c = row.cellRight(c, 0, "COST", cost, Theme.DIM);
            c = row.cellRight(c, 0, "AGE", age, Theme.DIM);
            if (id > 0) {
                row.cell(c, 0, "ID", id, Theme.DIM);
            }
        }

        /** @param marked it changed into a state that needs the user, who has not looked yet: {@code ⚠} ({@code !}) */
        void row(Canvas row, ConversationRow r, boolean selected, boolean marked, Instant now) {
            if (selected) {
                row.bar(0, "", Theme.SELECTED);
            }
            Style base = selected ? Theme.SELECTED : Style.NORMAL;
            if (marked) {
                row.text(0, 0, "⚠", selected ? base : Theme.WARNING);
            } else {
                row.text(0, 0, r.changed() ? "•" : " ", selected ? base : Theme.CHANGED);
            }
            Theme.Badge execution = Theme.execution(r.executionStatus());
            Theme.Badge box = Theme.sandbox(r.sandboxStatus());
            int c = 2;
            c = row.cell(c, 0, execution.text(), exec, selected ? base : execution.style());
            c = row.cell(c, 0, box.text(), sandbox, selected ? base : box.style());
            c = row.cell(c, 0, r.title(), title, base);
            if (repo > 0) {
                c = row.cell(c, 0, ConversationText.repository(r), repo, base);
            }
            if (model > 0) {
                c = row.cell(c, 0, ConversationText.model(r.model()), model, base);
            }
            c = row.cellRight(c, 0, Costs.cell(r.cost()), cost, base);
            c = row.cellRight(c, 0, Ages.since(r.updatedAt(), now), age, base);
            if (id > 0) {
                row.cell(c, 0, r.shortId(), id, selected ? base : Theme.DIM);
            }
        }
    }
}

package dev.ohtop.ui;

import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.BoardFilter;
import dev.ohtop.monitor.BoardSnapshot;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.Poller;
import dev.ohtop.monitor.TitleSearch;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
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
    private final java.time.Duration refresh;
    private final Executor background;
    private final TitleSearch search;
    /** The ids last told to the board as on screen ({@link ConversationBoard#watching}). */
    private Set<String> onScreen = Set.of();
    private boolean shownBefore;
    private final Function<ConversationRow, View> openEvents;
    private final Controls controls;
    private final Runnable redraw;
    private BoardFilter filter = BoardFilter.ALL;
    private LineEditor editor;
    private final Selection selection = new Selection(true);
    private int selectedIndex;
    private int pageRows = 10;
    private volatile boolean loadingMore;

    ConversationsView(ConversationBoard board, Poller poller, java.time.Duration refresh,
                      ScheduledExecutorService background,
                      Function<ConversationRow, View> openEvents, Controls controls, Runnable redraw) {
        this.controls = controls;
        this.board = board;
        this.poller = poller;
        this.refresh = refresh;
        this.background = background;
        this.openEvents = openEvents;
        this.redraw = redraw;
        this.search = new TitleSearch(board, background, redraw);
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
        poller.setInterval(refresh);
        poller.resume();
        if (shownBefore) {
            poller.pokeNow(); // back from another screen: what it shows now, not what it showed then
        }
        shownBefore = true;
    }

    /** Left for good: the workers that wait on commands and move files stop. */
    @Override
    public void closed() {
        controls.close();
    }

    /**
     * Behind another screen the list keeps refreshing, but five times slower: the events screen
     * shows the conversation's statuses from it, and the request budget is shared.
     */
    @Override
    public void hidden() {
        poller.setInterval(refresh.multipliedBy(BEHIND_SLOWDOWN));
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
            search.typed(filter.text());
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
            columns.row(body.rows(r, 1), rows.get(index), index == selectedIndex, now);
            visible.add(rows.get(index).id());
        }
        if (!visible.equals(onScreen)) {
            onScreen = visible;
            board.watching(visible); // only noted: the next refresh brings these rows up to date
        }
        if (rows.isEmpty()) {
            body.text(2, 1, emptyList(snap), Theme.DIM);
        }
        if (editor != null) {
            editor.draw(canvas.rows(canvas.height() - 1, 1));
        }
        loadMoreIfNear(rows.size(), snap);
    }

    /** What an empty list means: not fetched yet (the status line says why), none at all, or none matching. */
    private String emptyList(BoardSnapshot snap) {
        if (snap.refreshedAt() == null) {
            return snap.problem() == null ? "loading…" : "nothing loaded yet";
        }
        return filter.isAll() ? "no conversations" : "nothing matches the filter";
    }

    private void summary(Canvas row, BoardSnapshot snap, int shown, Instant now) {
        String total = snap.total() == null ? "?" : String.valueOf(snap.total());
        int column = row.text(1, 0, snap.running() + " running / " + total + " total", Theme.TITLE);
        if (!filter.isAll()) {
            String what = (filter.runningOnly() ? "running only" : "")
                    + (!filter.text().isEmpty() ? (filter.runningOnly() ? ", " : "") + "filter \"" + filter.text() + "\"" : "");
            column = row.text(column + 2, 0, "[" + what + ": " + shown + " shown]", Theme.CHANGED);
        }
        if (snap.warning()) {
            column = row.text(column + 2, 0, "⚠ " + snap.running() + " running at once (advice: at most 5)", Theme.WARNING);
        }
        if (snap.hasMore(filter)) {
            row.text(column + 2, 0, loadingMore ? "loading older…" : "older: scroll down", Theme.DIM);
        }
    }

    @Override
    public String status(Instant now) {
        return Chrome.refreshLine(board.snapshot().freshness(), poller.status(), now);
    }

    @Override
    public boolean statusIsProblem() {
        return board.snapshot().problem() != null;
    }

    /** Why the selected conversation is no longer in the list. */
    private String whyGone(String id) {
        ConversationRow row = board.snapshot().row(id);
        String what = "the selected conversation " + (row == null ? "" : "\"" + row.title() + "\" ");
        return what + (row == null ? "is gone (deleted?)"
                : filter.runningOnly() && !row.running() ? "is no longer running (running only)"
                : "no longer matches the filter");
    }

    private String moved(String id) {
        return whyGone(id) + "; the cursor moved to its neighbour";
    }

    /** Says on the status line why the selection moved without a key, as soon as it did. */
    @Override
    public Step next() {
        selectedIndex = selection.place(shown(rows()), this::moved);
        String notice = selection.takeNotice();
        return notice == null ? Step.STAY : new Step.Flash(notice);
    }

    private void loadMoreIfNear(int shown, BoardSnapshot snap) {
        if (selectedIndex < shown - LOAD_AHEAD) {
            return;
        }
        if (!filter.text().isEmpty()) {
            // Matches come from the server's title search, not from paging through everything.
            if (filter.text().equals(snap.search().text()) && snap.search().hasMore()) {
                search.nearEnd(filter.text());
            }
            return;
        }
        if (snap.hasMore(filter) && !loadingMore) {
            loadingMore = true;
            background.execute(() -> {
                try {
                    board.loadMore();
                } catch (Exception e) {
                    // the board keeps the problem for the status line
                } finally {
                    loadingMore = false;
                    redraw.run();
                }
            });
        }
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
        List<ConversationRow> rows = rows();
        switch (action) {
            case UP -> move(rows, -1);
            case DOWN -> move(rows, 1);
            case PAGE_UP -> move(rows, -pageRows);
            case PAGE_DOWN -> move(rows, pageRows);
            case TOP -> move(rows, -rows.size());
            case BOTTOM -> move(rows, rows.size());
            case OPEN -> {
                return act(row -> new Step.Open(openEvents.apply(row)));
            }
            case TOGGLE_RUNNING_ONLY -> filter(filter.toggleRunningOnly());
            case FILTER -> editor = new LineEditor("filter: ", filter.text());
            case CLEAR_FILTER -> filter(BoardFilter.ALL);
            case REFRESH -> poller.pokeNow();
            case OPEN_CONSOLE, UPLOAD, DOWNLOAD, DOWNLOAD_TRAJECTORY, SEND_MESSAGE -> {
                return act(row -> controls.on(action, row));
            }
            case NEW_CONVERSATION -> {
                return new Step.Open(controls.newConversation(openEvents));
            }
            case OPEN_SANDBOXES -> {
                ConversationRow selected = selected();
                return new Step.Open(controls.sandboxes(selected == null || selected.conversation() == null ? null
                        : selected.conversation().sandboxId()));
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

    private void move(List<ConversationRow> rows, int by) {
        selection.moveBy(shown(rows), by, this::moved);
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
            int fixed = 2 + exec + 1 + sandbox + 1 + (repo > 0 ? repo + 1 : 0) + (model > 0 ? model + 1 : 0) + cost + 1
                    + age + 1 + (id > 0 ? id + 1 : 0);
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

        void row(Canvas row, ConversationRow r, boolean selected, Instant now) {
            if (selected) {
                row.bar(0, "", Theme.SELECTED);
            }
            Style base = selected ? Theme.SELECTED : Style.NORMAL;
            row.text(0, 0, r.changed() ? "•" : " ", selected ? base : Theme.CHANGED);
            Theme.Badge execution = Theme.execution(r.executionStatus());
            Theme.Badge box = Theme.sandbox(r.sandboxStatus());
            int c = 2;
            c = row.cell(c, 0, execution.text(), exec, selected ? base : execution.style());
            c = row.cell(c, 0, box.text(), sandbox, selected ? base : box.style());
            c = row.cell(c, 0, r.title(), title, base);
            if (repo > 0) {
                c = row.cell(c, 0, r.repoAtBranch().isEmpty() ? "-" : r.repoAtBranch(), repo, base);
            }
            if (model > 0) {
                c = row.cell(c, 0, shortModel(r.model()), model, base);
            }
            c = row.cellRight(c, 0, r.cost() == null ? "-" : String.format(Locale.ROOT, "$%.2f", r.cost()), cost, base);
            c = row.cellRight(c, 0, Ages.since(r.updatedAt(), now), age, base);
            if (id > 0) {
                row.cell(c, 0, r.shortId(), id, selected ? base : Theme.DIM);
            }
        }

        private static String shortModel(String model) {
            if (model == null) {
                return "-";
            }
            int slash = model.lastIndexOf('/');
            return slash < 0 ? model : model.substring(slash + 1);
        }

    }
}

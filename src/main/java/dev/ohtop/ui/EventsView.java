package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.LiveEvents;
import dev.ohtop.monitor.PendingActions.PendingAction;
import dev.ohtop.monitor.Poller;
import dev.ohtop.monitor.TailEvent;
import dev.ohtop.monitor.TailFilter;
import dev.ohtop.monitor.TailSnapshot;
import dev.ohtop.monitor.TailView;
import dev.ohtop.presentation.Costs;
import dev.ohtop.presentation.EventKinds;
import dev.ohtop.presentation.EventTime;
import dev.ohtop.presentation.StatusLines;
import dev.ohtop.presentation.TailText;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import dev.ohtop.terminal.TerminalText;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tail of one conversation's events, oldest at the top. Following keeps the newest event in
 * view; scrolling up stops following and End resumes it. The selection and the page's top row
 * are events ({@link Selection}): new events arriving, older ones filling in above, never move
 * them; an event dropped to make way for new ones (--max-events) is said.
 */
final class EventsView implements View, Chrome.Status {
    static final Set<String> ACTION_KINDS =
            Set.of("ActionEvent", "ObservationEvent", "UserRejectObservation", "AgentErrorEvent");

    /** The conversation's row from the board, which keeps refreshing behind this screen. */
    private final java.util.function.Supplier<ConversationRow> conversation;

    private final EventTail tail;
    private final Poller poller;
    /** New events over the agent server's socket; null for a tail that is only polled. */
    private final LiveEvents live;

    private final PolledScreen polling;
    private final Controls controls;
    private TailFilter filter = TailFilter.ALL;
    private TailView view;
    private boolean follow = true;
    /** The selected event and the one on the top row, by id: indices shift as events come and go. */
    private final Selection selection = new Selection(false);
    /** Rows drawn in the last frame (the performance guard checks it stays within the screen). */
    private int rowsDrawn;

    private int pageRows = 10;
    private LineEditor editor;
    /** What the agent waits to have confirmed, and the user's answer. */
    private final ConfirmationBand confirmation;

    EventsView(
            java.util.function.Supplier<ConversationRow> conversation,
            EventTail tail,
            Poller poller,
            Controls controls) {
        this(conversation, tail, poller, null, controls);
    }

    EventsView(
            java.util.function.Supplier<ConversationRow> conversation,
            EventTail tail,
            Poller poller,
            LiveEvents live,
            Controls controls) {
        this.controls = controls;
        this.conversation = conversation;
        this.tail = tail;
        this.poller = poller;
        this.live = live;
        this.polling = PolledScreen.pausedBehind(poller);
        this.confirmation = controls.confirmation(conversation);
    }

    @Override
    public Scope scope() {
        return Scope.EVENTS;
    }

    @Override
    public String title() {
        return "events of " + conversation.get().shortId();
    }

    @Override
    public void shown() {
        polling.shown();
        if (live != null) {
            live.resume();
        }
    }

    @Override
    public void hidden() {
        polling.hidden();
        if (live != null) {
            live.pause(); // like the poller: a socket behind another screen is a cost for nothing
        }
    }

    @Override
    public void closed() {
        polling.closed();
        if (live != null) {
            live.close();
        }
    }

    /** The rows the filter shows, brought up to date with the newest snapshot. */
    private TailView current() {
        TailSnapshot snap = tail.snapshot();
        view = view == null ? snap.view(filter) : view.update(snap, filter);
        return view;
    }

    // ---- drawing ----------------------------------------------------------------------

    @Override
    public void draw(Canvas canvas, Instant now) {
        TailView rows = current();
        TailSnapshot snap = rows.snapshot();
        if (follow) {
            selection.moveTo(shown(rows), rows.size() - 1);
        }
        int selectedRow = selectedRow(rows);
        header(canvas.rows(0, 1), snap, now);
        filterLine(canvas.rows(1, 1), snap, rows, selectedRow);
        List<PendingAction> pending = confirmation.pending(snap);
        int promptRows = editor != null || confirmation.prompting() ? 1 : 0;
        int bandRows = Math.min(ConfirmationBand.rows(pending), Math.max(0, canvas.height() - 3 - promptRows));
        Canvas body = canvas.rows(2, canvas.height() - 2 - promptRows - bandRows);
        pageRows = Math.max(1, body.height());
        int timeWidth = timeWidth(snap, now);
        int top = selection.top(shown(rows), selectedRow, pageRows, follow);
        int selectedIndex = selectedRow < 0 ? -1 : rows.eventIndex(selectedRow);
        int pairRow = selectedIndex < 0 ? -1 : rows.rowOf(snap.pairIndexOf(selectedIndex));
        rowsDrawn = 0;
        for (int r = 0; r < body.height() && top + r < rows.size(); r++) {
            int row = top + r;
            drawRow(body.rows(r, 1), rows.row(row), row == selectedRow, row == pairRow, now, timeWidth);
            rowsDrawn++;
        }
        if (rows.size() == 0) {
            body.text(2, 1, TailText.empty(snap.size(), snap.polledAt() != null), Theme.DIM);
        }
        confirmation.draw(canvas.rows(canvas.height() - promptRows - bandRows, bandRows), pending);
        if (editor != null) {
            editor.draw(canvas.rows(canvas.height() - 1, 1));
        } else if (promptRows > 0) {
            confirmation.drawPrompt(canvas.rows(canvas.height() - 1, 1), now);
        }
    }

    private void header(Canvas row, TailSnapshot snap, Instant now) {
        ConversationRow conversation = this.conversation.get();
        int c = row.text(1, 0, conversation.title(), Math.max(10, row.width() / 3), Theme.TITLE);
        Theme.Badge exec = Theme.execution(conversation.executionStatus());
        c = row.text(c + 2, 0, exec.text(), exec.style());
        c = row.text(c + 2, 0, TailText.count(snap.size(), snap.serverCount()), Style.NORMAL);
        if (snap.dropped() > 0) {
            c = row.text(c + 2, 0, snap.dropped() + " oldest dropped", Theme.WARNING);
        }
        c = row.text(
                c + 2,
                0,
                "unmatched " + snap.unmatchedActions(),
                snap.unmatchedActions() > 0 ? Theme.CHANGED : Theme.DIM);
        c = row.text(
                c + 2,
                0,
                "dup obs " + snap.duplicateObservations(),
                snap.duplicateObservations() > 0 ? Theme.ERROR : Theme.DIM);
        String held = heldRange(snap, now);
        if (held != null) {
            c = row.text(c + 2, 0, held, Theme.DIM);
        }
        if (conversation.cost() != null) {
            row.text(c + 2, 0, Costs.of(conversation.cost()), Theme.DIM);
        }
    }

    /** From the oldest event held to the newest (by their own times), or null while none has a readable time. */
    private String heldRange(TailSnapshot snap, Instant now) {
        Instant oldest = snap.size() == 0 ? null : snap.get(0).at();
        Instant newest = snap.size() == 0 ? null : snap.get(snap.size() - 1).at();
        return oldest == null || newest == null ? null : EventTime.range(oldest, newest, now, controls.zone());
    }

    /** The time column: wide enough for a date once the oldest event held is not from today. */
    private int timeWidth(TailSnapshot snap, Instant now) {
        Instant oldest = snap.size() == 0 ? null : snap.get(0).at();
        return EventTime.columnWidth(oldest, now, controls.zone());
    }

    private void filterLine(Canvas whole, TailSnapshot snap, TailView rows, int selectedRow) {
        Canvas row = whole;
        if (live != null) { // how events come, at the right edge: the filters are cut first
            LiveEvents.Status how = live.status();
            String delivery = StatusLines.delivery(how);
            int at = Math.max(0, whole.width() - TerminalText.width(delivery) - 1);
            whole.text(at, 0, delivery, how.mode() == LiveEvents.Mode.LIVE ? Theme.OK : Theme.DIM);
            row = whole.left(at - 1);
        }
        String following = follow ? "▼ following" : "‖ not following (" + key(Action.BOTTOM) + " resumes)";
        int c = row.text(1, 0, following, follow ? Theme.OK : Theme.DIM);
        if (filter.errorsOnly()) {
            c = row.text(c + 2, 0, "errors only", Theme.ERROR);
        }
        if (!filter.hiddenKinds().isEmpty()) {
            c = row.text(
                    c + 2,
                    0,
                    "hidden kinds: " + String.join(",", EventKinds.shortKinds(filter.hiddenKinds())),
                    Theme.CHANGED);
        }
        if (!filter.hiddenSources().isEmpty()) {
            c = row.text(c + 2, 0, "hidden sources: " + String.join(",", filter.hiddenSources()), Theme.CHANGED);
        }
        if (!filter.text().isEmpty()) {
            int match = rows.matchNumber(selectedRow);
            String found = match > 0 ? "match " + match + "/" + rows.matchCount() : rows.matchCount() + " matches";
            c = row.text(c + 2, 0, "search \"" + filter.text() + "\": " + found, Theme.MATCH);
        }
        if (!snap.caughtUp()) {
            row.text(c + 2, 0, "loading older events…", Theme.DIM);
        } else if (snap.olderNotHeld()) {
            row.text(c + 2, 0, "older events not loaded (--max-events)", Theme.DIM);
        }
    }

    private void drawRow(Canvas row, TailEvent e, boolean selected, boolean pair, Instant now, int timeWidth) {
        Style base = selected ? Theme.SELECTED : e.error() ? Theme.ERROR : Style.NORMAL;
        if (selected) {
            row.bar(0, "", Theme.SELECTED);
        }
        row.text(0, 0, pair ? "↔" : e.error() ? "!" : " ", selected ? base : pair ? Theme.CHANGED : Theme.ERROR);
        int c = 2;
        String time = EventTime.shown(e.at(), e.timestamp(), now, controls.zone());
        c = row.cell(c, 0, time, timeWidth, selected ? base : Theme.DIM);
        c = row.cell(c, 0, e.source(), 11, base);
        c = row.cell(c, 0, EventKinds.shortKind(e.kind()), 18, base);
        summary(row, c, e.summary(), base, selected);
    }

    /** The summary, with each occurrence of the search text marked (as less and vim mark them). */
    private void summary(Canvas row, int column, String text, Style base, boolean selected) {
        String needle = filter.text();
        int from = 0;
        int c = column;
        while (!needle.isEmpty() && c < row.width()) {
            int at = indexIgnoringCase(text, needle, from);
            if (at < 0) {
                break;
            }
            c = row.text(c, 0, text.substring(from, at), row.width() - c, base);
            c = row.text(
                    c,
                    0,
                    text.substring(at, at + needle.length()),
                    row.width() - c,
                    selected ? Theme.MATCH_SELECTED : Theme.MATCH);
            from = at + needle.length();
        }
        row.text(c, 0, text.substring(from), row.width() - c, base);
    }

    private static int indexIgnoringCase(String hay, String needle, int from) {
        for (int i = from; i <= hay.length() - needle.length(); i++) {
            if (hay.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String status(Instant now) {
        String answering = confirmation.status();
        if (answering != null) {
            return answering;
        }
        return live == null
                ? StatusLines.events(tail.snapshot().freshness(), poller.status(), now)
                : StatusLines.events(tail.snapshot().freshness(), poller.status(), live.status(), now);
    }

    /** Live and well, the screen moves with the clock only at midnight (times get their date); else each second (an age). */
    @Override
    public Instant changesBy(Instant drawnAt) {
        if (live == null || !StatusLines.live(tail.snapshot().freshness(), live.status())) {
            return View.super.changesBy(drawnAt);
        }
        return EventTime.nextDay(drawnAt, controls.zone());
    }

    @Override
    public boolean statusIsProblem() {
        return tail.snapshot().problem() != null;
    }

    // ---- keys -------------------------------------------------------------------------

    /** Ctrl+C while the search is typed drops it, as Esc does; null otherwise (ohtop quits). */
    @Override
    public String interrupt() {
        if (editor == null) {
            return confirmation.interrupt();
        }
        onKey(LineEditor.CANCEL);
        return "line dropped";
    }

    @Override
    public Step onKey(KeyStroke key) {
        if (editor == null) {
            return confirmation.onKey(key);
        }
        LineEditor.Result result = editor.feed(key, text -> filter(filter.withText(text)));
        if (LineEditor.closes(result)) {
            editor = null;
        }
        if (result == LineEditor.Result.ACCEPTED) {
            return say(jumpToMatch(true));
        }
        return result == LineEditor.Result.IGNORED ? Step.PASS : Step.STAY;
    }

    @Override
    public boolean offers(Action action) {
        return confirmation.offers(action, tail.snapshot());
    }

    @Override
    public Step on(Action action) {
        Step answering = confirmation.on(action, tail.snapshot());
        if (answering != null) {
            return answering;
        }
        TailView rows = current();
        switch (action) {
            case UP -> moveBy(rows, -1);
            case DOWN -> moveBy(rows, 1);
            case PAGE_UP -> moveBy(rows, -pageRows);
            case PAGE_DOWN -> moveBy(rows, pageRows);
            case TOP -> moveTo(rows, 0);
            case BOTTOM -> follow = true;
            case TOGGLE_FOLLOW -> follow = !follow;
            case SHOW_DETAIL -> {
                int selected = selectedEventIndex(rows);
                return selected < 0
                        ? Step.STAY
                        : new Step.Open(new DetailView(
                                tail, rows.snapshot().get(selected).id(), controls.keys()));
            }
            case FILTER_KINDS -> {
                return new Step.Open(new ChecklistView(
                        "kinds to show",
                        tail.snapshot().kindsSeen(),
                        filter.hiddenKinds(),
                        hidden -> filter(
                                new TailFilter(hidden, filter.hiddenSources(), filter.errorsOnly(), filter.text())),
                        EventKinds::label));
            }
            case FILTER_SOURCES -> {
                return new Step.Open(new ChecklistView(
                        "sources to show",
                        tail.snapshot().sourcesSeen(),
                        filter.hiddenSources(),
                        hidden -> filter(
                                new TailFilter(filter.hiddenKinds(), hidden, filter.errorsOnly(), filter.text())),
                        source -> source));
            }
            case TOGGLE_ERRORS_ONLY -> filter(filter.toggleErrorsOnly());
            case OPEN_CONSOLE, UPLOAD, DOWNLOAD, DOWNLOAD_TRAJECTORY, SEND_MESSAGE, PAUSE_AGENT, RUN_AGENT -> {
                return controls.on(action, conversation.get());
            }
            case TOGGLE_MESSAGES -> toggleKinds(Set.of("MessageEvent"));
            case TOGGLE_ACTIONS -> toggleKinds(ACTION_KINDS);
            case TOGGLE_STATE_UPDATES -> toggleKinds(Set.of("ConversationStateUpdateEvent"));
            case SEARCH -> editor = new LineEditor("search: ", filter.text());
            case NEXT_MATCH -> {
                return say(jumpToMatch(true));
            }
            case PREVIOUS_MATCH -> {
                return say(jumpToMatch(false));
            }
            case JUMP_TO_PAIR -> {
                return say(jumpToPair(rows));
            }
            case REFRESH -> poller.pokeNow();
            default -> {
                return Step.STAY;
            }
        }
        return Step.STAY;
    }

    /** Hides all of {@code kinds} if any is shown, else shows them all. */
    private void toggleKinds(Set<String> kinds) {
        Set<String> hidden = new HashSet<>(filter.hiddenKinds());
        boolean anyShown = kinds.stream().anyMatch(k -> !hidden.contains(k));
        if (anyShown) {
            hidden.addAll(kinds);
        } else {
            hidden.removeAll(kinds);
        }
        filter(new TailFilter(hidden, filter.hiddenSources(), filter.errorsOnly(), filter.text()));
    }

    /** The rows as {@link Selection} reads them: an event hidden by the filter stands at the next row shown. */
    private static Selection.Rows shown(TailView rows) {
        return new Selection.Rows() {
            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public String id(int row) {
                return rows.row(row).id();
            }

            @Override
            public int rowOf(String id) {
                int index = rows.snapshot().indexOf(id);
                return index < 0 ? -1 : rows.rowOf(index);
            }

            @Override
            public int rowNear(String id) {
                int index = rows.snapshot().indexOf(id);
                return index < 0 || rows.size() == 0 ? -1 : rows.nearestRow(index);
            }
        };
    }

    /** The row the last frame highlighted (while following, the newest then), or -1 when none is shown. */
    private int selectedRow(TailView rows) {
        return selection.place(shown(rows), this::moved);
    }

    /** Events leave the tail only when the oldest make way for new ones. */
    private String moved(String id) {
        return tail.snapshot().indexOf(id) < 0
                ? "the selected event was dropped (the oldest make way for new ones: --max-events); the cursor moved"
                        + " to the oldest held"
                : "the selected event is no longer shown; the cursor moved to its neighbour";
    }

    /** Says on the status line why the selection moved without a key. */
    @Override
    public Step next() {
        Step answered = confirmation.next();
        if (answered != Step.STAY) {
            return answered;
        }
        String notice = selection.takeNotice();
        return notice == null ? Step.STAY : new Step.Flash(notice);
    }

    /** The filter changed by a key: the selection may go to a neighbour, and comes back when shown again. */
    private void filter(TailFilter changed) {
        if (!changed.equals(filter)) {
            filter = changed;
            selection.filterChanged();
        }
    }

    private int selectedEventIndex(TailView rows) {
        int row = selectedRow(rows);
        return row < 0 ? -1 : rows.eventIndex(row);
    }

    private void moveBy(TailView rows, int by) {
        int row = selectedRow(rows);
        if (row < 0) {
            return;
        }
        moveTo(rows, row + by);
    }

    private void moveTo(TailView rows, int row) {
        if (rows.size() == 0) {
            return;
        }
        selection.moveTo(shown(rows), row);
        // Scrolling up stops following; reaching the last row by moving down does not restart it (End does).
        follow = false;
    }

    /** Moves to the next or previous match, wrapping around; returns what to tell the user, or null. */
    private String jumpToMatch(boolean forward) {
        TailView rows = current();
        if (rows.matchCount() == 0) {
            return filter.text().isEmpty()
                    ? "no search: press " + key(Action.SEARCH) + " first"
                    : "no match for \"" + filter.text() + "\"";
        }
        int from = Math.max(0, selectedRow(rows));
        int row = forward ? rows.nextMatch(from) : rows.previousMatch(from);
        String note = null;
        if (row < 0) {
            // Past the last match (always the case from the bottom of a followed tail): wrap around.
            row = forward ? rows.nextMatch(-1) : rows.previousMatch(rows.size());
            note = forward ? "search wrapped to the top" : "search wrapped to the bottom";
        }
        moveTo(rows, row);
        return note;
    }

    private String jumpToPair(TailView rows) {
        int selected = selectedEventIndex(rows);
        if (selected < 0) {
            return null;
        }
        int pair = rows.snapshot().pairIndexOf(selected);
        if (pair < 0) {
            return "no paired action/observation for this event";
        }
        int row = rows.rowOf(pair);
        if (row < 0) {
            return "its pair is hidden by the filter";
        }
        moveTo(rows, row);
        return null;
    }

    /** The key in force for an action here, as the hints name it. */
    private String key(Action action) {
        return controls.keys().keyName(Scope.EVENTS, action);
    }

    /** A message for the app's status line (shown a few seconds), or nothing. */
    private static Step say(String message) {
        return message == null ? Step.STAY : new Step.Flash(message);
    }

    /** For tests: the filter in force. */
    TailFilter filter() {
        return filter;
    }

    boolean following() {
        return follow;
    }

    /** For tests: every event the tail holds (what the rows are drawn from), to compare with the server's. */
    TailSnapshot held() {
        return tail.snapshot();
    }

    /** For tests: how many event rows the last frame drew. */
    int rowsDrawn() {
        return rowsDrawn;
    }

    /** For tests: the filtered rows the last frame was drawn from (kept while nothing changes). */
    TailView shownView() {
        return view;
    }
}

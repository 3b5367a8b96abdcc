package dev.ohtop.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The conversation list at one moment, replaced whole on every change.
 *
 * @param rows      every conversation held: running ones first, newest created first (an order their
 *                  progress never changes), then the rest by {@code updated_at} newest first
 * @param freshness the last good refresh and the current problem (data is kept, marked stale)
 * @param running   how many of the rows are running
 * @param total     conversations in the account ({@code /app-conversations/count}); null until known
 * @param hasMore   older conversations exist that are not loaded yet ({@link ConversationBoard#loadMore()})
 * @param warning   {@code running} has reached the warning threshold (5 by default)
 * @param search    what the server was last asked about titles ({@link ConversationBoard#searchTitles})
 */
public record BoardSnapshot(
        List<ConversationRow> rows,
        Freshness freshness,
        int running,
        Integer total,
        boolean hasMore,
        boolean warning,
        Search search) {
    public static final BoardSnapshot EMPTY =
            new BoardSnapshot(List.of(), Freshness.NEVER, 0, null, false, false, Search.NONE);

    /** The title text the server was asked about ("" for none) and whether more of its matches are left. */
    public record Search(String text, boolean hasMore) {
        public static final Search NONE = new Search("", false);
    }

    public BoardSnapshot {
        rows = List.copyOf(rows);
    }

    /**
     * Whether this shows what {@code other} does, the time of the last good refresh aside: a
     * refresh that brought nothing new needs no frame of its own ("refreshed 2s ago" moves on
     * with the clock at the next tick).
     */
    public boolean showsSameAs(BoardSnapshot other) {
        return other != null
                && (freshness.lastGood() == null) == (other.freshness.lastGood() == null)
                && equals(new BoardSnapshot(
                        other.rows,
                        new Freshness(freshness.lastGood(), other.freshness.problem()),
                        other.running,
                        other.total,
                        other.hasMore,
                        other.warning,
                        other.search));
    }

    /** The time of the last good refresh; null before the first. */
    public Instant refreshedAt() {
        return freshness.lastGood();
    }

    /** What went wrong with the last refresh, one line; null when it worked. */
    public String problem() {
        return freshness.problem();
    }

    public boolean stale() {
        return freshness.stale();
    }

    public Duration age(Instant now) {
        return freshness.age(now);
    }

    /** The rows a filter lets through (no request is made). */
    public List<ConversationRow> view(BoardFilter filter) {
        return filter.apply(rows);
    }

    /**
     * Whether rows the filter would show may exist that are not held: older pages without a text
     * to match; with one, the server's matches for it until they are all loaded.
     */
    public boolean hasMore(BoardFilter filter) {
        if (filter.text().isEmpty()) {
            // Running conversations are found through their sandboxes on every refresh, whatever their
            // age: older pages would bring none, only cost requests.
            // Those that wait for the user are the ones seen changing: older pages hold none of them.
            return hasMore && !filter.runningOnly() && !filter.waitingOnly();
        }
        return !filter.text().equals(search.text()) || search.hasMore();
    }

    /** The row of a conversation, or null. */
    public ConversationRow row(String conversationId) {
        for (ConversationRow row : rows) {
            if (row.id().equals(conversationId)) {
                return row;
            }
        }
        return null;
    }

    BoardSnapshot with(Freshness newFreshness) {
        return new BoardSnapshot(rows, newFreshness, running, total, hasMore, warning, search);
    }
}

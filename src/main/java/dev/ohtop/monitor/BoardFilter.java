package dev.ohtop.monitor;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the list shows of a {@link BoardSnapshot}: rows whose title, repository or id contains
 * {@code text} (case-insensitive; blank for all), only running ones if asked, and only those that
 * wait for the user if asked ({@code waiting}: the attention that knows what they have looked at;
 * null for all). Applied to the rows already held: changing it never costs a request.
 */
public record BoardFilter(String text, boolean runningOnly, Attention waiting) {
    public static final BoardFilter ALL = new BoardFilter("", false, null);

    /** Newest first: what waits longest is below what just arrived, as in a mailbox. */
    private static final Comparator<ConversationRow> NEWEST_FIRST = Comparator.comparing(
                    ConversationRow::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ConversationRow::id, Comparator.nullsLast(Comparator.naturalOrder()));

    public BoardFilter {
        text = text == null ? "" : text.strip();
    }

    public BoardFilter(String text, boolean runningOnly) {
        this(text, runningOnly, null);
    }

    public BoardFilter withText(String newText) {
        return new BoardFilter(newText, runningOnly, waiting);
    }

    public BoardFilter toggleRunningOnly() {
        return new BoardFilter(text, !runningOnly, waiting);
    }

    /** Only the conversations that wait for the user, as {@code attention} knows them; or all again. */
    public BoardFilter toggleWaiting(Attention attention) {
        return new BoardFilter(text, runningOnly, waiting == null ? attention : null);
    }

    public boolean waitingOnly() {
        return waiting != null;
    }

    public boolean isAll() {
        return text.isEmpty() && !runningOnly && waiting == null;
    }

    public boolean matches(ConversationRow row) {
        return matches(row, text.toLowerCase(Locale.ROOT), waiting == null ? null : waiting.snapshot());
    }

    private boolean matches(ConversationRow row, String lowerCaseText, AttentionSnapshot attention) {
        return (!runningOnly || row.running())
                && (attention == null || attention.waits(row))
                && (lowerCaseText.isEmpty() || row.mentions(lowerCaseText));
    }

    /** The matching rows, in the order given; those that wait for the user newest first. */
    public List<ConversationRow> apply(List<ConversationRow> rows) {
        if (isAll()) {
            return rows;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        AttentionSnapshot attention = waiting == null ? null : waiting.snapshot();
        List<ConversationRow> matching =
                rows.stream().filter(r -> matches(r, lower, attention)).toList();
        return attention == null
                ? matching
                : matching.stream().sorted(NEWEST_FIRST).toList();
    }
}

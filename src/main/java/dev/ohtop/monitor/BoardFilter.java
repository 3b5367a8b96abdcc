package dev.ohtop.monitor;

import java.util.List;
import java.util.Locale;

/**
 * What the list shows of a {@link BoardSnapshot}: rows whose title, repository or id contains
 * {@code text} (case-insensitive; blank for all), and only running ones if asked. Applied to
 * the rows already held: changing it never costs a request.
 */
public record BoardFilter(String text, boolean runningOnly) {
    public static final BoardFilter ALL = new BoardFilter("", false);

    public BoardFilter {
        text = text == null ? "" : text.strip();
    }

    public BoardFilter withText(String newText) {
        return new BoardFilter(newText, runningOnly);
    }

    public BoardFilter toggleRunningOnly() {
        return new BoardFilter(text, !runningOnly);
    }

    public boolean isAll() {
        return text.isEmpty() && !runningOnly;
    }

    public boolean matches(ConversationRow row) {
        return matches(row, text.toLowerCase(Locale.ROOT));
    }

    private boolean matches(ConversationRow row, String lowerCaseText) {
        return (!runningOnly || row.running()) && (lowerCaseText.isEmpty() || row.mentions(lowerCaseText));
    }

    /** The matching rows, in the order given. */
    public List<ConversationRow> apply(List<ConversationRow> rows) {
        if (isAll()) {
            return rows;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return rows.stream().filter(r -> matches(r, lower)).toList();
    }
}

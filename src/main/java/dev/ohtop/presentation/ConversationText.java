package dev.ohtop.presentation;

import dev.ohtop.monitor.BoardFilter;
import dev.ohtop.monitor.BoardSnapshot;
import dev.ohtop.monitor.ConversationRow;

/** The conversation list in words: its summary line and the cells of a row. */
public final class ConversationText {
    private ConversationText() {}

    /** {@code 3 running / 30 total}; {@code ?} for the total until the server has said it. */
    public static String counts(BoardSnapshot snap) {
        return snap.running() + " running / " + (snap.total() == null ? "?" : String.valueOf(snap.total())) + " total";
    }

    /** {@code [running only, filter "bug": 4 shown]}, or null when the whole list is shown. */
    public static String filterNote(BoardFilter filter, int shown) {
        if (filter.isAll()) {
            return null;
        }
        String what = (filter.runningOnly() ? "running only" : "")
                + (!filter.text().isEmpty()
                        ? (filter.runningOnly() ? ", " : "") + "filter \"" + filter.text() + "\""
                        : "");
        return "[" + what + ": " + shown + " shown]";
    }

    /** The advice once too many run at once. */
    public static String tooManyRunning(int running) {
        return "⚠ " + running + " running at once (advice: at most 5)";
    }

    /** What an empty list means: not fetched yet (the status line says why), none at all, or none matching. */
    public static String empty(BoardSnapshot snap, BoardFilter filter) {
        if (snap.refreshedAt() == null) {
            return snap.problem() == null ? "loading…" : "nothing loaded yet";
        }
        return filter.isAll() ? "no conversations" : "nothing matches the filter";
    }

    /** {@code owner/repo@branch}, or {@code -} without a repository. */
    public static String repository(ConversationRow row) {
        return row.repoAtBranch().isEmpty() ? "-" : row.repoAtBranch();
    }

    /** {@code litellm_proxy/claude-sonnet-4} -> {@code claude-sonnet-4}; {@code -} when unknown. */
    public static String model(String model) {
        if (model == null) {
            return "-";
        }
        int slash = model.lastIndexOf('/');
        return slash < 0 ? model : model.substring(slash + 1);
    }
}

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
        java.util.List<String> what = new java.util.ArrayList<>();
        if (filter.waitingOnly()) {
            what.add("waiting for you");
        }
        if (filter.runningOnly()) {
            what.add("running only");
        }
        if (!filter.text().isEmpty()) {
            what.add("filter \"" + filter.text() + "\"");
        }
        return "[" + String.join(", ", what) + ": " + shown + " shown]";
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
        if (filter.isAll()) {
            return "no conversations";
        }
        return filter.waitingOnly() && filter.text().isEmpty() && !filter.runningOnly()
                ? "nothing waits for you"
                : "nothing matches the filter";
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

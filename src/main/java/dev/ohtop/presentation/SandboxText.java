package dev.ohtop.presentation;

import dev.ohtop.monitor.SandboxBoardSnapshot;
import dev.ohtop.monitor.SandboxRow;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The sandbox list in words: its summary line and the cells of a row. */
public final class SandboxText {
    private SandboxText() {}

    /** {@code 9 sandboxes: 3 running, 5 paused, 1 missing}; a {@code +} when older ones are left out. */
    public static String summary(SandboxBoardSnapshot snap) {
        StringJoiner counts = new StringJoiner(", ");
        snap.countsByStatus().forEach((status, n) -> counts.add(n + " " + status.toLowerCase(Locale.ROOT)));
        int shown = snap.rows().size();
        return shown + (snap.hasMore() ? "+" : "") + " sandboxes" + (shown == 0 ? "" : ": " + counts);
    }

    /** Said beside the summary when the server has more sandboxes than it listed. */
    public static String olderNotListed(int shown) {
        return "[the newest " + shown + " shown; older ones are not listed]";
    }

    /** The status; a pause or resume on its way stands in its place until the status changes. */
    public static Badge status(SandboxRow row) {
        if (row.pending() == null) {
            return Badge.sandbox(row.status());
        }
        return new Badge(
                row.pending() == SandboxRow.Pending.PAUSING ? "↻ pausing…" : "↻ resuming…", Badge.Tone.CHANGING);
    }

    /** {@code ghcr.io/openhands/agent-server:7c91cbe-python} -> {@code agent-server:7c91cbe-python}. */
    public static String spec(String spec) {
        if (spec == null) {
            return "-";
        }
        int slash = spec.lastIndexOf('/');
        return slash < 0 ? spec : spec.substring(slash + 1);
    }

    /** The conversations using a sandbox: {@code 2 · Fix the bug} (how many, then the first), or {@code -}. */
    public static String usedBy(List<String> titles) {
        return titles.isEmpty() ? "-" : titles.size() + " · " + titles.get(0);
    }
}

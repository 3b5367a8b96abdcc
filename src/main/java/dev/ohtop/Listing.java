package dev.ohtop;

import dev.ohtop.monitor.BoardSnapshot;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.ui.Ages;
import dev.ohtop.ui.TerminalText;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * The conversations as plain text, for {@code --list}: the board's own rows (running first, then
 * most recently updated), each string made inert by the same function the screen uses.
 */
final class Listing {
    private static final String FORMAT = "%-8s %-10s %-8s %-24s %-40s %8s %5s  %s%n";

    private Listing() {}

    static void print(BoardSnapshot board, Instant now, PrintStream out) {
        out.printf(FORMAT, "SANDBOX", "STATUS", "ID", "REPOSITORY", "TITLE", "COST", "AGE", "MODEL");
        for (ConversationRow r : board.rows()) {
            out.printf(FORMAT, clean(r.sandboxStatus(), 8), clean(r.executionStatus(), 10), clean(r.shortId(), 8),
                    clean(r.repoAtBranch(), 24), clean(r.title(), 40),
                    r.cost() == null ? "-" : String.format(Locale.ROOT, "$%.2f", r.cost()),
                    Ages.since(r.updatedAt(), now), clean(r.model(), 30));
        }
    }

    private static String clean(String text, int width) {
        String safe = TerminalText.safe(text, width);
        return safe.isEmpty() ? "-" : safe;
    }
}

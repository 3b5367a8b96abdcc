package dev.ohtop;

import dev.ohtop.monitor.BoardSnapshot;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.presentation.Ages;
import dev.ohtop.presentation.Costs;
import dev.ohtop.terminal.Glyphs;
import dev.ohtop.terminal.TerminalText;
import java.io.PrintStream;
import java.time.Instant;

/**
 * The conversations as plain text, for {@code --list}: the board's own rows (running first, then
 * most recently updated), each string made inert by the same function the screen uses.
 */
final class Listing {
    private static final String FORMAT = "%-8s %-10s %-8s %-24s %-40s %8s %5s  %s%n";

    private Listing() {}

    /** @param glyphs ASCII when the locale is not UTF-8 (or --ascii): text from the server then shows as ASCII too */
    static void print(BoardSnapshot board, Instant now, PrintStream out, Glyphs glyphs) {
        out.printf(FORMAT, "SANDBOX", "STATUS", "ID", "REPOSITORY", "TITLE", "COST", "AGE", "MODEL");
        for (ConversationRow r : board.rows()) {
            out.printf(
                    FORMAT,
                    clean(r.sandboxStatus(), 8, glyphs),
                    clean(r.executionStatus(), 10, glyphs),
                    clean(r.shortId(), 8, glyphs),
                    clean(r.repoAtBranch(), 24, glyphs),
                    clean(r.title(), 40, glyphs),
                    Costs.cell(r.cost()),
                    Ages.since(r.updatedAt(), now),
                    clean(r.model(), 30, glyphs));
        }
    }

    private static String clean(String text, int width, Glyphs glyphs) {
        String safe = TerminalText.safe(text, width, glyphs);
        return safe.isEmpty() ? "-" : safe;
    }
}

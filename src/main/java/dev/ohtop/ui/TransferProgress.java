package dev.ohtop.ui;

import dev.ohtop.monitor.TransferSnapshot;
import dev.ohtop.presentation.TransferText;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import dev.ohtop.terminal.TerminalText;

/** How far a transfer is, drawn: a bar, then {@link TransferText#figures}. */
final class TransferProgress {
    private static final int MIN_BAR = 5;
    private static final int MAX_BAR = 40;

    private TransferProgress() {}

    /**
     * One row: {@code [██████░░░░] 42%  8.4 MiB / 20.0 MiB  12.3 MiB/s  ETA 1.2s}; with the total
     * unknown, the bytes so far and the rate only. The percentage is rounded down: 100% means all of it.
     */
    static void draw(Canvas row, int column, TransferSnapshot s) {
        double fraction = s.fraction();
        String figures = TransferText.figures(s);
        int c = column;
        if (fraction >= 0) {
            // The figures matter more than the bar: on a narrow terminal the bar shrinks, then goes.
            int room = row.width() - column - "[] 100%  ".length() - TerminalText.width(figures);
            int width = Math.min(MAX_BAR, room);
            if (width >= MIN_BAR) {
                int filled = (int) Math.floor(fraction * width);
                c = row.text(c, 0, "[", Style.NORMAL);
                c = row.text(c, 0, "█".repeat(filled), Theme.OK);
                c = row.text(c, 0, "░".repeat(width - filled), Theme.DIM);
                c = row.text(c, 0, "] ", Style.NORMAL);
            }
            c = row.text(c, 0, (int) Math.floor(fraction * 100) + "%", Theme.TITLE) + 2;
        }
        row.text(c, 0, figures, Style.NORMAL);
    }
}

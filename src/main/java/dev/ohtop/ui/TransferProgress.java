package dev.ohtop.ui;

import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import dev.ohtop.terminal.TerminalText;
import dev.ohtop.api.ByteSizes;
import dev.ohtop.monitor.Durations;
import dev.ohtop.monitor.Transfer;
import dev.ohtop.monitor.TransferSnapshot;

import java.time.Duration;

/**
 * How far a transfer is, as a person reads it: a bar, sizes in binary units, the rate and the time
 * left; and, once done, one sentence of what was moved where and how fast.
 */
final class TransferProgress {
    private static final int MIN_BAR = 5;
    private static final int MAX_BAR = 40;

    private TransferProgress() {
    }

    /** {@code 512 B}, {@code 8.4 MiB}. */
    static String bytes(long n) {
        return ByteSizes.of(n);
    }

    static String rate(double bytesPerSecond) {
        return bytes((long) bytesPerSecond) + "/s";
    }

    /**
     * One row: {@code [██████░░░░] 42%  8.4 MiB / 20.0 MiB  12.3 MiB/s  ETA 1.2s}; with the total
     * unknown, the bytes so far and the rate only. The percentage is rounded down: 100% means all of it.
     */
    static void draw(Canvas row, int column, TransferSnapshot s) {
        double fraction = s.fraction();
        String figures = figures(s);
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

    /** The words after the bar: sizes, then the rate and the time left once they can be told. */
    static String figures(TransferSnapshot s) {
        StringBuilder words = new StringBuilder(bytes(s.done()));
        words.append(s.total() >= 0 ? " / " + bytes(s.total()) : " so far");
        if (s.bytesPerSecond() > 0) {
            words.append("  ").append(rate(s.bytesPerSecond()));
        }
        if (s.eta() != null) {
            words.append("  ETA ").append(Durations.brief(s.eta()));
        }
        return words.toString();
    }

    /** {@code downloaded 20.0 MiB to /home/me/x.bin in 1.2s (16.7 MiB/s)}. */
    static String finished(TransferSnapshot s) {
        String what = switch (s.kind()) {
            case DOWNLOAD -> "downloaded " + bytes(s.done()) + " to " + s.localPath();
            case UPLOAD -> "uploaded " + bytes(s.done()) + " to " + s.remotePath();
            case TRAJECTORY -> "saved the trajectory (" + bytes(s.done()) + ") to " + s.localPath();
        };
        Duration took = s.elapsed() == null ? Duration.ZERO : s.elapsed();
        String pace = took.toMillis() > 0 ? " (" + rate(s.done() * 1000.0 / took.toMillis()) + ")" : "";
        return what + " in " + Durations.brief(took) + pace;
    }

    /** What the transfer does, for its route line and the status line. */
    static String verb(Transfer.Kind kind) {
        return switch (kind) {
            case DOWNLOAD -> "downloading";
            case UPLOAD -> "uploading";
            case TRAJECTORY -> "downloading the trajectory";
        };
    }
}

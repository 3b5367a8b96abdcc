package dev.ohtop.ui;

import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import dev.ohtop.terminal.TerminalText;
import dev.ohtop.terminal.Wrap;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's output pane: lines wrapped to the width (a compiler error is read whole, not cut),
 * each with a one-glyph mark in a gutter, so stderr and notes are told apart without colour too.
 * While following, the newest line is at the bottom; scrolling up holds the view on the same
 * output however much arrives below it. Positions are absolute line numbers (lines let go from
 * the top still count), so trimming the oldest lines never moves what the user is reading.
 *
 * <p>Only the lines on screen are wrapped: a pane holds up to 20,000 lines and is drawn on every
 * piece of output.
 */
final class ConsolePane {
    /** Columns before the text: the mark and a space. */
    static final int GUTTER = 2;

    /** One line of the pane: its mark ("" for none) and text, each in a style. */
    record Line(String mark, Style markStyle, String text, Style style) {}

    /** A wrapped row: row {@code row} of absolute line {@code line}. */
    private record Position(long line, int row) {}

    private boolean follow = true;
    /** Where the top row is while not following. */
    private Position top = new Position(0, 0);
    /** What was drawn last: scrolling happens between frames and needs the same layout. */
    private List<Line> lines = List.of();

    private long first;
    private int width = 80;
    private int height = 1;

    /**
     * Draws the rows that fit. {@code first} is the absolute number of {@code lines.get(0)}: how
     * many lines came before it and are no longer held.
     */
    void draw(Canvas canvas, List<Line> lines, long first) {
        this.lines = lines;
        this.first = first;
        this.width = Math.max(1, canvas.width() - GUTTER);
        this.height = Math.max(1, canvas.height());
        Position from = follow ? bottomTop() : clamp(top);
        if (!follow) {
            top = from;
        }
        int r = 0;
        for (long i = from.line(); r < canvas.height() && i < end(); i++) {
            Line line = line(i);
            List<String> rows = wrap(line.text());
            for (int k = i == from.line() ? from.row() : 0; k < rows.size() && r < canvas.height(); k++, r++) {
                if (k == 0) {
                    canvas.text(0, r, line.mark(), GUTTER, line.markStyle());
                }
                canvas.text(GUTTER, r, rows.get(k), line.style());
            }
        }
    }

    boolean following() {
        return follow;
    }

    /** Back to the newest output (End, a new command, a cleared pane). */
    void follow() {
        follow = true;
    }

    /** Rows in a page: what PageUp and PageDown move by. */
    int pageRows() {
        return height;
    }

    void scrollUp(int rows) {
        Position p = current();
        int n = rows;
        while (n > 0) {
            if (p.row() >= n) {
                p = new Position(p.line(), p.row() - n);
                n = 0;
            } else if (p.line() > first) {
                n -= p.row() + 1;
                p = new Position(p.line() - 1, rowsOf(p.line() - 1) - 1);
            } else {
                p = new Position(first, 0);
                n = 0;
            }
        }
        settle(p);
    }

    void scrollDown(int rows) {
        Position p = current();
        int n = rows;
        while (n > 0 && p.line() < end() - 1) {
            int left = rowsOf(p.line()) - 1 - p.row();
            if (left >= n) {
                p = new Position(p.line(), p.row() + n);
                n = 0;
            } else {
                n -= left + 1;
                p = new Position(p.line() + 1, 0);
            }
        }
        settle(p);
    }

    void scrollToTop() {
        settle(new Position(first, 0));
    }

    /** The top row as drawn now, following or not. */
    private Position current() {
        return follow ? bottomTop() : clamp(top);
    }

    /** Reaching the bottom (everything below fits) follows again, as a terminal's scrollback does. */
    private void settle(Position p) {
        follow = fitsFrom(p);
        top = p;
    }

    private boolean fitsFrom(Position p) {
        int rows = -p.row();
        for (long i = p.line(); i < end(); i++) {
            rows += rowsOf(i);
            if (rows > height) {
                return false;
            }
        }
        return true;
    }

    /** The top row that puts the newest row at the bottom (or the first row, when all fits). */
    private Position bottomTop() {
        int needed = height;
        for (long i = end() - 1; i >= first; i--) {
            int rows = rowsOf(i);
            if (rows >= needed) {
                return new Position(i, rows - needed);
            }
            needed -= rows;
        }
        return new Position(first, 0);
    }

    private Position clamp(Position p) {
        if (lines.isEmpty() || p.line() < first) {
            return new Position(first, 0);
        }
        if (p.line() >= end()) {
            return new Position(end() - 1, 0);
        }
        return new Position(p.line(), Math.min(p.row(), rowsOf(p.line()) - 1));
    }

    private long end() {
        return first + lines.size();
    }

    private Line line(long absolute) {
        return lines.get((int) (absolute - first));
    }

    private int rowsOf(long absolute) {
        return wrap(line(absolute).text()).size();
    }

    /**
     * The line made inert and cut into rows of the pane's width, hard, as a terminal wraps output
     * (unlike {@link Wrap}, which breaks after words); an empty line is one empty row.
     */
    private List<String> wrap(String text) {
        String rest = shown(text);
        List<String> rows = new ArrayList<>(1);
        while (rest.length() > 0) {
            String row = TerminalText.take(rest, width);
            rows.add(row);
            rest = rest.substring(row.length());
        }
        if (rows.isEmpty()) {
            rows.add("");
        }
        return rows;
    }

    /** A line as the pane shows it (and as saved output keeps it): tabs expanded, everything else inert. */
    static String shown(String text) {
        return TerminalText.safeLine(Wrap.expandTabs(text));
    }
}

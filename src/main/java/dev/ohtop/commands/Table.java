package dev.ohtop.commands;

import dev.ohtop.terminal.TerminalText;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of inert cells for human output, each column as wide as its widest cell (as kubectl and
 * docker print theirs): the columns line up whether or not the values were cut, so a pipe gets
 * whole values in straight columns. Widths are counted as a terminal draws them.
 */
final class Table {
    private final String[] headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    /** @param headers the column titles; a title starting with '>' is right-aligned (the '>' is not shown) */
    Table(String... headers) {
        this.headers = new String[headers.length];
        this.right = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            right[i] = headers[i].startsWith(">");
            this.headers[i] = right[i] ? headers[i].substring(1) : headers[i];
        }
    }

    /** One row of cells, already inert (and cut where the caller cuts). */
    void add(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.length + " columns");
        }
        rows.add(cells);
    }

    /** The whole table, a line per row after the titles' line, to be written at once. */
    String text() {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = TerminalText.width(headers[i]);
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], TerminalText.width(row[i]));
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers, widths);
        for (String[] row : rows) {
            line(text, row, widths);
        }
        return text.toString();
    }

    private void line(StringBuilder text, String[] cells, int[] widths) {
        int start = text.length();
        for (int i = 0; i < cells.length; i++) {
            String gap = " ".repeat(widths[i] - TerminalText.width(cells[i]));
            boolean last = i == cells.length - 1;
            text.append(right[i] ? gap + cells[i] : last ? cells[i] : cells[i] + gap);
            if (!last) {
                text.append("  ");
            }
        }
        // A right-aligned or empty last column leaves no trailing blanks.
        while (text.length() > start && text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 1);
        }
        text.append('\n');
    }
}

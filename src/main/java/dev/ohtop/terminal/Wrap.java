package dev.ohtop.terminal;

import java.util.ArrayList;
import java.util.List;

/**
 * Text laid out in rows, the one way every screen does it: broken after a word (a word longer
 * than a row is cut where the row ends), tabs to the next multiple of 8 columns as a terminal
 * shows them. The console's output is the exception: it wraps hard, as a terminal would.
 */
public final class Wrap {
    static final int TAB = 8;

    private Wrap() {}

    /**
     * Each line of {@code text} (split at line breaks), its tabs expanded, made inert, then broken
     * into rows of at most {@code width} columns; an empty line is one empty row. At most
     * {@code maxRows} rows.
     */
    public static List<String> lines(String text, int width, int maxRows) {
        List<String> rows = new ArrayList<>();
        if (text == null) {
            return rows;
        }
        for (String line : text.split("\r?\n", -1)) {
            if (rows.size() >= maxRows) {
                break;
            }
            rows.addAll(rows(TerminalText.inert(expandTabs(line), false), width, maxRows - rows.size()));
        }
        return rows;
    }

    /**
     * One line of inert text in rows of at most {@code width} columns, broken after the last space
     * that fits (the spaces at a break are dropped; the first row keeps its indentation). Stops at
     * {@code maxRows}: one 10 MB line must neither be copied over and over nor become a hundred
     * thousand rows.
     */
    public static List<String> rows(String inert, int width, int maxRows) {
        List<String> rows = new ArrayList<>(1);
        int w = Math.max(1, width);
        int window = 4 * w + 16; // a row of w columns never spans more characters than this
        int at = 0;
        do {
            if (rows.size() >= maxRows) {
                break;
            }
            String piece = TerminalText.take(inert.substring(at, Math.min(inert.length(), at + window)), w);
            int end = at + piece.length();
            if (end < inert.length() && inert.charAt(end) != ' ') {
                int space = piece.lastIndexOf(' ');
                if (space > indentation(piece)) {
                    piece = piece.substring(0, space);
                }
            }
            rows.add(stripEnd(piece));
            at += piece.length();
            while (at < inert.length() && inert.charAt(at) == ' ') {
                at++;
            }
        } while (at < inert.length());
        return rows;
    }

    private static int indentation(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String stripEnd(String row) {
        int end = row.length();
        while (end > indentation(row) && row.charAt(end - 1) == ' ') {
            end--;
        }
        return row.substring(0, end);
    }

    /** Tabs to the next multiple of 8 columns, as a terminal shows them (ls, make and friends line up with tabs). */
    public static String expandTabs(String text) {
        if (text.indexOf('\t') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                out.append(" ".repeat(TAB - out.length() % TAB));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

package dev.ohtop.terminal;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.graphics.TextGraphics;

/**
 * What views draw on. Every string goes through {@link TerminalText} here, so no view can
 * draw untrusted text raw, and nothing is drawn outside the area a view was given. The terminal's
 * {@link TerminalLook} applies here too: views write Unicode marks and colours, and a terminal
 * without UTF-8 or colour gets ASCII marks and no colour, with no view knowing.
 */
public final class Canvas {
    private final TextGraphics graphics;
    private final Cells cells;
    private final TerminalLook look;
    private final int left;
    private final int top;
    private final int width;
    private final int height;

    Canvas(TextGraphics graphics, Cells cells, TerminalLook look, int left, int top, int width, int height) {
        this.graphics = graphics;
        this.cells = cells;
        this.look = look;
        this.left = left;
        this.top = top;
        this.width = Math.max(0, width);
        this.height = Math.max(0, height);
    }

    public static Canvas of(TextGraphics graphics) {
        return of(graphics, new Cells());
    }

    /** A canvas whose ASCII cells are {@code cells}' (the app keeps them from frame to frame). */
    public static Canvas of(TextGraphics graphics, Cells cells) {
        return of(graphics, cells, TerminalLook.FULL);
    }

    /** As {@link #of(TextGraphics, Cells)}, drawn as {@code look} says (colour or not, Unicode or ASCII marks). */
    public static Canvas of(TextGraphics graphics, Cells cells, TerminalLook look) {
        TerminalSize size = graphics.getSize();
        return new Canvas(graphics, cells, look, 0, 0, size.getColumns(), size.getRows());
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A sub-area: rows {@code fromRow} .. {@code fromRow + rows - 1} of this one. */
    public Canvas rows(int fromRow, int rows) {
        int from = Math.min(Math.max(0, fromRow), height);
        return new Canvas(graphics, cells, look, left, top + from, width, Math.min(rows, height - from));
    }

    /** A sub-area: the first {@code columns} columns of this one (what is drawn there is cut at its edge). */
    public Canvas left(int columns) {
        return new Canvas(graphics, cells, look, left, top, Math.max(0, Math.min(columns, width)), height);
    }

    /**
     * Draws {@code text} at a column of a row, cut to {@code maxWidth} and to the canvas; returns
     * the column after it. Text is sanitised whatever its origin.
     */
    public int text(int column, int row, String text, int maxWidth, Style style) {
        if (row < 0 || row >= height || column >= width || maxWidth <= 0) {
            return column;
        }
        String shown = TerminalText.safe(text, Math.min(maxWidth, width - column), look.glyphs());
        put(left + column, top + row, shown, style);
        return column + TerminalText.width(shown);
    }

    public int text(int column, int row, String text, Style style) {
        return text(column, row, text, width - column, style);
    }

    /** A table cell: the text padded or cut to exactly {@code width} columns; returns the next cell's column. */
    public int cell(int column, int row, String text, int width, Style style) {
        text(column, row, TerminalText.cell(text, width), width, style);
        return column + width + 1;
    }

    /** A right-aligned table cell. */
    public int cellRight(int column, int row, String text, int width, Style style) {
        text(column, row, TerminalText.cellRight(text, width), width, style);
        return column + width + 1;
    }

    /** Fills a whole row with a style (for selection bars and headers), then draws text on it. */
    public void bar(int row, String text, Style style) {
        if (row < 0 || row >= height) {
            return;
        }
        put(left, top + row, " ".repeat(width), style);
        text(0, row, text, width, style);
    }

    /** Text already made safe, at an absolute position. */
    private void put(int x, int y, String safe, Style asWritten) {
        Style style = look.style(asWritten);
        if (hasSurrogates(safe)) {
            apply(style); // emoji and the like: as Lanterna lays them out
            graphics.putString(x, y, safe);
            return;
        }
        Cells.InStyle styled = cells.in(style);
        int column = x;
        for (int i = 0; i < safe.length(); i++) {
            TextCharacter cell = styled.of(safe.charAt(i));
            graphics.setCharacter(column, y, cell);
            column += cell.isDoubleWidth() ? 2 : 1;
        }
    }

    private static boolean hasSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private void apply(Style style) {
        graphics.setForegroundColor(style.foreground());
        graphics.setBackgroundColor(style.background());
        graphics.clearModifiers();
        if (!style.modifiers().isEmpty()) {
            graphics.enableModifiers(style.modifiers().toArray(new com.googlecode.lanterna.SGR[0]));
        }
    }
}

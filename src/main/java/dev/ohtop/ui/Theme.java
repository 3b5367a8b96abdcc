package dev.ohtop.ui;

import com.googlecode.lanterna.TextColor;
import dev.ohtop.terminal.Style;

/**
 * How statuses look: a glyph and a word always, colour on top, so the screen reads the same
 * on a monochrome terminal or to a colour-blind user.
 */
public final class Theme {
    private Theme() {}

    public static final Style HEADER =
            Style.fg(TextColor.ANSI.WHITE).on(TextColor.ANSI.BLUE).bold();
    public static final Style TITLE = Style.NORMAL.bold();
    public static final Style DIM = Style.fg(TextColor.ANSI.BLACK_BRIGHT);
    public static final Style SELECTED = Style.NORMAL.reverse();
    public static final Style CHANGED = Style.fg(TextColor.ANSI.YELLOW_BRIGHT);
    public static final Style WARNING = Style.fg(TextColor.ANSI.YELLOW).bold();
    public static final Style ERROR = Style.fg(TextColor.ANSI.RED).bold();
    public static final Style OK = Style.fg(TextColor.ANSI.GREEN);
    public static final Style FOOTER = Style.fg(TextColor.ANSI.BLACK).on(TextColor.ANSI.WHITE);
    public static final Style FOOTER_KEY =
            Style.fg(TextColor.ANSI.BLUE).on(TextColor.ANSI.WHITE).bold();
    /** A command's stderr in the console: red, not bold (many tools write progress there). */
    public static final Style STDERR = Style.fg(TextColor.ANSI.RED);

    public static final Style MATCH = Style.fg(TextColor.ANSI.BLACK).on(TextColor.ANSI.YELLOW);
    /** The search text on the selected row, which is drawn reversed already. */
    public static final Style MATCH_SELECTED = MATCH.bold();

    /** What waits for the user's answer (an action to confirm): the colour of the "waiting" badge, as a band. */
    public static final Style PENDING =
            Style.fg(TextColor.ANSI.WHITE).on(TextColor.ANSI.MAGENTA).bold();

    /** A status shown as glyph + word in a style. */
    public record Badge(String text, Style style) {}

    /** A conversation's execution status, in words from {@link dev.ohtop.presentation.Badge}, coloured. */
    public static Badge execution(String status) {
        return coloured(dev.ohtop.presentation.Badge.execution(status));
    }

    /** A sandbox's status, in words from {@link dev.ohtop.presentation.Badge}, coloured. */
    public static Badge sandbox(String status) {
        return coloured(dev.ohtop.presentation.Badge.sandbox(status));
    }

    public static Badge coloured(dev.ohtop.presentation.Badge badge) {
        return new Badge(badge.text(), style(badge.tone()));
    }

    /** The colour of a tone: the one place a status's meaning becomes a colour. */
    public static Style style(dev.ohtop.presentation.Badge.Tone tone) {
        return switch (tone) {
            case WORKING -> OK.bold();
            case UP -> OK;
            case QUIET -> Style.NORMAL;
            case HELD -> Style.fg(TextColor.ANSI.YELLOW);
            case ASKING -> Style.fg(TextColor.ANSI.MAGENTA).bold();
            case DONE -> Style.fg(TextColor.ANSI.CYAN);
            case FAILED -> ERROR;
            case GONE -> DIM;
            case CHANGING -> CHANGED;
        };
    }
}

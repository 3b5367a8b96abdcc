package dev.ohtop.ui;

import dev.ohtop.terminal.Style;
import com.googlecode.lanterna.TextColor;

/**
 * How statuses look: a glyph and a word always, colour on top, so the screen reads the same
 * on a monochrome terminal or to a colour-blind user.
 */
public final class Theme {
    private Theme() {}

    public static final Style HEADER = Style.fg(TextColor.ANSI.WHITE).on(TextColor.ANSI.BLUE).bold();
    public static final Style TITLE = Style.NORMAL.bold();
    public static final Style DIM = Style.fg(TextColor.ANSI.BLACK_BRIGHT);
    public static final Style SELECTED = Style.NORMAL.reverse();
    public static final Style CHANGED = Style.fg(TextColor.ANSI.YELLOW_BRIGHT);
    public static final Style WARNING = Style.fg(TextColor.ANSI.YELLOW).bold();
    public static final Style ERROR = Style.fg(TextColor.ANSI.RED).bold();
    public static final Style OK = Style.fg(TextColor.ANSI.GREEN);
    public static final Style FOOTER = Style.fg(TextColor.ANSI.BLACK).on(TextColor.ANSI.WHITE);
    public static final Style FOOTER_KEY = Style.fg(TextColor.ANSI.BLUE).on(TextColor.ANSI.WHITE).bold();
    /** A command's stderr in the console: red, not bold (many tools write progress there). */
    public static final Style STDERR = Style.fg(TextColor.ANSI.RED);
    public static final Style MATCH = Style.fg(TextColor.ANSI.BLACK).on(TextColor.ANSI.YELLOW);
    /** The search text on the selected row, which is drawn reversed already. */
    public static final Style MATCH_SELECTED = MATCH.bold();

    /** A status shown as glyph + word in a style. */
    public record Badge(String text, Style style) {}

    public static Badge execution(String status) {
        if (status == null) {
            return new Badge("-", DIM);
        }
        return switch (status) {
            case "running" -> new Badge("▶ running", OK.bold());
            case "idle" -> new Badge("· idle", Style.NORMAL);
            case "paused" -> new Badge("‖ paused", Style.fg(TextColor.ANSI.YELLOW));
            case "waiting_for_confirmation" -> new Badge("? waiting", Style.fg(TextColor.ANSI.MAGENTA).bold());
            case "finished" -> new Badge("✓ finished", Style.fg(TextColor.ANSI.CYAN));
            case "error" -> new Badge("✗ error", ERROR);
            case "stuck" -> new Badge("! stuck", ERROR);
            case "deleting" -> new Badge("- deleting", DIM);
            default -> new Badge("? " + status, Style.NORMAL);
        };
    }

    public static Badge sandbox(String status) {
        if (status == null) {
            return new Badge("?", DIM);
        }
        return switch (status) {
            case "RUNNING" -> new Badge("● RUNNING", OK);
            case "STARTING" -> new Badge("◐ STARTING", Style.fg(TextColor.ANSI.YELLOW));
            case "PAUSED" -> new Badge("‖ PAUSED", Style.fg(TextColor.ANSI.YELLOW));
            case "ERROR" -> new Badge("✗ ERROR", ERROR);
            case "MISSING" -> new Badge("○ MISSING", DIM);
            default -> new Badge("? " + status, Style.NORMAL);
        };
    }
}

package dev.ohtop.terminal;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

/**
 * What this terminal can show, decided once at start from the environment and the flags: colour
 * unless {@code NO_COLOR} is set (no-color.org), Unicode marks unless the locale is not UTF-8 or
 * the user asked for {@code --ascii}. Meaning never rides on colour alone (glyphs and words carry
 * it), so the screens read the same without it.
 */
public record TerminalLook(boolean colour, Glyphs glyphs) {
    public static final TerminalLook FULL = new TerminalLook(true, Glyphs.UNICODE);

    /** From the environment ({@code System.getenv()} in Main, a map in tests) and {@code --ascii}. */
    public static TerminalLook from(Map<String, String> env, boolean asciiAsked) {
        boolean colour = isBlank(env.get("NO_COLOR"));
        return new TerminalLook(colour, asciiAsked || !utf8Locale(env) ? Glyphs.ASCII : Glyphs.UNICODE);
    }

    /**
     * Whether the locale in force takes UTF-8: the first of {@code LC_ALL}, {@code LC_CTYPE},
     * {@code LANG} that is set decides, as for every C program; none set is the C locale, ASCII.
     */
    static boolean utf8Locale(Map<String, String> env) {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = env.get(name);
            if (!isBlank(value)) {
                String codeset = value.toUpperCase(Locale.ROOT).replace("-", "");
                return codeset.contains("UTF8");
            }
        }
        return false;
    }

    /**
     * Why the full screen cannot be drawn on this terminal, or null when it can: {@code TERM=dumb}
     * (Emacs' shell, some IDE consoles) or no {@code TERM} at all cannot place the cursor.
     */
    public static String unusable(Map<String, String> env) {
        String term = env.get("TERM");
        if (isBlank(term)) {
            return "TERM is not set, so the terminal cannot draw the full screen; for plain text use --list";
        }
        if (term.strip().equals("dumb")) {
            return "this terminal (TERM=dumb) cannot draw the full screen; for plain text use --list";
        }
        return null;
    }

    /** {@code style} as drawn here: without colour, a coloured background becomes reverse video. */
    public Style style(Style style) {
        if (colour || style.foreground() == TextColor.ANSI.DEFAULT && style.background() == TextColor.ANSI.DEFAULT) {
            return style;
        }
        EnumSet<SGR> modifiers = style.modifiers().clone();
        if (style.background() != TextColor.ANSI.DEFAULT) {
            modifiers.add(SGR.REVERSE);
        }
        return new Style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, modifiers);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

package dev.ohtop.terminal;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import java.util.HashMap;
import java.util.Map;

/**
 * Lanterna's cells, one object per character and style, kept from frame to frame by the app. A
 * cell drawn as it was in the last frame is then the very same object, which the screen's delta
 * ({@link DeltaScreen}) passes at a glance instead of comparing the two. Styles are the views'
 * constants, so there are few of them.
 *
 * <p>Each cell knows its width: Lanterna asks a cell whether it is double width each time one is
 * set beside it (two Unicode block searches per cell set), which made up a quarter of an idle
 * frame. Characters outside the Basic Multilingual Plane (emoji) are left to Lanterna.
 */
public final class Cells {
    private static final char FIRST = ' ';
    private static final char LAST = '~';

    /** The blank in default colours: what the screen is cleared to ({@link DeltaScreen}) and what a view's blanks are. */
    static final TextCharacter BLANK =
            new Sized(' ', false, TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, new SGR[0]);

    private final Map<Style, InStyle> byStyle = new HashMap<>();

    /** The cells of one style (looked up once per string, not per character). */
    InStyle in(Style style) {
        return byStyle.computeIfAbsent(style, InStyle::new);
    }

    /** One style's cells, made as they are first drawn. */
    static final class InStyle {
        private final Style style;
        private final SGR[] modifiers;
        private final TextCharacter[] ascii = new TextCharacter[LAST - FIRST + 1];
        private final Map<Character, TextCharacter> others = new HashMap<>();

        private InStyle(Style style) {
            this.style = style;
            this.modifiers = style.modifiers().toArray(new SGR[0]);
        }

        /** The cell of a character of the Basic Multilingual Plane that is no surrogate and no control. */
        TextCharacter of(char c) {
            if (c >= FIRST && c <= LAST) {
                TextCharacter cell = ascii[c - FIRST];
                if (cell == null) {
                    cell = c == ' ' && style.equals(Style.NORMAL) ? BLANK : cell(c);
                    ascii[c - FIRST] = cell;
                }
                return cell;
            }
            return others.computeIfAbsent(c, this::cell);
        }

        private TextCharacter cell(char c) {
            return new Sized(c, TerminalText.columns(c) == 2, style.foreground(), style.background(), modifiers);
        }
    }

    /** A cell whose width is known when it is made: the answer Lanterna would give, asked once. */
    static final class Sized extends TextCharacter {
        private static final long serialVersionUID = 1L;
        private final boolean wide;

        // Lanterna deprecates its constructors for fromCharacter(), which cannot make a subclass.
        @SuppressWarnings("deprecation")
        Sized(char c, boolean wide, TextColor foreground, TextColor background, SGR[] modifiers) {
            super(c, foreground, background, modifiers);
            this.wide = wide;
        }

        @Override
        public boolean isDoubleWidth() {
            return wide;
        }
    }
}

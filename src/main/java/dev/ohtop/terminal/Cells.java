package dev.ohtop.terminal;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import java.util.HashMap;
import java.util.Map;

/**
 * Lanterna's cells for printable ASCII, one object per character and style, kept from frame to
 * frame by the app. A cell drawn as it was in the last frame is then the very same object, which
 * the screen's delta ({@link DeltaScreen}) passes at a glance instead of comparing the two.
 * Styles are the views' constants, so there are few of them.
 */
public final class Cells {
    private static final char FIRST = ' ';
    private static final char LAST = '~';

    private final Map<Style, InStyle> byStyle = new HashMap<>();

    static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < FIRST || c > LAST) {
                return false;
            }
        }
        return true;
    }

    /** The cells of one style (looked up once per string, not per character). */
    InStyle in(Style style) {
        return byStyle.computeIfAbsent(style, InStyle::new);
    }

    /** One style's cells, made as they are first drawn. */
    static final class InStyle {
        private final Style style;
        private final TextCharacter[] cells = new TextCharacter[LAST - FIRST + 1];

        private InStyle(Style style) {
            this.style = style;
        }

        /** The cell of a printable ASCII character. */
        TextCharacter of(char c) {
            TextCharacter cell = cells[c - FIRST];
            if (cell == null) {
                cell = TextCharacter.fromCharacter(
                        c,
                        style.foreground(),
                        style.background(),
                        style.modifiers().toArray(new SGR[0]))[0];
                cells[c - FIRST] = cell;
            }
            return cell;
        }
    }
}

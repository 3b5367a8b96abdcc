package dev.ohtop.terminal;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.util.EnumSet;

/** Colours and emphasis of one piece of text. Colour is never the only signal: glyphs and words carry meaning too. */
public record Style(TextColor foreground, TextColor background, EnumSet<SGR> modifiers) {
    public static final Style NORMAL =
            new Style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, EnumSet.noneOf(SGR.class));

    public static Style fg(TextColor color) {
        return new Style(color, TextColor.ANSI.DEFAULT, EnumSet.noneOf(SGR.class));
    }

    public Style bold() {
        EnumSet<SGR> m = modifiers.clone();
        m.add(SGR.BOLD);
        return new Style(foreground, background, m);
    }

    public Style reverse() {
        EnumSet<SGR> m = modifiers.clone();
        m.add(SGR.REVERSE);
        return new Style(foreground, background, m);
    }

    public Style on(TextColor bg) {
        return new Style(foreground, bg, modifiers);
    }
}

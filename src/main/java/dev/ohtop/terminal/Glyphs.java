package dev.ohtop.terminal;

import java.util.Map;

/**
 * The characters ohtop draws its marks with, chosen once at start: Unicode, or plain ASCII for a
 * terminal whose locale is not UTF-8 (there {@code ▶ ● ‖ ✓ ✗ …} arrive as garbage) or when the user
 * asks with {@code --ascii}. Views write the Unicode marks; {@link Canvas} draws them through the
 * set in force, so this table is the one place that knows both forms.
 */
public enum Glyphs {
    UNICODE("…"),
    ASCII("...");

    /** Each mark ohtop draws, in ASCII: one column for one, so columns still line up. */
    private static final Map<Integer, String> ASCII_FORMS = Map.ofEntries(
            Map.entry((int) '…', "..."),
            Map.entry((int) '▶', ">"),
            Map.entry((int) '▸', ">"),
            Map.entry((int) '›', ">"),
            Map.entry((int) '·', "."),
            Map.entry((int) '‖', "|"),
            Map.entry((int) '▏', "|"),
            Map.entry((int) '▎', "|"),
            Map.entry((int) '✓', "+"),
            Map.entry((int) '✗', "x"),
            Map.entry((int) '●', "*"),
            Map.entry((int) '•', "*"),
            Map.entry((int) '○', "o"),
            Map.entry((int) '◐', "~"),
            Map.entry((int) '↻', "~"),
            Map.entry((int) '⚠', "!"),
            Map.entry((int) '▼', "v"),
            Map.entry((int) '⇣', "v"),
            Map.entry((int) '⇡', "^"),
            Map.entry((int) '↔', "="),
            Map.entry((int) '→', "->"),
            Map.entry((int) '—', "-"),
            Map.entry((int) '─', "-"),
            Map.entry((int) '█', "#"),
            Map.entry((int) '░', "-"),
            Map.entry((int) '–', "-"));

    private final String ellipsis;

    Glyphs(String ellipsis) {
        this.ellipsis = ellipsis;
    }

    /** What marks text that was cut. */
    public String ellipsis() {
        return ellipsis;
    }

    /** True when this set has a form for {@code mark} (every mark a view draws must have one). */
    static boolean knows(int mark) {
        return mark < 0x80 || ASCII_FORMS.containsKey(mark);
    }

    /**
     * Inert text as this terminal can show it. In ASCII, ohtop's marks get their ASCII form and any
     * other character (a title in another script, an emoji) becomes {@code ?}, one per column it took.
     */
    public String shown(String inert) {
        if (this == UNICODE || isAscii(inert)) {
            return inert;
        }
        StringBuilder out = new StringBuilder(inert.length() + 8);
        for (int i = 0; i < inert.length(); ) {
            int cp = inert.codePointAt(i);
            i += Character.charCount(cp);
            String form = cp < 0x80 ? null : ASCII_FORMS.get(cp);
            if (cp < 0x80) {
                out.append((char) cp);
            } else if (form != null) {
                out.append(form);
            } else {
                out.append("?".repeat(TerminalText.columns(cp)));
            }
        }
        return out.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}

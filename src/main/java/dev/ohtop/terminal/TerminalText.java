package dev.ohtop.terminal;

import com.googlecode.lanterna.TerminalTextUtils;
import java.text.Normalizer;

/**
 * The only way text from the network reaches the screen. Control characters and escape
 * sequences (CSI, OSC, DCS, C1 controls) become visible, inert text ({@code ^[}), bidi
 * overrides are shown by name, invisible format characters are dropped, lone surrogates
 * become U+FFFD; widths are counted as the terminal draws them (wide characters take two
 * columns) and the text is cut to the width it may use. No view draws untrusted text any other way.
 */
public final class TerminalText {
    /** Marks where text was cut (drawn as {@code ...} in ASCII: {@link Glyphs}). */
    public static final char ELLIPSIS = '…';

    private TerminalText() {}

    /** One line, sanitised and cut to {@code width} columns (with an ellipsis when cut). */
    public static String safe(String text, int width) {
        if (width <= 0 || text == null || text.isEmpty()) {
            return "";
        }
        return fit(inert(text, true), width);
    }

    /** One line, sanitised, in {@code glyphs} and cut to {@code width} columns with that set's ellipsis. */
    public static String safe(String text, int width, Glyphs glyphs) {
        if (glyphs == Glyphs.UNICODE) {
            return safe(text, width);
        }
        if (width <= 0 || text == null || text.isEmpty()) {
            return "";
        }
        return fit(glyphs.shown(inert(text, true)), width, glyphs.ellipsis());
    }

    /** One line, sanitised, not cut: for measuring or when the caller cuts. */
    public static String safeLine(String text) {
        return text == null ? "" : inert(text, true);
    }

    /**
     * One line with every control character removed, not shown: for text that leaves inside an
     * escape sequence of ohtop's own (a desktop notification), where even a visible {@code ^[} has
     * no place and an ESC or BEL would end the sequence early. Line breaks and tabs become a space;
     * bidi controls and lone surrogates go too.
     */
    public static String withoutControls(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                out.append(' ');
            } else if (!(cp < 0x20
                    || (cp >= 0x7f && cp <= 0x9f)
                    || isBidiControl(cp)
                    || (Character.isSurrogate((char) cp) && cp <= 0xffff))) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /**
     * Lines for stderr and the log: each line made inert as on screen (controls shown as {@code ^[},
     * bidi controls by name, tabs as a space), the line breaks kept; nothing is cut.
     */
    public static String safeLines(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\r\n|\n|\r", -1)) {
            out.append(out.isEmpty() ? "" : "\n").append(inert(line, true));
        }
        return out.toString();
    }

    /**
     * Only characters from space to tilde. Here, not in {@link Cells}: a command's text passes this
     * test, and loading Cells sets up Lanterna's colours (a Formatter's first use, 10 ms).
     */
    static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes text inert. In one-line mode newlines and tabs become a single space; otherwise the
     * caller has split lines already and they are shown inert like every other control.
     */
    static String inert(String text, boolean oneLine) {
        if (isPrintableAscii(text)) {
            return text; // nothing to normalise, show or drop: most of what a frame draws
        }
        String normal = Normalizer.isNormalized(text, Normalizer.Form.NFC)
                ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(normal.length());
        for (int i = 0; i < normal.length(); ) {
            int cp = normal.codePointAt(i);
            i += Character.charCount(cp);
            appendInert(out, cp, oneLine);
        }
        return out.toString();
    }

    private static void appendInert(StringBuilder out, int cp, boolean oneLine) {
        if (oneLine && (cp == '\n' || cp == '\r' || cp == '\t')) {
            if (out.length() == 0 || out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
            return;
        }
        if (cp < 0x20) {
            out.append('^').append((char) (cp + 0x40)); // ESC -> ^[, NUL -> ^@, BEL -> ^G
        } else if (cp == 0x7f) {
            out.append("^?");
        } else if (cp >= 0x80 && cp <= 0x9f) {
            out.append("^[").append((char) (cp - 0x40)); // C1: CSI 0x9b -> ^[[, as its 7-bit form
        } else if (isBidiControl(cp)) {
            out.append("<U+")
                    .append(Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT))
                    .append('>');
        } else if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
            out.append('\uFFFD'); // a lone surrogate: invalid UTF-16 from a bad decode
        } else if (isInvisible(cp)) {
            // zero-width and combining marks would make the column count lie
        } else if (cp == 0x2028 || cp == 0x2029) {
            out.append(' ');
        } else {
            out.appendCodePoint(cp);
        }
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202a && cp <= 0x202e)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200e
                || cp == 0x200f
                || cp == 0x061c;
    }

    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT
                || type == Character.UNASSIGNED && cp > 0xffff
                || type == Character.PRIVATE_USE && cp > 0xffff;
    }

    /** Columns the (already inert) text takes on screen. */
    public static int width(String inertText) {
        if (allNarrow(inertText)) {
            return inertText.length(); // most text: no lookup, no code points
        }
        int w = 0;
        for (int i = 0; i < inertText.length(); ) {
            int cp = inertText.codePointAt(i);
            i += Character.charCount(cp);
            w += columns(cp);
        }
        return w;
    }

    private static boolean allNarrow(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x0e00) {
                return false;
            }
        }
        return true;
    }

    /** How Lanterna lays out a code point: supplementary (emoji) and CJK take two columns. */
    static int columns(int cp) {
        if (cp < 0x0e00) {
            return 1; // below every block Lanterna takes as wide (the lookup is a search over all blocks)
        }
        if (cp > 0xffff) {
            return 2;
        }
        return TerminalTextUtils.isCharDoubleWidth((char) cp) ? 2 : 1;
    }

    /** Cuts inert text to {@code width} columns, ending in an ellipsis when something was left out. */
    static String fit(String inertText, int width) {
        return fit(inertText, width, String.valueOf(ELLIPSIS));
    }

    private static String fit(String inertText, int width, String ellipsis) {
        if (width(inertText) <= width) {
            return inertText;
        }
        int room = width - ellipsis.length();
        if (room < 0) {
            return ellipsis.substring(0, Math.max(0, width)); // ".." where "..." does not fit
        }
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < inertText.length(); ) {
            int cp = inertText.codePointAt(i);
            int w = columns(cp);
            if (used + w > room) {
                break;
            }
            out.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return out.append(ellipsis).toString();
    }

    /** The longest prefix of inert text that fits in {@code width} columns (at least one code point). */
    public static String take(String inertText, int width) {
        int used = 0;
        int i = 0;
        while (i < inertText.length()) {
            int cp = inertText.codePointAt(i);
            int w = columns(cp);
            if (used + w > width && i > 0) {
                break;
            }
            used += w;
            i += Character.charCount(cp);
        }
        return inertText.substring(0, i);
    }

    /** Pads or cuts to exactly {@code width} columns (for table cells). */
    public static String cell(String text, int width) {
        String s = safe(text, width);
        int pad = width - width(s);
        return pad <= 0 ? s : s + " ".repeat(pad);
    }

    /** Right-aligns within {@code width} columns. */
    public static String cellRight(String text, int width) {
        String s = safe(text, width);
        int pad = width - width(s);
        return pad <= 0 ? s : " ".repeat(pad) + s;
    }

    /** The end of inert text that fits in {@code width} columns, marked with an ellipsis when cut. */
    public static String fitEnd(String inert, int width) {
        if (width <= 0) {
            return "";
        }
        if (width(inert) <= width) {
            return inert;
        }
        int used = 1;
        int i = inert.length();
        while (i > 0) {
            int cp = inert.codePointBefore(i);
            int w = columns(cp);
            if (used + w > width) {
                break;
            }
            used += w;
            i -= Character.charCount(cp);
        }
        return ELLIPSIS + inert.substring(i);
    }
}

package dev.ohtop.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    /** No code point a terminal would act on survives: C0, DEL, C1, bidi overrides. */
    static boolean inert(String s) {
        return s.codePoints()
                .noneMatch(cp -> cp < 0x20
                        || (cp >= 0x7f && cp <= 0x9f)
                        || (cp >= 0x202a && cp <= 0x202e)
                        || (cp >= 0x2066 && cp <= 0x2069));
    }

    @Test
    void escapeSequencesAreShownNotObeyed() {
        String hostile = "ok\u001b[2J\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007\u001bP+q\u001b\\ end";
        String shown = TerminalText.safe(hostile, 200);

        assertTrue(inert(shown), shown);
        assertTrue(shown.startsWith("ok^[[2J^[]0;pwned^G"), shown);
    }

    @Test
    void everyC0AndC1ControlAndNulIsMadeVisible() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c < 0xa0; c++) {
            if (c < 0x20 || c >= 0x7f) {
                all.append((char) c);
            }
        }
        String shown = TerminalText.safe(all.toString(), 1000);
        assertTrue(inert(shown), shown);
        assertTrue(shown.startsWith("^@"), shown);
        assertTrue(shown.contains("^[["), "C1 CSI shown as its 7-bit form: " + shown);
    }

    @Test
    void bidiOverridesAreNamedAndInvisiblesDropped() {
        String shown = TerminalText.safe("abc\u202Eevil\u2066x\u200By\uFEFF", 100);
        assertEquals("abc<U+202E>evil<U+2066>xy", shown);
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        assertEquals("a\uFFFDb", TerminalText.safe("a\uD800b", 10));
    }

    @Test
    void wideCharactersTakeTwoColumnsAndLongLinesAreCutToTheColumn() {
        assertEquals(4, TerminalText.width(TerminalText.safe("日本", 10)));
        String cut = TerminalText.safe("日本語のテキスト", 7);
        assertTrue(TerminalText.width(cut) <= 7, cut);
        assertTrue(cut.endsWith("…"));
        String huge = "x".repeat(100_000);
        assertEquals(80, TerminalText.width(TerminalText.safe(huge, 80)));
    }

    @Test
    void newlinesAndTabsBecomeSpacesInOneLine() {
        assertEquals("a b c", TerminalText.safe("a\n\tb\r\nc", 20));
    }

    @Test
    void cellsArePaddedToTheirWidth() {
        assertEquals("ab   ", TerminalText.cell("ab", 5));
        assertEquals("   ab", TerminalText.cellRight("ab", 5));
        assertFalse(TerminalText.cell("\u001b[31mred", 20).contains("\u001b"));
    }
}

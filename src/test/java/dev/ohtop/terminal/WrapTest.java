package dev.ohtop.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How text is laid out in rows on every screen but the console's output. */
class WrapTest {
    @Test
    void aLineBreaksAfterTheLastWordThatFits() {
        assertEquals(
                List.of("Repository not found.", "(git exit code 128)"),
                Wrap.lines("Repository not found. (git exit code 128)", 24, 10));
    }

    @Test
    void aWordLongerThanARowIsCutWhereTheRowEnds() {
        assertEquals(List.of("see", "abcdefghij", "klm end"), Wrap.lines("see abcdefghijklm end", 10, 10));
    }

    @Test
    void theFirstRowKeepsItsIndentationAndEmptyLinesStay() {
        assertEquals(
                List.of("    \"text\" :", "\"hello", "world\"", ""),
                Wrap.lines("    \"text\" : \"hello world\"\n", 12, 10));
    }

    @Test
    void tabsGoToTheNextMultipleOfEightColumnsAsInTheConsole() {
        assertEquals(List.of("     1  # Project", "ab      c"), Wrap.lines("     1\t# Project\nab\tc", 40, 10));
    }

    @Test
    void wideCharactersCountTwoColumns() {
        assertEquals(List.of("日本語", "テキスト"), Wrap.lines("日本語 テキスト", 8, 10));
    }

    @Test
    void aHugeLineStopsAtTheRowLimit() {
        List<String> rows = Wrap.lines("word ".repeat(2_000_000), 80, 100);
        assertEquals(100, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.length() <= 80 && !r.startsWith(" ")), rows.get(1));
    }

    @Test
    void controlCharactersAreMadeInert() {
        assertEquals(List.of("a^[[31m b"), Wrap.lines("a\u001b[31m b", 40, 10));
    }
}

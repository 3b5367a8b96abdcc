package dev.ohtop.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What ohtop draws with, decided from the environment once at start. */
class TerminalLookTest {

    @Test
    void noColorSetAndNotEmptyTurnsColourOff() {
        assertFalse(TerminalLook.from(Map.of("NO_COLOR", "1", "LANG", "C.UTF-8"), false)
                .colour());
        assertTrue(
                TerminalLook.from(Map.of("NO_COLOR", "", "LANG", "C.UTF-8"), false)
                        .colour(),
                "empty is unset");
        assertTrue(TerminalLook.from(Map.of("LANG", "C.UTF-8"), false).colour());
    }

    @Test
    void theLocaleDecidesTheGlyphsInTheOrderEveryCProgramReadsIt() {
        assertEquals(Glyphs.UNICODE, glyphs(Map.of("LANG", "en_US.UTF-8")));
        assertEquals(Glyphs.UNICODE, glyphs(Map.of("LANG", "C.utf8")));
        assertEquals(Glyphs.ASCII, glyphs(Map.of("LANG", "C")), "LANG=C, common over SSH");
        assertEquals(Glyphs.ASCII, glyphs(Map.of()), "no locale at all is the C locale");
        assertEquals(Glyphs.ASCII, glyphs(Map.of("LC_ALL", "POSIX", "LANG", "en_US.UTF-8")), "LC_ALL wins");
        assertEquals(Glyphs.UNICODE, glyphs(Map.of("LC_CTYPE", "de_DE.UTF-8", "LANG", "C")), "LC_CTYPE before LANG");
        assertEquals(Glyphs.ASCII, glyphs(Map.of("LC_ALL", "", "LC_CTYPE", "en_US.ISO-8859-1", "LANG", "en_US.UTF-8")));
        assertEquals(
                Glyphs.ASCII,
                TerminalLook.from(Map.of("LANG", "en_US.UTF-8"), true).glyphs(),
                "--ascii");
    }

    private static Glyphs glyphs(Map<String, String> env) {
        return TerminalLook.from(env, false).glyphs();
    }

    @Test
    void aDumbTerminalOrNoTermIsRefusedWithTheReasonAndTheWayOut() {
        String dumb = TerminalLook.unusable(Map.of("TERM", "dumb"));
        assertTrue(dumb.contains("TERM=dumb") && dumb.contains("--list"), dumb);
        String none = TerminalLook.unusable(Map.of());
        assertTrue(none.contains("TERM") && none.contains("--list"), none);
        assertNull(TerminalLook.unusable(Map.of("TERM", "xterm-256color")));
    }

    @Test
    void inAsciiMarksGetTheirAsciiFormAndCutTextEndsInThreeDots() {
        assertEquals("> running", TerminalText.safe("▶ running", 20, Glyphs.ASCII));
        assertEquals("* RUNNING", TerminalText.safe("● RUNNING", 20, Glyphs.ASCII));
        assertEquals("fix the...", TerminalText.safe("fix the login page", 10, Glyphs.ASCII));
        assertEquals("????-??", TerminalText.safe("日本—語", 10, Glyphs.ASCII), "other text: '?' per column");
        assertEquals("fix the l…", TerminalText.safe("fix the login page", 10, Glyphs.UNICODE));
    }

    /** A mark drawn by a view with no ASCII form would show as '?' under LANG=C: each needs an entry in {@link Glyphs}. */
    @Test
    void everyMarkAScreenDrawsHasAnAsciiForm() throws IOException {
        Pattern literal = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)'");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/ohtop/ui"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.strip().startsWith("*") || line.strip().startsWith("//")) {
                        continue;
                    }
                    Matcher m = literal.matcher(line);
                    while (m.find()) {
                        m.group()
                                .codePoints()
                                .filter(cp -> !Glyphs.knows(cp))
                                .forEach(cp -> missing.add(file.getFileName() + ": " + Character.toString(cp)));
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}

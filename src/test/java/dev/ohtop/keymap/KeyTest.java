package dev.ohtop.keymap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "q",
                "G",
                "/",
                "?",
                ":",
                "1",
                "+",
                "=",
                "<",
                "Space",
                "Comma",
                "Hash",
                "Enter",
                "Esc",
                "Tab",
                "Shift+Tab",
                "Backspace",
                "Delete",
                "Insert",
                "Home",
                "End",
                "PageUp",
                "PageDown",
                "Up",
                "Down",
                "Left",
                "Right",
                "F1",
                "F5",
                "F12",
                "Ctrl+R",
                "Ctrl+Space",
                "Ctrl+_",
                "Alt+v",
                "Alt+V",
                "Alt+<",
                "Alt+Comma",
                "Ctrl+Alt+X"
            })
    void displayGivesBackTheNotationItWasReadFrom(String notation) {
        assertEquals(notation, Key.parse(notation).display());
    }

    @Test
    void namesAreCaseInsensitiveButCharactersAreNot() {
        assertEquals(Key.of(KeyType.PageDown), Key.parse("pagedown"));
        assertEquals(Key.of(KeyType.F5), Key.parse("f5"));
        assertEquals(Key.of(' '), Key.parse("SPACE"));
        assertFalse(Key.parse("g").equals(Key.parse("G")));
    }

    @Test
    void shiftWithALetterIsTheCapitalTheTerminalSends() {
        assertEquals(Key.parse("G"), Key.parse("Shift+g"));
        assertEquals(Key.parse("Alt+V"), Key.parse("Alt+Shift+v"));
    }

    @Test
    void ctrlWithALetterIgnoresItsCaseAsTerminalsDo() {
        assertEquals(Key.parse("Ctrl+r"), Key.parse("Ctrl+R"));
        assertEquals("Ctrl+R", Key.parse("ctrl+r").display());
    }

    @Test
    void plusIsAKeyOfItsOwnAfterAModifier() {
        assertEquals(new Key(KeyType.Character, '+', false, true), Key.parse("Alt++"));
        assertEquals(Key.of('+'), Key.parse("+"));
    }

    @Test
    void aTypoInAKeyNameSuggestsTheRightName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Key.parse("PgDown"));
        assertEquals("unknown key `PgDown` (did you mean PageDown?)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Key.parse("F13"));
        assertThrows(IllegalArgumentException.class, () -> Key.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Key.parse("Ctrl+"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Ctrl+H",
                "Ctrl+I",
                "Ctrl+J",
                "Ctrl+M",
                "Ctrl+[",
                "Ctrl+Shift+R",
                "Ctrl+1",
                "Shift+1",
                "Shift+F5",
                "Shift+Up",
                "Ctrl+Up",
                "Alt+Enter",
                "Ctrl+Tab",
                "Ctrl+Comma",
                "Ctrl+Ctrl+R"
            })
    void combinationsTerminalsCannotDeliverAreRefused(String notation) {
        var e = assertThrows(IllegalArgumentException.class, () -> Key.parse(notation));
        assertTrue(e.getMessage().contains(notation), e.getMessage());
    }

    @Test
    void ctrlHIsRefusedBecauseItArrivesAsBackspace() {
        var e = assertThrows(IllegalArgumentException.class, () -> Key.parse("Ctrl+H"));
        assertEquals("terminals cannot deliver `Ctrl+H`: it arrives as Backspace", e.getMessage());
    }

    @Test
    void onlyCtrlZCarriesACautionSinceOhtopTakesItForItself() {
        assertTrue(Key.parse("Ctrl+S").caution().isEmpty(), "flow control is off while ohtop runs");
        assertTrue(Key.parse("Ctrl+Q").caution().isEmpty());
        assertTrue(Key.parse("Ctrl+\\").caution().isEmpty(), "quit signals are off while ohtop runs");
        assertTrue(Key.parse("Ctrl+Z").caution().orElseThrow().contains("kept by ohtop"));
        assertTrue(Key.parse("Ctrl+R").caution().isEmpty());
        assertTrue(Key.parse("s").caution().isEmpty());
    }

    @Test
    void matchesStrokesAsLanternaDecodesThemFromATerminal() {
        assertTrue(Key.parse("q").matches(new KeyStroke('q', false, false)));
        assertFalse(Key.parse("q").matches(new KeyStroke('Q', false, false)));
        assertTrue(Key.parse("G").matches(new KeyStroke('G', false, false, true)));
        assertTrue(Key.parse("Ctrl+R").matches(new KeyStroke('r', true, false)));
        assertTrue(Key.parse("Ctrl+R").matches(new KeyStroke('R', true, false)));
        assertFalse(Key.parse("r").matches(new KeyStroke('r', true, false)));
        assertFalse(Key.parse("Ctrl+R").matches(new KeyStroke('r', false, false)));
        assertTrue(Key.parse("Alt+v").matches(new KeyStroke('v', false, true)));
        assertFalse(Key.parse("Alt+v").matches(new KeyStroke('V', false, true)));
        assertTrue(Key.parse("Ctrl+Alt+X").matches(new KeyStroke('x', true, true)));
        assertTrue(Key.parse("Space").matches(new KeyStroke(' ', false, false)));
        assertTrue(Key.parse("Ctrl+Space").matches(new KeyStroke(' ', true, false)));
        assertTrue(Key.parse("Up").matches(new KeyStroke(KeyType.ArrowUp)));
        assertTrue(Key.parse("F5").matches(new KeyStroke(KeyType.F5)));
        assertTrue(Key.parse("Shift+Tab").matches(new KeyStroke(KeyType.ReverseTab)));
        assertFalse(Key.parse("Tab").matches(new KeyStroke(KeyType.ReverseTab)));
        assertTrue(Key.parse("Enter").matches(new KeyStroke(KeyType.Enter)));
        assertTrue(Key.parse("Esc").matches(new KeyStroke(KeyType.Escape)));
        assertFalse(Key.parse("Esc").matches(new KeyStroke(KeyType.EOF)));
    }

    @Test
    void plainArrowMatchesEvenWhenLanternaAddsCtrlToAnApplicationModeArrow() {
        // ESC O A (application cursor mode) is decoded by Lanterna 3.1.5 as ArrowUp with Ctrl down.
        assertTrue(Key.parse("Up").matches(new KeyStroke(KeyType.ArrowUp, true, false)));
    }
}

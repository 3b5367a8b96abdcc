package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import dev.ohtop.keymap.Action;
import dev.ohtop.terminal.TerminalLook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ohtop on terminals that show less: without colour ({@code NO_COLOR}) and without UTF-8
 * ({@code LANG=C}, common over SSH). Each screen is walked on the virtual terminal and every cell
 * checked; statuses must still read by glyph and word.
 */
class PlainTerminalTest {
    private VirtualOhtop ohtop;

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
    }

    private VirtualOhtop start(Map<String, String> env) throws Exception {
        ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults(), TerminalLook.from(env, false));
        return ohtop.untilShows("30 total");
    }

    /** The cells of the screens a user walks through: the list, a conversation's events, the sandboxes, the help. */
    private List<String> walkScreens(Predicate<TextCharacter> wrong) {
        List<String> found = new ArrayList<>();
        collect("conversations", wrong, found);
        ohtop.press(Action.OPEN)
                .until(
                        "the events",
                        o -> o.header().contains("events") && !o.line(1).contains(" 0 events"));
        collect("events", wrong, found);
        ohtop.press(Action.BACK).until("the list", o -> o.header().contains("conversations"));
        ohtop.press(Action.OPEN_SANDBOXES)
                .until("the sandboxes", o -> o.header().contains("sandboxes") && o.shows("RUNNING"));
        collect("sandboxes", wrong, found);
        ohtop.press(Action.HELP)
                .until(
                        "the help",
                        o -> o.header().contains("help") || o.header().contains("keys"));
        collect("help", wrong, found);
        return found;
    }

    private void collect(String screen, Predicate<TextCharacter> wrong, List<String> found) {
        for (int row = 0; row < ohtop.size().getRows(); row++) {
            for (int column = 0; column < ohtop.size().getColumns(); column++) {
                TextCharacter cell = ohtop.cell(column, row);
                if (wrong.test(cell)) {
                    found.add(screen + " " + column + "," + row + " '" + cell.getCharacterString() + "' "
                            + cell.getForegroundColor() + "/" + cell.getBackgroundColor());
                }
            }
        }
    }

    @Test
    void underNoColorNoCellIsColouredAndStatusesStillReadByGlyphAndWord() throws Exception {
        start(Map.of("NO_COLOR", "1", "LANG", "C.UTF-8"));
        assertTrue(ohtop.shows("▶ running"), "a running conversation by glyph and word: " + ohtop.text());

        List<String> coloured = walkScreens(cell -> cell.getForegroundColor() != TextColor.ANSI.DEFAULT
                || cell.getBackgroundColor() != TextColor.ANSI.DEFAULT);

        assertEquals(List.of(), coloured.stream().limit(10).toList(), "cells with a colour under NO_COLOR");
    }

    @Test
    void underALocaleThatIsNotUtf8EveryCellIsAscii() throws Exception {
        start(Map.of("LANG", "C"));
        assertTrue(ohtop.shows("> running"), "a running conversation in ASCII: " + ohtop.text());

        List<String> unicode =
                walkScreens(cell -> cell.getCharacterString().chars().anyMatch(c -> c >= 0x80));

        assertEquals(List.of(), unicode.stream().limit(10).toList(), "cells outside ASCII under LANG=C");
    }
}

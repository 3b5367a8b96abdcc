package dev.ohtop.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import dev.ohtop.ui.Theme;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What ohtop's screen sends to a real (ANSI) terminal: only what changed, and nothing at all when nothing did. */
class DeltaScreenTest {
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private DeltaScreen screen;
    private final Cells cells = new Cells();

    /** An ANSI terminal of 40x5 writing into {@link #sent}. */
    private final class AnsiTerminal extends ANSITerminal {
        AnsiTerminal() {
            super(new ByteArrayInputStream(new byte[0]), sent, StandardCharsets.UTF_8);
        }

        @Override
        protected TerminalSize findTerminalSize() {
            return new TerminalSize(40, 5);
        }
    }

    @BeforeEach
    void start() throws IOException {
        screen = new DeltaScreen(new AnsiTerminal());
        screen.startScreen();
        screen.setCursorPosition(null);
    }

    @AfterEach
    void stop() throws IOException {
        screen.stopScreen();
    }

    private String frame(String... rows) throws IOException {
        sent.reset();
        screen.clear();
        Canvas canvas = Canvas.of(screen.newTextGraphics(), cells);
        for (int r = 0; r < rows.length; r++) {
            canvas.text(0, r, rows[r], r == 0 ? Theme.HEADER : Style.NORMAL);
        }
        screen.refresh(Screen.RefreshType.DELTA);
        return sent.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFrameThatChangesNothingSendsNothing() throws IOException {
        frame("ohtop", "3 running", "refreshed 1s ago");
        assertEquals("", frame("ohtop", "3 running", "refreshed 1s ago"));
    }

    @Test
    void aChangedCharacterIsSentAloneAtItsPlace() throws IOException {
        frame("ohtop", "3 running", "refreshed 1s ago");
        String sent = frame("ohtop", "3 running", "refreshed 2s ago");
        assertTrue(sent.contains("\u001b[3;11H2"), "moved to row 3, column 11 and wrote the digit: " + visible(sent));
        assertFalse(sent.contains("running") || sent.contains("refreshed"), "nothing else: " + visible(sent));
        assertFalse(sent.contains("\u001b[?25l"), "the hidden cursor is not hidden again: " + visible(sent));
        assertTrue(sent.length() < 20, visible(sent));
    }

    @Test
    void aWideCharacterReplacedByTwoNarrowOnesRewritesBothColumns() throws IOException {
        frame("ohtop", "\u754cx");
        String sent = frame("ohtop", "abx");
        assertTrue(sent.contains("\u001b[2;1Hab"), "both columns of the wide character rewritten: " + visible(sent));
        assertFalse(sent.contains("x"), "the unchanged cell after it is not: " + visible(sent));
    }

    private static String visible(String s) {
        return s.replace("\u001b", "ESC");
    }
}

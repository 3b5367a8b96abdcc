package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.ConversationRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Hostile text from a sandbox: what its bash prints (the demo runs real bash, so {@code printf}
 * makes real escape bytes, NUL and invalid UTF-8), and file names in the transfer screen. It is
 * shown inert, and nothing a terminal would obey reaches it ({@link VirtualOhtop} checks every
 * frame). The same section of the report as {@link HostileTextTest}.
 */
@Tag("security")
@DisplayName("Hostile text from the network is drawn inert")
class HostileSandboxTextTest {
    /**
     * Typed into the console: CSI (clear screen, red), OSC 0 (title), OSC 8 (hyperlink), OSC 52
     * (clipboard), DCS (sixel), NUL, C1 CSI in UTF-8, a right-to-left override, invalid UTF-8, DEL.
     */
    static final String PRINTF = "printf 'A\\033[2J\\033[31mB\\033]0;title\\007C\\033]8;;http://x\\033\\\\link"
            + "\\033]8;;\\033\\\\D\\033]52;c;ZXZpbA==\\007E\\033Pq#0\\033\\\\F\\000G\\302\\233H\\342\\200\\256I"
            + "\\377\\376J\\177K\\n'";
    /** What the console must show for it. */
    static final String SHOWN = "A^[[2J^[[31mB^[]0;title^GC^[]8;;http://x^[\\link^[]8;;^[\\D^[]52;c;ZXZpbA==^GE"
            + "^[Pq#0^[\\F^@G^[[H<U+202E>I\uFFFD\uFFFDJ^?K";
    /** A folder name a user could have cloned into: escapes and DEL (a file name may hold any byte but / and NUL). */
    static final String EVIL_FOLDER = "evil\u001b]0;pwned\u0007\u001b[31mred\u007fdir";

    static final String EVIL_FOLDER_SHOWN = "evil^[]0;pwned^G^[[31mred^?dir";

    private VirtualOhtop ohtop;

    private void start(VirtualOhtop.Setup setup) throws IOException {
        ohtop = VirtualOhtop.onDemo(setup);
        ohtop.untilShows("30 total");
        ConversationRow row = ohtop.home.selected();
        assertEquals("RUNNING", row.sandboxStatus(), "the top row's sandbox runs");
    }

    @AfterEach
    void stop() {
        try {
            assertEquals(List.of(), ohtop.controlsSeen(), "nothing a terminal would obey reached it");
            assertTrue(ohtop.framesChecked() > 0, "frames were checked: " + ohtop.framesChecked());
        } finally {
            ohtop.close();
        }
    }

    @Test
    void bashOutputWithEveryKindOfEscapeIsShownInert(TestReporter reporter) throws IOException {
        start(VirtualOhtop.Setup.defaults().size(160, 30));
        ohtop.press(Action.OPEN_CONSOLE).untilShows(DemoServer.SANDBOX_FOLDER + " $ ");

        ohtop.type(PRINTF + "; " + PRINTF + " >&2").press(KeyType.Enter).untilShows("exit 0 in ");

        int out = ohtop.rowOf("  " + SHOWN);
        int err = ohtop.rowOf("▎ " + SHOWN);
        assertTrue(out > 0 && err > out, "stdout, then stderr, both inert:\n" + ohtop.text());
        assertTrue(ohtop.shows("$ printf 'A\\033[2J"), "the command as typed:\n" + ohtop.text());
        reporter.publishEntry("seen", ohtop.line(out).strip());
    }

    /** Saved (Ctrl+O) as the screen shows it: a later {@code cat} of the file must not run the sandbox's escapes. */
    @Test
    void savedConsoleOutputKeepsEscapesInertAsTheScreenShowsThem(TestReporter reporter) throws IOException {
        start(VirtualOhtop.Setup.defaults().size(160, 30));
        ohtop.press(Action.OPEN_CONSOLE).untilShows(DemoServer.SANDBOX_FOLDER + " $ ");
        ohtop.type(PRINTF).press(KeyType.Enter).untilShows("exit 0 in ");
        Path file = ohtop.localDir.resolve("saved.txt");

        ohtop.press(Action.CONSOLE_SAVE_OUTPUT)
                .ctrl('u')
                .type(file.toString())
                .press(KeyType.Enter)
                .untilShows("saved 3 lines to ");

        String saved = Files.readString(file);
        assertTrue(saved.contains("\n" + SHOWN + "\n"), "the line as shown on screen:\n" + saved);
        assertEquals(
                -1,
                saved.chars()
                        .filter(c -> c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c <= 0x9f)
                        .findFirst()
                        .orElse(-1),
                "no control character but line ends");
        reporter.publishEntry(
                "seen",
                saved.lines().filter(l -> l.startsWith("A^[")).findFirst().orElse(saved));
    }

    @Test
    void fileNamesWithEscapesAreShownInertInTheTransferScreen(TestReporter reporter) throws IOException {
        start(VirtualOhtop.Setup.defaults().size(160, 30).localFolder(EVIL_FOLDER));
        String folder = ohtop.localDir.toString().replace(EVIL_FOLDER, EVIL_FOLDER_SHOWN);

        ohtop.press(Action.DOWNLOAD).until("the download form", o -> o.header().contains("download from"));
        assertTrue(ohtop.shows("save to         " + folder), "the local folder, inert:\n" + ohtop.text());
        ohtop.press(Action.TRANSFER_NEXT_FIELD).untilShows("a relative path is in " + folder);
        ohtop.press(Action.TRANSFER_NEXT_FIELD)
                .type("README.md")
                .press(KeyType.Enter)
                .untilShows("✓ downloaded ");
        assertTrue(ohtop.shows(" to " + folder + "/README.md in "), "where it went, inert:\n" + ohtop.text());
        String done = ohtop.line(ohtop.rowOf("✓ downloaded")).strip();

        // A right-to-left override can be typed (it is no control character): it is shown by name.
        ohtop.ctrl('u')
                .type("READ\u202Eme.txt")
                .press(KeyType.Enter)
                .untilShows("✗ no such file in the sandbox: " + DemoServer.SANDBOX_FOLDER + "/READ<U+202E>me.txt");
        assertTrue(ohtop.status().contains("READ<U+202E>me.txt"), ohtop.status());
        reporter.publishEntry("seen", done + " / " + ohtop.status().strip());
    }
}

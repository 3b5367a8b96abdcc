package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.keymap.Action;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a sandbox prints is as untrusted as what a server sends: escape sequences, OSC 52
 * (clipboard), DCS, C1 controls, bidi overrides, NUL and invalid UTF-8 in a command's output and
 * in file names reach the screen as inert text. Every frame is checked by {@link VirtualOhtop}.
 */
@Tag("security")
@DisplayName("Hostile bytes from the sandbox are drawn inert")
class HostileOutputTest {
    @Test
    void hostileCommandOutputAndFileNamesAreShownInert(TestReporter reporter) throws Exception {
        try (VirtualOhtop ohtop = VirtualOhtop.onDemo()) {
            ohtop.untilShows("30 total");
            ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
            String printf = "printf 'A\\033]52;c;ZXZpbA==\\007B\\033[2JC\\033P1;2q\\033\\\\D\\302\\233E"
                    + "\\342\\200\\256F\\000G\\377H\\n'; printf 'err\\033[31mred\\n' >&2; "
                    + "touch \"$(printf 'file\\033]0;title\\007name')\"; ls file*";
            ohtop.type(printf).press(KeyType.Enter).untilShows("exit 0");

            String out = ohtop.lines().stream().filter(l -> l.contains("A^[]52")).findFirst().orElseThrow(
                    () -> new AssertionError("no output line:\n" + ohtop.text()));
            assertTrue(out.contains("A^[]52;c;ZXZpbA==^GB^[[2JC^[P1;2q^[\\D"), out);
            assertTrue(ohtop.shows("err^[[31mred"), ohtop.text());
            assertTrue(ohtop.shows("file^[]0;title^Gname"), "the file name, inert: " + ohtop.text());
            assertEquals(List.of(), ohtop.controlsSeen(), "nothing a terminal would obey reached it");
            reporter.publishEntry(ReliabilityReportKeys.SEEN, out.strip() + " / "
                    + ohtop.lines().stream().filter(l -> l.contains("file^[")).findFirst().orElse("").strip());
        }
    }
}

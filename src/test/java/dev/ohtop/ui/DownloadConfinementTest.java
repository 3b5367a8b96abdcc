package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.keymap.Action;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A remote name full of dots cannot make a download land outside the folder the user chose. */
@Tag("security")
@DisplayName("Downloads stay in the folder the user chose")
class DownloadConfinementTest {
    @Test
    void aRemoteNameLikeDotDotBashrcLandsInsideTheChosenFolder(TestReporter reporter) throws Exception {
        try (VirtualOhtop ohtop = VirtualOhtop.onDemo()) {
            ohtop.untilShows("30 total");
            ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
            ohtop.type("echo 'export PS1=pwned' > ../../.bashrc").press(KeyType.Enter).untilShows("exit 0");
            ohtop.press(Action.BACK).until("home", o -> o.header().contains("conversations"));
            Path chosen = Files.createDirectories(ohtop.localDir.resolve("chosen"));

            ohtop.press(Action.DOWNLOAD).untilShows("download from");
            ohtop.type("../../.bashrc").press(Action.TRANSFER_NEXT_FIELD).ctrl('u').type(chosen.toString())
                    .press(KeyType.Enter).untilShows("✓ downloaded");
            reporter.publishEntry(ReliabilityReportKeys.SEEN, ohtop.lines().stream()
                    .filter(l -> l.contains("✓ downloaded")).findFirst().orElse("").strip());

            assertEquals("export PS1=pwned\n", Files.readString(chosen.resolve(".bashrc")));
            try (Stream<Path> all = Files.walk(ohtop.localDir)) {
                assertEquals(1, all.filter(Files::isRegularFile).count(), "one file, in the chosen folder");
            }
            assertFalse(Files.exists(ohtop.localDir.resolve(".bashrc")));
            assertTrue(ohtop.app.isOpen());
        }
    }
}

package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a developer sees when a screen no longer looks like its committed picture. */
class ScreenshotGoldensTest {
    @TempDir
    Path project;

    private static String picture(TextColor colour, String... rows) {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(40, rows.length));
        terminal.setForegroundColor(colour);
        for (int row = 0; row < rows.length; row++) {
            terminal.setCursorPosition(0, row);
            rows[row].chars().forEach(c -> terminal.putCharacter((char) c));
        }
        return SvgScreenshot.of(terminal, "a screen");
    }

    private Path committed(String svg) throws Exception {
        Path file = project.resolve("docs/screen.svg");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, svg);
    }

    @Test
    void aChangedScreenFailsWithTheRowsOfTextThatDifferAndLeavesTheCommittedPictureAlone() throws Exception {
        String before = picture(TextColor.ANSI.DEFAULT, "ohtop  conversations", "  a title", "30 total");
        String now = picture(TextColor.ANSI.DEFAULT, "ohtop  conversations", "  another title", "30 total");
        Path file = committed(before);

        Optional<String> difference = new ScreenshotGoldens(project, false).check("screen.svg", now);

        assertTrue(difference.isPresent(), "a changed screen must not pass");
        String said = difference.get();
        assertTrue(said.contains("row  1 was:   a title\n"), said);
        assertTrue(said.contains("row  1 now:   another title\n"), said);
        assertTrue(!said.contains("row  0") && !said.contains("row  2"), "only the row that changed: " + said);
        assertTrue(said.contains("-Dohtop.updateScreenshots=true"), "it says how to accept the change: " + said);
        assertEquals(before, Files.readString(file), "docs/ is not rewritten without the flag");
        assertEquals(
                now,
                Files.readString(project.resolve("target/screenshots/screen.svg")),
                "the new picture is left in target/ to look at");
    }

    @Test
    void aScreenThatChangedOnlyItsColoursNamesTheFirstLineOfSvgThatDiffers() throws Exception {
        String before = picture(TextColor.ANSI.DEFAULT, "▶ running");
        String now = picture(TextColor.ANSI.RED, "▶ running");
        committed(before);

        String said =
                new ScreenshotGoldens(project, false).check("screen.svg", now).orElseThrow();

        assertTrue(said.contains("the text is the same"), said);
        assertTrue(
                said.contains("now: <text y=\"14\"><tspan x=\"0\" textLength=\"77.4\" "
                        + "lengthAdjust=\"spacingAndGlyphs\" fill=\"#cd3131\">▶ running</tspan></text>"),
                said);
    }

    @Test
    void theSameScreenPasses() throws Exception {
        String svg = picture(TextColor.ANSI.DEFAULT, "ohtop  conversations");
        committed(svg);

        assertEquals(Optional.empty(), new ScreenshotGoldens(project, false).check("screen.svg", svg));
    }

    @Test
    void theUpdateFlagWritesTheNewPictureToDocs() throws Exception {
        Path file = committed(picture(TextColor.ANSI.DEFAULT, "old"));
        String now = picture(TextColor.ANSI.DEFAULT, "new");

        assertEquals(Optional.empty(), new ScreenshotGoldens(project, true).check("screen.svg", now));

        assertEquals(now, Files.readString(file));
    }

    @Test
    void aMissingPictureFailsAndSaysHowToWriteIt() throws Exception {
        String said = new ScreenshotGoldens(project, false)
                .check("screen.svg", picture(TextColor.ANSI.DEFAULT, "x"))
                .orElseThrow();

        assertTrue(said.startsWith("docs/screen.svg is missing"), said);
        assertTrue(!Files.exists(project.resolve("docs/screen.svg")), "nothing is written to docs/");
    }
}

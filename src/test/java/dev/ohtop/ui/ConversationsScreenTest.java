package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The home screen on a virtual terminal, against the demo server standing still at its start. */
class ConversationsScreenTest {
    /** The first rows of the table: the summary line and the column titles come before. */
    private static final int FIRST_ROW = 3;

    private static final Pattern SHORT_ID = Pattern.compile(" ([0-9a-f]{8})\\s*$");

    private VirtualOhtop ohtop;

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo();
        ohtop.untilShows("30 total").untilShows("demo@ohtop.dev");
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    /** The table rows on screen (blank lines after the last row left out). */
    private List<String> tableRows() {
        List<String> rows = new ArrayList<>();
        List<String> lines = ohtop.lines();
        for (int r = FIRST_ROW; r < lines.size() - 2 && !lines.get(r).isBlank(); r++) {
            if (!lines.get(r).startsWith("filter: ")) {
                rows.add(lines.get(r));
            }
        }
        return rows;
    }

    private static String shortId(String row) {
        Matcher m = SHORT_ID.matcher(row);
        assertTrue(m.find(), "no id at the end of: " + row);
        return m.group(1);
    }

    @Test
    void runningConversationsComeFirstNewestCreatedThenTheMostRecentlyUpdated() {
        Map<String, ConversationSnapshot> truth = ohtop.demo.world().conversations().stream()
                .collect(Collectors.toMap(c -> c.id().substring(0, 8), Function.identity()));
        List<ConversationSnapshot> shown =
                tableRows().stream().map(r -> truth.get(shortId(r))).toList();

        assertEquals(25, shown.size(), "the table fills the screen");
        int firstNotRunning = 0;
        while ("running".equals(shown.get(firstNotRunning).executionStatus())) {
            firstNotRunning++;
        }
        assertEquals(3, firstNotRunning, "the three running conversations lead");
        for (int i = firstNotRunning; i < shown.size(); i++) {
            assertNotEquals("running", shown.get(i).executionStatus(), "running after idle at row " + i);
        }
        for (int i = 1; i < shown.size(); i++) {
            if (i == firstNotRunning) {
                continue;
            }
            // Running rows by creation: their updated_at moves with every step their agents take.
            boolean running = i < firstNotRunning;
            Instant before =
                    running ? shown.get(i - 1).createdAt() : shown.get(i - 1).updatedAt();
            Instant after = running ? shown.get(i).createdAt() : shown.get(i).updatedAt();
            assertFalse(after.isAfter(before), "row " + i + " is newer than the row above it");
        }
        assertTrue(tableRows().get(0).contains("▶ running"));
    }

    @Test
    void statusesReadWithoutColourAndAreColouredToo() {
        List<String> rows = tableRows();
        // Glyph and word, so a monochrome terminal or a colour-blind user loses nothing.
        for (String badge : List.of(
                "▶ running",
                "· idle",
                "‖ paused",
                "? waiting",
                "✓ finished",
                "✗ error",
                "! stuck",
                "● RUNNING",
                "◐ STARTING",
                "‖ PAUSED",
                "✗ ERROR",
                "○ MISSING")) {
            assertTrue(rows.stream().anyMatch(r -> r.contains(badge)), badge + " is on screen");
        }
        // The first row is selected (reverse video); the second running row shows the colours.
        int running = FIRST_ROW + 1;
        assertTrue(ohtop.line(running).contains("▶ running"));
        TextCharacter glyph = ohtop.cellOf("▶ running", running);
        assertEquals(TextColor.ANSI.GREEN, glyph.getForegroundColor());
        assertTrue(glyph.getModifiers().contains(SGR.BOLD));
        int error = ohtop.rowOf("✗ error");
        assertEquals(TextColor.ANSI.RED, ohtop.cellOf("✗ error", error).getForegroundColor());
        int paused = ohtop.rowOf("‖ PAUSED");
        assertEquals(TextColor.ANSI.YELLOW, ohtop.cellOf("‖ PAUSED", paused).getForegroundColor());
        TextCharacter selected = ohtop.cell(2, FIRST_ROW);
        assertTrue(selected.getModifiers().contains(SGR.REVERSE), "the cursor row is drawn in reverse video");
    }

    @Test
    void runningOnlyToggleShowsTheRunningOnesAndBack() {
        ohtop.type("a").untilShows("[running only: 3 shown]");
        List<String> rows = tableRows();
        assertEquals(3, rows.size(), String.join("\n", rows));
        rows.forEach(r -> assertTrue(r.contains("▶ running"), r));

        ohtop.type("a").until("all conversations again", o -> tableRows().size() == 25);
        assertFalse(ohtop.shows("running only:"));
    }

    @Test
    void typingAFilterNarrowsTheRowsAndEscClearsIt() {
        ohtop.type("/p").untilShows("filter: p█");
        int afterP = tableRows().size();
        ohtop.type("ay").untilShows("filter: pay█");
        List<String> rows = tableRows();
        assertTrue(rows.size() < afterP, "more letters, fewer rows: " + afterP + " then " + rows.size());
        assertTrue(ohtop.line(1).contains("[filter \"pay\": " + rows.size() + " shown]"), ohtop.line(1));
        Map<String, ConversationSnapshot> truth = ohtop.demo.world().conversations().stream()
                .collect(Collectors.toMap(c -> c.id().substring(0, 8), Function.identity()));
        for (String row : rows) {
            ConversationSnapshot c = truth.get(shortId(row));
            String all = (c.title() + " " + c.selectedRepository() + " " + c.id()).toLowerCase(Locale.ROOT);
            assertTrue(all.contains("pay"), "a row that does not mention pay: " + row);
        }

        ohtop.press(KeyType.Escape).until("the whole list", o -> tableRows().size() == 25);
        assertFalse(ohtop.shows("filter:") || ohtop.shows("[filter"), ohtop.text());
    }

    @Test
    void anAcceptedFilterStaysUntilEscClearsIt() {
        ohtop.type("/acme/api").untilShows("filter: acme/api");
        ohtop.press(KeyType.Enter).until("the prompt gone", o -> !o.shows("filter: "));
        assertTrue(ohtop.line(1).contains("[filter \"acme/api\":"), ohtop.line(1));
        tableRows().forEach(r -> assertTrue(r.contains("acme/api"), r));

        ohtop.press(KeyType.Escape).untilShows("filter cleared");
        assertEquals(25, tableRows().size());
    }

    @Test
    void theSandboxesOpenOnTheSelectedConversationsSandbox() {
        ConversationSnapshot paused = ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.PAUSED)
                .reduce((a, b) -> b)
                .orElseThrow();
        String shortId = paused.id().replace("-", "").substring(0, 8);
        ohtop.type("/" + shortId)
                .press(KeyType.Enter)
                .until(
                        "only " + shortId,
                        o -> o.selectedLine() != null && o.selectedLine().contains(shortId));

        ohtop.press(Action.OPEN_SANDBOXES)
                .until(
                        "its sandbox under the cursor",
                        o -> o.header().contains("sandboxes")
                                && o.selectedLine() != null
                                && o.selectedLine().contains(paused.sandboxId()));
        ohtop.press(Action.RESUME_SANDBOX).untilShows("resume sandbox " + paused.sandboxId());
    }

    @Test
    void aQTypedIntoTheFilterIsTextNotQuit() {
        ohtop.type("/q").untilShows("filter: q█");
        assertTrue(ohtop.app.isOpen());
    }

    @Test
    void ctrlCWhileTypingAFilterDropsItAndASecondQuits() {
        ohtop.type("/pay").untilShows("filter: pay█");
        ohtop.ctrl('c').untilShows("line dropped; Ctrl+C again to quit");
        assertFalse(ohtop.shows("filter: pay"), ohtop.text());
        assertTrue(ohtop.app.isOpen());
        ohtop.ctrl('c').until("ohtop closed", o -> !o.app.isOpen());
    }

    @Test
    void qQuitsAndTheLoopEnds() throws Exception {
        ohtop.type("q");
        long deadline = System.nanoTime() + VirtualOhtop.PATIENCE.toNanos();
        boolean[] timedOut = {false};
        ohtop.app.runLoop(ohtop.home, () -> timedOut[0] = System.nanoTime() > deadline);

        assertFalse(timedOut[0], "the loop ended because of q, not because the test gave up");
        assertFalse(ohtop.app.isOpen());
    }

    @Test
    void aSmallerTerminalIsLaidOutAgainAndNothingOfTheOldFrameRemains() {
        ohtop.terminal.setTerminalSize(new TerminalSize(80, 24));
        ohtop.until(
                "the 80-column layout",
                o -> o.line(2).contains("AGE") && o.line(2).trim().endsWith("AGE"));

        assertTrue(ohtop.header().startsWith(" ohtop  demo@ohtop.dev"), ohtop.text());
        assertTrue(ohtop.line(1).contains("3 running / 30 total"), ohtop.text());
        assertTrue(ohtop.footer().startsWith(" Enter open"), ohtop.text());
        assertTrue(ohtop.status().startsWith(" refreshed"), ohtop.text());
        // At 80 columns the id and repository columns give way to the title; cost and age stay.
        assertFalse(ohtop.line(2).contains(" ID"), ohtop.line(2));
        assertFalse(ohtop.line(2).contains("REPOSITORY"), ohtop.line(2));
        assertTrue(ohtop.line(2).contains("TITLE") && ohtop.line(2).contains("COST"), ohtop.line(2));
        List<String> rows = tableRows();
        assertEquals(24 - 3 - 2, rows.size(), ohtop.text());
        for (String row : rows) {
            assertEquals(80, row.length());
            assertTrue(row.matches(".* +\\d+[smhd]$"), "every row ends with its age: " + row);
            assertFalse(SHORT_ID.matcher(row).find(), "an id left over from the wide layout: " + row);
        }

        ohtop.terminal.setTerminalSize(new TerminalSize(60, 20));
        ohtop.until(
                "the 60-column layout",
                o -> o.line(2).contains("AGE") && !o.line(2).contains("REPOSITORY"));
        assertTrue(ohtop.header().startsWith(" ohtop"), ohtop.text());
        for (String row : tableRows()) {
            assertTrue(row.matches(".* +\\d+[smhd]$"), "every row ends with its age: " + row);
        }

        ohtop.terminal.setTerminalSize(new TerminalSize(40, 12));
        ohtop.until(
                "the 40-column header: the screen's name kept, the account let go",
                o -> o.header().strip().equals("ohtop  127.0.0.1  ›  conversations"));

        ohtop.terminal.setTerminalSize(new TerminalSize(120, 30));
        ohtop.until("the wide layout again", o -> o.line(2).contains(" ID"));
        assertTrue(ohtop.header().contains("demo@ohtop.dev @ 127.0.0.1  ›  conversations"), ohtop.header());
        assertEquals(25, tableRows().size(), ohtop.text());
        assertTrue(ohtop.header().startsWith(" ohtop"), ohtop.text());
    }
}

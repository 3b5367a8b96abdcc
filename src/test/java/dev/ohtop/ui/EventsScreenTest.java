package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The events of the first conversation of the demo (running, "Add pagination to /v2/orders
 * endpoint"), on a virtual terminal; the demo's clock stands still until a test moves it.
 */
class EventsScreenTest {
    /** Rows of the tail start below the header, the conversation line and the filter line. */
    private static final int FIRST_ROW = 3;
    /** Where the kind column starts: marker, time (8), source (11), each with a space after. */
    private static final int KIND_COLUMN = 2 + 9 + 12;

    private static final Pattern COUNT = Pattern.compile("(\\d+)/(\\d+) events");

    private VirtualOhtop ohtop;
    private String title;

    @BeforeEach
    void openTheFirstConversation() throws Exception {
        ohtop = VirtualOhtop.onDemo();
        ohtop.untilShows("30 total");
        // The tests below know this conversation's story (a ruff action, errors, messages); pick it by title.
        ohtop.type("/Add pagination")
                .press(KeyType.Enter)
                .until("the one conversation", o -> o.line(3).contains("Add pagination"));
        title = ohtop.demo.world().conversations().stream()
                .filter(c -> ohtop.line(3).contains(c.id().substring(0, 8)))
                .findFirst()
                .orElseThrow()
                .title();
        ohtop.press(KeyType.Enter).until("its events, all fetched", o -> caughtUp());
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    private boolean caughtUp() {
        return ohtop.eventsCaughtUp();
    }

    private int held() {
        Matcher m = COUNT.matcher(ohtop.line(1));
        assertTrue(m.find(), ohtop.line(1));
        return Integer.parseInt(m.group(1));
    }

    /** The event rows on screen. */
    private List<String> rows() {
        List<String> rows = new ArrayList<>();
        List<String> lines = ohtop.lines();
        for (int r = FIRST_ROW; r < lines.size() - 2 && !lines.get(r).isBlank(); r++) {
            if (!lines.get(r).startsWith("search: ")) {
                rows.add(lines.get(r));
            }
        }
        return rows;
    }

    private static String kind(String row) {
        return row.substring(KIND_COLUMN, KIND_COLUMN + 18).trim();
    }

    private static String time(String row) {
        return row.substring(2, 10);
    }

    private String lastRow() {
        List<String> rows = rows();
        return rows.get(rows.size() - 1);
    }

    @Test
    void headerShowsTheConversationAndHowManyEventsAreHeldOfTheServersCount() {
        int truth = ohtop.demo
                .world()
                .events(ohtop.demo.world().conversations().stream()
                        .filter(c -> c.title().equals(title))
                        .findFirst()
                        .orElseThrow()
                        .id())
                .size();
        String line = ohtop.line(1);
        assertTrue(line.startsWith(" " + title + "  ▶ running  " + truth + "/" + truth + " events"), line);
        assertTrue(line.contains("unmatched 0") && line.contains("dup obs 0"), line);
        assertTrue(ohtop.header().contains("events of "), ohtop.header());
        assertEquals(ohtop.size().getRows() - 5, rows().size(), "the tail fills the screen");
    }

    @Test
    void newEventsAppearAtTheBottomWhileFollowing() {
        int before = held();
        String lastBefore = lastRow();
        assertTrue(ohtop.line(2).contains("▼ following"));
        assertEquals(ohtop.size().getRows() - 3, ohtop.selectedRow(), "the newest event is selected");

        ohtop.clock().advanceSeconds(20);
        ohtop.until("newer events", o -> caughtUp() && held() > before);

        String lastAfter = lastRow();
        assertNotEquals(lastBefore, lastAfter);
        assertTrue(time(lastAfter).compareTo(time(lastBefore)) > 0, lastBefore + " then " + lastAfter);
        assertEquals(ohtop.size().getRows() - 3, ohtop.selectedRow(), "still the newest event, at the bottom");
    }

    @Test
    void upStopsFollowingAndEndResumes() {
        ohtop.press(KeyType.ArrowUp).untilShows("not following (End resumes)");
        String selected = ohtop.selectedLine();
        int count = held();
        assertEquals(ohtop.size().getRows() - 4, ohtop.selectedRow(), "one row up from the bottom");

        ohtop.clock().advanceSeconds(20);
        ohtop.until("newer events", o -> caughtUp() && held() > count);
        assertEquals(selected, ohtop.selectedLine(), "the selection stays on its event");
        assertEquals(ohtop.size().getRows() - 4, ohtop.selectedRow(), "and the rows do not scroll under it");

        ohtop.press(KeyType.End).untilShows("▼ following");
        assertEquals(ohtop.size().getRows() - 3, ohtop.selectedRow());
        assertNotEquals(selected, ohtop.selectedLine());
        assertEquals(lastRow(), ohtop.selectedLine());
    }

    @Test
    void theKindChecklistHidesTheKindsUnticked() {
        assertTrue(rows().stream().anyMatch(r -> kind(r).equals("Action")));
        ohtop.type("k").untilShows("Choose kinds to show");
        assertTrue(
                ohtop.shows("[x] Action             ActionEvent"),
                "named as in the table, then in full: " + ohtop.text());
        int shown = ohtop.rowOf("[x] Action ");
        assertTrue(ohtop.cell(3, shown).getModifiers().contains(SGR.REVERSE), "the first kind is under the cursor");

        ohtop.type(" ").untilShows("[ ] Action ");
        ohtop.press(KeyType.Enter).untilShows("hidden kinds: Action");
        assertTrue(ohtop.header().contains("events of"), ohtop.header());
        assertFalse(rows().stream().anyMatch(r -> kind(r).equals("Action")), ohtop.text());
        assertTrue(rows().stream().anyMatch(r -> kind(r).equals("Observation")), ohtop.text());

        ohtop.type("k").untilShows("[ ] Action ");
        ohtop.type("a").untilShows("[x] Action ");
        ohtop.press(KeyType.Enter)
                .until("every kind back", o -> o.header().contains("events of") && !o.shows("hidden kinds"));
        assertTrue(rows().stream().anyMatch(r -> kind(r).equals("Action")), ohtop.text());
    }

    @Test
    void quickTogglesHideAndShowMessagesActionsAndStateUpdates() {
        assertTrue(rows().stream().anyMatch(r -> kind(r).equals("StateUpdate")));
        ohtop.type("3").untilShows("hidden kinds: StateUpdate");
        assertFalse(rows().stream().anyMatch(r -> kind(r).equals("StateUpdate")), ohtop.text());

        ohtop.type("2").untilShows("Action,AgentError,Observation,Rejected,StateUpdate");
        rows().forEach(r -> assertFalse(
                List.of("Action", "Observation", "AgentError", "StateUpdate").contains(kind(r)), r));

        // On the filter line: rows show "Message" already, so the screen alone would not wait for the key.
        ohtop.type("1").until("messages hidden", o -> o.line(2).contains("Action,AgentError,Message,"));
        assertFalse(rows().stream().anyMatch(r -> kind(r).equals("Message")), ohtop.text());

        ohtop.type("123").until("every kind back", o -> !o.shows("hidden kinds"));
        assertTrue(rows().stream().anyMatch(r -> kind(r).equals("Action")), ohtop.text());
        assertTrue(rows().stream().anyMatch(r -> kind(r).equals("Message")), ohtop.text());
        assertTrue(rows().stream().anyMatch(r -> kind(r).equals("StateUpdate")), ohtop.text());
    }

    @Test
    void errorsOnlyShowsJustTheErrorsMarkedAndInRed() {
        int error = ohtop.lines()
                .indexOf(rows().stream()
                        .filter(r -> r.startsWith("!"))
                        .findFirst()
                        .orElseThrow());
        assertTrue(error >= FIRST_ROW && error != ohtop.selectedRow(), ohtop.text());
        assertEquals(TextColor.ANSI.RED, ohtop.cell(KIND_COLUMN, error).getForegroundColor(), "errors are red");
        assertTrue(rows().stream().anyMatch(r -> !r.startsWith("!")));

        // On the filter line: the footer names the key "errors only" too.
        ohtop.type("e").until("the filter on", o -> o.line(2).contains("errors only"));
        List<String> rows = rows();
        assertFalse(rows.isEmpty(), ohtop.text());
        for (String row : rows) {
            assertTrue(row.startsWith("!"), "only errors, each marked: " + row);
        }

        ohtop.type("e").until("every event again", o -> rows().stream().anyMatch(r -> !r.startsWith("!")));
        assertFalse(ohtop.line(2).contains("errors only"));
    }

    @Test
    void aSearchWithoutMatchesSaysSoLongEnoughToBeRead() {
        ohtop.type("/zzz").press(KeyType.Enter).untilShows("no match for \"zzz\"");
        long frames = ohtop.framesDrawn();
        ohtop.until("a few more frames", o -> o.framesDrawn() > frames + 3);
        assertTrue(
                ohtop.status().contains("no match for \"zzz\""), "still there after a few redraws: " + ohtop.status());

        ohtop.clock().advanceSeconds(5);
        ohtop.until("the message gone", o -> !o.status().contains("no match"));
    }

    @Test
    void searchJumpsToMatchesAndNextAndPreviousMoveBetweenThem() {
        ohtop.type("/pytest").untilShows("search: pytest█");
        Matcher m = Pattern.compile("search \"pytest\": (\\d+) matches").matcher(ohtop.line(2));
        assertTrue(m.find(), ohtop.line(2));
        assertTrue(Integer.parseInt(m.group(1)) >= 2, "the demo runs the tests more than once: " + ohtop.line(2));

        ohtop.press(KeyType.Enter).until("the prompt gone", o -> !o.shows("search: "));
        String first = ohtop.selectedLine();
        assertTrue(first != null && first.contains("pytest"), "Enter selects a match: " + ohtop.text());
        assertTrue(ohtop.line(2).contains("not following"), "a jump stops following");

        ohtop.type("n").until("the next match", o -> !first.equals(o.selectedLine()));
        String second = ohtop.selectedLine();
        assertTrue(second.contains("pytest"), second);
        assertTrue(time(second).compareTo(time(first)) >= 0, first + " then " + second);

        ohtop.type("N").until("the previous match", o -> first.equals(o.selectedLine()));

        // The search text is marked, on every row that has it, and only the search text.
        int other = ohtop.rowOf(second.substring(0, 40));
        int column = VirtualOhtop.column(second, "pytest");
        assertEquals(TextColor.ANSI.YELLOW, ohtop.cell(column, other).getBackgroundColor());
        assertEquals(
                TextColor.ANSI.YELLOW,
                ohtop.cell(column + "pytest".length() - 1, other).getBackgroundColor());
        assertEquals(
                TextColor.ANSI.DEFAULT,
                ohtop.cell(column + "pytest".length(), other).getBackgroundColor(),
                "the rest of the summary is not: " + second);
        assertEquals(TextColor.ANSI.DEFAULT, ohtop.cell(column - 1, other).getBackgroundColor());
        int selected = ohtop.rowOf(first.substring(0, 40));
        assertEquals(
                TextColor.ANSI.YELLOW,
                ohtop.cell(VirtualOhtop.column(first, "pytest"), selected).getBackgroundColor(),
                "on the selected row too");
    }

    @Test
    void detailShowsTheFieldsThenTheRawJsonAndScrolls() {
        ohtop.type("/ruff")
                .press(KeyType.Enter)
                .until(
                        "a ruff action selected",
                        o -> o.selectedLine() != null && o.selectedLine().contains("terminal: ruff"));
        ohtop.press(KeyType.Enter).untilShows("kind           ActionEvent");
        assertTrue(ohtop.header().contains("event "), ohtop.header());
        List<String> lines = ohtop.lines();
        int kind = ohtop.rowOf("kind           ActionEvent");
        int tool = ohtop.rowOf("tool           terminal");
        int argument = ohtop.rowOf("argument       ruff check src tests");
        int raw = ohtop.rowOf("── raw JSON (");
        assertTrue(kind < tool && tool < argument && argument < raw, String.join("\n", lines));
        assertEquals(" {", ohtop.line(raw + 1).stripTrailing());
        assertTrue(ohtop.line(raw + 2).contains("\"kind\" : \"ActionEvent\""), ohtop.line(raw + 2));
        Matcher position = Pattern.compile("line 1/(\\d+)").matcher(ohtop.text());
        assertTrue(position.find(), ohtop.text());
        int total = Integer.parseInt(position.group(1));

        ohtop.press(KeyType.PageDown).until("the next page", o -> !o.shows("line 1/"));
        assertFalse(ohtop.shows("kind           ActionEvent"), "the fields scrolled away");
        ohtop.press(KeyType.End).untilShows("/" + total);
        assertEquals(" }", ohtop.line(ohtop.size().getRows() - 4).stripTrailing(), ohtop.text());
        ohtop.press(KeyType.Home).untilShows("line 1/" + total);
        assertTrue(ohtop.shows("kind           ActionEvent"));

        ohtop.press(KeyType.Escape).untilShows("search \"ruff\"");
        assertTrue(ohtop.selectedLine().contains("terminal: ruff"), "back on the same event");
    }

    /** The demo's app server stores them as the real one does: the whole state first, a streamed piece of the LLM's text. */
    @Test
    void theAppServersOwnEventsSayWhatTheyCarry() {
        ohtop.type("/full state")
                .press(KeyType.Enter)
                .until(
                        "the full state selected",
                        o -> o.selectedLine() != null && o.selectedLine().contains("full state: "));
        assertTrue(ohtop.selectedLine().contains("StateUpdate        full state: idle · "), ohtop.selectedLine());
        ohtop.press(KeyType.Enter).untilShows("key            full_state");
        assertTrue(ohtop.shows("status         idle"), ohtop.text());
        assertTrue(ohtop.shows("confirmation   NeverConfirm"), ohtop.text());
        ohtop.press(KeyType.Escape).untilShows("search \"full state\"");

        ohtop.type("/")
                .ctrl('u')
                .type("StreamingDelta")
                .press(KeyType.Enter)
                .until(
                        "the streamed text selected",
                        o -> o.selectedLine() != null && kind(o.selectedLine()).equals("StreamingDelta"));
        String delta = ohtop.selectedLine();
        String text = delta.substring(KIND_COLUMN + 19).strip();
        assertFalse(text.isEmpty() || text.contains("StreamingDelta"), "its text, not its kind: " + delta);
        ohtop.press(KeyType.Enter).untilShows("kind           StreamingDeltaEvent");
        assertTrue(ohtop.shows("text           " + text.substring(0, Math.min(20, text.length()))), ohtop.text());
    }

    @Test
    void pairMovesTheSelectionBetweenAnActionAndItsObservation() {
        ohtop.type("/ruff")
                .press(KeyType.Enter)
                .until(
                        "a ruff action selected",
                        o -> o.selectedLine() != null && kind(o.selectedLine()).equals("Action"));
        String action = ohtop.selectedLine();
        int actionRow = ohtop.selectedRow();

        ohtop.type("p").until("its observation", o -> kind(o.selectedLine()).equals("Observation"));
        String observation = ohtop.selectedLine();
        assertTrue(observation.contains("terminal exit"), observation);
        assertTrue(time(observation).compareTo(time(action)) >= 0);
        assertTrue(ohtop.line(actionRow).startsWith("↔"), "the pair is marked: " + ohtop.line(actionRow));

        ohtop.type("p").until("back on the action", o -> action.equals(o.selectedLine()));
    }

    @Test
    void pairInTheDetailShowsThePairedEvent() {
        ohtop.type("/ruff")
                .press(KeyType.Enter)
                .until(
                        "a ruff action selected",
                        o -> o.selectedLine() != null && kind(o.selectedLine()).equals("Action"));
        ohtop.press(KeyType.Enter).untilShows("kind           ActionEvent");
        int id = ohtop.rowOf("id             ");
        String actionId = ohtop.line(id).substring(16).trim();
        assertTrue(ohtop.shows("paired with    ObservationEvent"), ohtop.text());

        ohtop.type("p").untilShows("kind           ObservationEvent");
        assertTrue(ohtop.shows("answers        " + actionId), ohtop.text());
        assertTrue(ohtop.shows("command        ruff check src tests"), ohtop.text());
        assertTrue(ohtop.shows("showing the pair"), ohtop.text());

        ohtop.type("p").untilShows("kind           ActionEvent");
        assertTrue(ohtop.shows("id             " + actionId));
    }

    @Test
    void aLongDetailFieldWrapsBetweenWordsOnANarrowTerminal() {
        String message = "I found the cause. Let me write a regression test before changing the code.";
        ohtop.terminal.setTerminalSize(new com.googlecode.lanterna.TerminalSize(80, 24));
        ohtop.type("/I found the cause")
                .press(KeyType.Enter)
                .until(
                        "the message selected",
                        o -> o.selectedLine() != null && o.selectedLine().contains("I found the cause"));
        ohtop.press(KeyType.Enter).untilShows("kind           MessageEvent");
        int first = ohtop.rowOf("text           I found the cause");
        List<String> rows = new ArrayList<>();
        for (int r = first;
                r == first
                        || ohtop.line(r).substring(0, 16).isBlank()
                                && !ohtop.line(r).isBlank();
                r++) {
            rows.add(ohtop.line(r).substring(16).strip());
        }
        assertTrue(rows.size() > 1, "a long message takes several rows: " + ohtop.text());
        assertEquals(message, String.join(" ", rows), "broken between words only:\n" + ohtop.text());
    }

    @Test
    void tabsInTheDetailLineUpAsTheConsoleShowsThem() {
        ohtop.type("/cat -n")
                .press(KeyType.Enter)
                .until(
                        "the README read",
                        o -> o.selectedLine() != null && kind(o.selectedLine()).equals("Observation"));
        ohtop.press(KeyType.Enter).untilShows("kind           ObservationEvent");
        assertTrue(ohtop.shows("     1  # Project"), ohtop.text());
        assertTrue(ohtop.shows("     3  Run `make test` to run the suite."), ohtop.text());
        assertFalse(ohtop.shows("^I"), ohtop.text());
    }

    @Test
    void aNarrowTerminalKeepsTimeSourceKindAndCutsTheSummary() {
        ohtop.terminal.setTerminalSize(new com.googlecode.lanterna.TerminalSize(80, 24));
        ohtop.until("the 80-column layout", o -> o.size().getColumns() == 80 && rows().size() == 24 - 5);
        assertTrue(ohtop.header().startsWith(" ohtop"), ohtop.text());
        assertTrue(ohtop.line(1).startsWith(" Add pagination"), ohtop.line(1));
        for (String row : rows()) {
            assertEquals(80, row.length());
            assertTrue(time(row).matches("\\d\\d:\\d\\d:\\d\\d"), row);
            assertFalse(kind(row).isEmpty(), row);
        }
        assertTrue(
                rows().stream().anyMatch(r -> r.endsWith("…")), "long summaries are cut at the edge: " + ohtop.text());
        assertEquals(ohtop.size().getRows() - 3, ohtop.selectedRow(), "still following, newest at the bottom");
    }

    @Test
    void escGoesBackToTheListAndQQuitsFromAnywhere() {
        ohtop.press(KeyType.Escape).untilShows("3 running / 30 total");
        ohtop.press(KeyType.Enter).until("the events again", o -> caughtUp());
        ohtop.press(KeyType.Enter).untilShows("raw JSON");
        ohtop.type("q").until("ohtop closed", o -> !o.app.isOpen());
    }
}

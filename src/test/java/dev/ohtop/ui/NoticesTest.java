package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.Attention;
import dev.ohtop.terminal.Ring;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A conversation that needs its user is said on the status line, marked on its row and rung for
 * (the bytes counted as the terminal gets them): once per change, never for what was so at
 * start-up, at most once in 5 s; and {@code w} shows what waits.
 */
class NoticesTest {
    private static final byte BEL = 0x07;
    private static final byte ESC = 0x1b;
    private static final String HOSTILE = "Evil \u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J title; x";

    private FakeCloud cloud;
    private VirtualOhtop ohtop;

    /** A list where each state is already there at start-up, and three running conversations. */
    private void start(VirtualOhtop.Setup setup) throws Exception {
        cloud = new FakeCloud()
                .conversation("r1000001", "Fix flaky test", "acme/api", "main", "m", "running", 1)
                .conversation("r2000002", "Upgrade React", "acme/web", "main", "m", "running", 2)
                .conversation("r3000003", HOSTILE, "acme/web", "main", "m", "running", 3)
                .conversation("f0000000", "Was finished", "acme/api", "main", "m", "finished", 10)
                .conversation("e0000000", "Was failing", "acme/api", "main", "m", "error", 20)
                .conversation("s0000000", "Was stuck", "acme/api", "main", "m", "stuck", 30)
                .conversation("w0000000", "Was waiting", "acme/api", "main", "m", "waiting_for_confirmation", 40)
                .serve();
        ohtop = VirtualOhtop.on(cloud.url(), FakeCloud.KEY, setup);
        ohtop.untilShows("Was waiting");
        refreshes(2);
    }

    private static VirtualOhtop.Setup setup() {
        return VirtualOhtop.Setup.defaults().size(140, 20);
    }

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    private long searches() {
        return cloud.wire().getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .filter(r -> r.getUrl().startsWith("/api/v1/app-conversations/search"))
                .count();
    }

    /** Lets the list refresh {@code n} more times (and the screen take each in). */
    private void refreshes(int n) {
        long until = searches() + n + 1;
        ohtop.until(n + " more refreshes", o -> searches() >= until);
    }

    private List<byte[]> rings() {
        return ohtop.rings();
    }

    @Test
    void nothingIsRungForWhatWasSoAtStartUp() throws Exception {
        start(setup());
        refreshes(3);
        ohtop.clock().advance(Duration.ofSeconds(10));
        refreshes(2);

        assertEquals(0, rings().size());
        assertFalse(ohtop.shows("⚠"), "no row marked:\n" + ohtop.text());
    }

    @Test
    void aConversationThatFinishesIsSaidMarkedAndRungOnce() throws Exception {
        start(setup());
        cloud.change("execution_status", "finished", "r1000001");

        ohtop.until("the notice", o -> o.status().contains("Fix flaky test finished"));
        assertEquals(1, rings().size());
        assertArrayEquals(new byte[] {BEL}, rings().get(0));
        String row = ohtop.lines().get(ohtop.rowOf("Fix flaky test"));
        assertTrue(row.startsWith("⚠"), row);

        refreshes(3);
        ohtop.clock().advance(Duration.ofSeconds(30));
        refreshes(2);
        assertEquals(1, rings().size(), "the same change is not rung twice");
    }

    @Test
    void manyChangesAtOnceRingOnceAndSayHowManyThenTheNextWaitsFiveSeconds() throws Exception {
        start(setup());
        cloud.change("execution_status", "error", "r1000001", "r2000002").change("sandbox_status", "ERROR", "r3000003");

        ohtop.until("one notice for three", o -> o.status().contains("3 conversations need you"));
        assertEquals(1, rings().size());

        cloud.change("execution_status", "running", "r1000001");
        refreshes(2);
        cloud.change("execution_status", "stuck", "r1000001");
        refreshes(3);
        assertEquals(1, rings().size(), "within 5 s of the last ring: none");

        ohtop.clock().advance(Attention.QUIET);
        ohtop.until("the next notice", o -> rings().size() == 2);
        ohtop.until("its words", o -> o.status().contains("Fix flaky test is stuck"));
    }

    @Test
    void aHostileTitleNeverReachesTheNotificationsEscapes() throws Exception {
        start(setup().ringing(Ring.OSC777, false));
        cloud.change("execution_status", "finished", "r3000003");

        ohtop.until("a ring", o -> rings().size() == 1);
        byte[] ring = rings().get(0);
        String text = new String(ring, StandardCharsets.UTF_8);
        assertEquals("\u001b]777;notify;ohtop;ohtop: Evil ]52,c,cm0gLXJmIH4=[2J title, x finished\u0007", text);
        assertEquals(1, count(ring, ESC), "only ours");
        assertEquals(1, count(ring, BEL), "only ours, at the end");
        assertEquals(List.of(), ohtop.controlsSeen(), "the status line shows the title inert");
    }

    @Test
    void insideTmuxTheNotificationGoesThroughThePassthrough() throws Exception {
        start(setup().ringing(Ring.OSC9, true));
        cloud.change("execution_status", "waiting_for_confirmation", "r2000002");

        ohtop.until("a ring", o -> rings().size() == 1);
        assertEquals(
                "\u001bPtmux;\u001b\u001b]9;ohtop: Upgrade React waits for your confirmation\u0007\u001b\\",
                new String(rings().get(0), StandardCharsets.UTF_8));
    }

    @Test
    void withNotifyNoneNothingRingsButTheStatusLineSaysItAndTheRowIsMarked() throws Exception {
        start(setup().ringing(Ring.NONE, false));
        cloud.change("execution_status", "finished", "r1000001");

        ohtop.until("the notice", o -> o.status().contains("Fix flaky test finished"));
        refreshes(2);
        assertEquals(0, rings().size());
        assertTrue(ohtop.lines().get(ohtop.rowOf("Fix flaky test")).startsWith("⚠"));
    }

    @Test
    void wShowsExactlyWhatWaitsNewestFirstAndTogglesOff() throws Exception {
        start(setup());
        cloud.change("execution_status", "finished", "r2000002");
        ohtop.until("the notice", o -> o.status().contains("Upgrade React finished"));

        ohtop.press(Action.TOGGLE_WAITING).untilShows("[waiting for you: 4 shown]");
        assertEquals(List.of("Upgrade React", "Was failing", "Was stuck", "Was waiting"), titles());
        ohtop.press(Action.DOWN).press(Action.UP).settle();
        assertTrue(ohtop.shows("[waiting for you: 4 shown]"), "the cursor going over it here does not drop it");

        ohtop.press(Action.TOGGLE_WAITING).until("all again", o -> !o.shows("waiting for you:"));
        assertTrue(ohtop.shows("Was finished"));

        ohtop.press(Action.TOGGLE_WAITING).untilShows("[waiting for you: 4 shown]");
        ohtop.press(KeyType.Escape).until("Esc clears it", o -> !o.shows("waiting for you:"));
        assertTrue(ohtop.shows("Fix flaky test"));
    }

    @Test
    void aFinishedConversationLeavesTheWaitingListOnceTheCursorHasBeenOnIt() throws Exception {
        start(setup());
        cloud.change("execution_status", "finished", "r2000002");
        ohtop.until("the mark", o -> o.shows("⚠"));

        for (int i = 0; i < 5 && !ohtop.selectedLine().contains("Upgrade React"); i++) {
            ohtop.press(Action.DOWN).settle();
        }
        assertTrue(ohtop.selectedLine().contains("Upgrade React"), ohtop.text());
        ohtop.until("no mark once looked at", o -> !o.shows("⚠"));
        ohtop.press(Action.TOGGLE_WAITING).untilShows("[waiting for you: 3 shown]");
        assertEquals(List.of("Was failing", "Was stuck", "Was waiting"), titles());
    }

    @Test
    void onTheDemoAConversationThatFinishesWhileWatchedRingsTheBellOnce() throws Exception {
        ohtop = VirtualOhtop.onDemo(
                VirtualOhtop.Setup.defaults().refresh(Duration.ofSeconds(5)).pollingOnTheClock());
        ohtop.untilShows("30 total");
        ohtop.pass(Duration.ofSeconds(30));
        assertEquals(0, rings().size(), "finished, error, stuck and waiting ones at start-up are no news");

        // The demo's conversation on the sandbox that starts finishes about a minute later.
        ohtop.pass(Duration.ofSeconds(90));
        assertEquals(1, rings().size());
        assertArrayEquals(new byte[] {BEL}, rings().get(0));
        String marked = ohtop.lines().get(ohtop.rowOf("⚠"));
        assertTrue(marked.contains("Fix timezone bug") && marked.contains("finished"), marked);
    }

    @Test
    void onTheDemoConversationsThatFailOrGetStuckWhileWatchedRingOnceEach() throws Exception {
        ohtop = VirtualOhtop.onDemo(
                VirtualOhtop.Setup.defaults().refresh(Duration.ofSeconds(5)).pollingOnTheClock());
        ohtop.untilShows("30 total");
        ohtop.pass(Duration.ofSeconds(120));
        assertEquals(1, rings().size(), "so far only the one that finished");

        // A long run fails about 2 minutes 15 s in, and a run gets stuck about 20 s later.
        ohtop.pass(Duration.ofSeconds(25));
        assertEquals(2, rings().size());
        assertTrue(markedRow("Upgrade React to 19").contains("error"), ohtop.text());
        ohtop.pass(Duration.ofSeconds(35));
        assertEquals(3, rings().size());
        assertTrue(markedRow("Add pagination").contains("stuck"), ohtop.text());
        rings().forEach(ring -> assertArrayEquals(new byte[] {BEL}, ring));

        ohtop.pass(Duration.ofSeconds(60));
        assertEquals(3, rings().size(), "each change rings once");
    }

    /** The line of the row with this title, which must carry the notice mark. */
    private String markedRow(String title) {
        String row = ohtop.lines().stream()
                .filter(l -> l.contains(title))
                .findFirst()
                .orElse("");
        assertTrue(row.contains("⚠"), ohtop.text());
        return row;
    }

    /** The titles of the table's rows, top to bottom. */
    private List<String> titles() {
        return ohtop.lines().stream()
                .filter(l -> l.contains("acme/"))
                .map(l -> l.substring(26, 60).strip())
                .toList();
    }

    private static long count(byte[] bytes, byte wanted) {
        long n = 0;
        for (byte b : bytes) {
            n += b == wanted ? 1 : 0;
        }
        return n;
    }
}

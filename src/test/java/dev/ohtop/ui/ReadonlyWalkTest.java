package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.demo.SeenRequest;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Key;
import dev.ohtop.keymap.Keymap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Under --readonly, every key of the full keymap (the changing ones too: a user can still press
 * them) on every screen a user can reach, each followed by {@code y} to say yes to whatever it
 * asks, and every changing action by name on the {@code :} line, with a paused and then a running
 * conversation selected: not one request but a read may reach the demo's servers. The keys and the
 * screens come from the keymap and from walking, so a new key or screen is covered without a word
 * here.
 */
@DisplayName("Under --readonly no key on any screen sends anything but a read")
class ReadonlyWalkTest {
    private static final Keymap FULL = VirtualOhtop.keymap("default");
    private static final KeyStroke YES = new KeyStroke('y', false, false);
    private static final java.time.Duration HANDLED_WITHIN = java.time.Duration.ofSeconds(60);

    private VirtualOhtop ohtop;
    /** How to reach each screen found so far from the filtered list: the keys, in order. */
    private final Map<String, List<KeyStroke>> routes = new LinkedHashMap<>();

    private String shortId;

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().asReadonly());
        ohtop.untilShows("30 total");
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    /** Every key bound to anything but quitting, each once: what a user can press on any screen. */
    private static List<KeyStroke> everyKey() {
        Set<Key> keys = new LinkedHashSet<>();
        Arrays.stream(Action.values()).filter(a -> a != Action.QUIT).forEach(a -> keys.addAll(FULL.keysFor(a)));
        keys.removeAll(FULL.keysFor(Action.QUIT));
        return keys.stream().map(VirtualOhtop::stroke).toList();
    }

    @Test
    @Tag("security")
    void everyKeyOnEveryScreenAnsweredYesSendsOnlyReads(TestReporter reporter) {
        long mark = ohtop.proxy.requests().mark();
        List<ConversationSnapshot> world = ohtop.demo.world().conversations();
        for (SandboxStatus status : List.of(SandboxStatus.PAUSED, SandboxStatus.RUNNING)) {
            walk(world.stream()
                    .filter(c -> c.sandboxStatus() == status)
                    .findFirst()
                    .orElseThrow());
        }
        ohtop.settle(); // what the last keys started, sent
        ohtop.ctrl('c').ctrl('c').until("ohtop closed", o -> !o.app.isOpen());

        List<SeenRequest> sent = ohtop.proxy.requests().since(mark);
        List<String> changing = sent.stream()
                .filter(r -> !r.method().equals("GET"))
                .map(SeenRequest::route)
                .toList();
        assertEquals(List.of(), changing, "requests that are not reads reached the server");
        assertTrue(
                routes.keySet()
                        .containsAll(List.of(
                                "EVENTS events",
                                "DETAIL event",
                                "SANDBOXES sandboxes",
                                "TRANSFER download",
                                "TRANSFER trajectory",
                                "HELP help")),
                "screens walked: " + routes.keySet());
        assertTrue(sent.stream().anyMatch(r -> r.path().contains("/download")), "the downloads did go");
        reporter.publishEntry(
                ReliabilityReportKeys.SEEN,
                everyKey().size() + " keys on " + routes.size() + " screens, " + sent.size() + " requests, all GET");
    }

    /** Every key on every screen, with {@code conversation} selected on the list. */
    private void walk(ConversationSnapshot conversation) {
        shortId = conversation.id().substring(0, 8);
        Deque<String> todo = new ArrayDeque<>();
        if (routes.isEmpty()) {
            routes.put(kind(ohtop.home), List.of());
        }
        todo.addAll(routes.keySet());
        while (!todo.isEmpty()) {
            String screen = todo.poll();
            List<KeyStroke> route = routes.get(screen);
            View here = goTo(route);
            for (KeyStroke key : everyKey()) {
                sayYesIfAsked();
                if (ohtop.app.front() != here || lineOpen()) {
                    here = goTo(route); // the last key left the screen, or opened a line (filter, search, :)
                }
                ohtop.app.press(key);
                ohtop.app.press(YES);
                handled();
                View there = ohtop.app.front();
                if (there != here && there != null && !routes.containsKey(kind(there))) {
                    List<KeyStroke> further = new ArrayList<>(route);
                    further.add(key);
                    routes.put(kind(there), further);
                    todo.add(kind(there));
                }
            }
            for (Action action : Action.values()) {
                if (action.changesSomething()) {
                    goTo(route);
                    ohtop.type(":" + action.fileName()).press(KeyType.Enter).type("y");
                    handled();
                }
            }
        }
    }

    private static String kind(View view) {
        return view.scope() + " " + view.title().split(" ")[0];
    }

    /** Back to the list with only the conversation on it, then along {@code route}; the screen reached. */
    private View goTo(List<KeyStroke> route) {
        for (int i = 0; i < 8 && ohtop.app.front() != ohtop.home; i++) {
            sayYesIfAsked();
            ohtop.press(KeyType.Escape); // leaves, or first closes a line being typed
            handled();
        }
        assertTrue(ohtop.app.front() == ohtop.home, "could not get back to the list: " + ohtop.text());
        String selected = ohtop.selectedLine();
        if (ohtop.shows("█")
                || selected == null
                || !selected.contains(shortId)
                || !ohtop.line(4).isBlank()) {
            // A line being typed, another filter, or running only: back to the one conversation.
            ohtop.press(KeyType.Escape).press(KeyType.Escape);
            ohtop.press(Action.FILTER).type(shortId).press(KeyType.Enter);
            handled();
            ohtop.until("only " + shortId, o -> o.line(3).contains(shortId) && o.selectedLine() != null);
        }
        for (KeyStroke key : route) {
            View from = ohtop.app.front();
            ohtop.app.press(key);
            handled();
            ohtop.until(
                    "the next screen, ready, along " + route,
                    o -> o.app.front() != from
                            && o.app.front().complete()
                            && (!o.header().contains("events of") || o.eventsCaughtUp()));
        }
        return ohtop.app.front();
    }

    /** Lets the loop run until every key pressed has been handled (what they started may still be under way). */
    private void handled() {
        long deadline = System.nanoTime() + HANDLED_WITHIN.toNanos();
        while (!ohtop.app.keysHandled()) { // a frame at a time: a busy machine may need more than one patience
            ohtop.until("one step", o -> true);
            assertTrue(
                    System.nanoTime() < deadline, "keys still waiting after " + HANDLED_WITHIN + ": " + ohtop.text());
        }
    }

    /**
     * A question that came up since (a resume offered once a transfer found its sandbox paused, say)
     * is answered yes. The screen changes only while the test steps the loop, so no key can slip in
     * between this look and the next key.
     */
    private void sayYesIfAsked() {
        if (ohtop.shows("[y/N]")) {
            ohtop.app.press(YES);
            handled();
        }
    }

    /** A line being typed at the foot of the screen: a filter, a search, the : command line. */
    private boolean lineOpen() {
        int rows = ohtop.size().getRows();
        return ohtop.line(rows - 3).contains("█") || ohtop.status().contains("█");
    }
}

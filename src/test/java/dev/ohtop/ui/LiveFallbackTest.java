package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultRule;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.TailSnapshot;
import dev.ohtop.ui.VirtualOhtop.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The events screen on the demo when its live socket cannot be had or goes bad, as the user sees
 * it at the end of the filter line (line 2): a proxy that refuses the upgrade, a socket that
 * stalls without closing, a sandbox paused and resumed. Each time the tail says it polls, keeps
 * getting new events, and is live again by itself, with every event once and in the server's
 * order. Time passes on the manual clock (the demo's socket pusher runs on the real one, so the
 * test reads the demo's world to have it push what the clock brought).
 */
class LiveFallbackTest {
    private static final Duration REFRESH = Duration.ofSeconds(3);
    /** LiveEvents pings every 15 s and drops a socket nothing was heard from for 30 s. */
    private static final Duration STALL_NOTICED = Duration.ofSeconds(15 + 30);
    /** The longest backoff between socket tries is 60 s. */
    private static final Duration BACK_LIVE = Duration.ofSeconds(70);

    private VirtualOhtop ohtop;
    private ConversationSnapshot running;

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo(AppServerFaultsTest.asTheAppRuns());
        ohtop.untilPollsDone().untilShows("30 total");
        running = ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING && "running".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow();
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    @ParameterizedTest(name = "upgrade answered {0}")
    @ValueSource(ints = {403, 200})
    void aRefusedUpgradeIsPolledVisiblyAndTheTailGoesLiveByItselfOnceTheProxyPassesSockets(int status) {
        FaultRule refused = ohtop.proxy.faults().always(Fault.upgradeRefused(status), FaultSwitch.Target.AGENT);
        openEvents();
        passUntil("polling", REFRESH, o -> delivery(o).endsWith("polling 3s"));
        List<String> before = heldIds();

        List<Sent> polled = ohtop.passNoting(Duration.ofSeconds(30));
        untilPolledEverything();

        assertTrue(delivery(ohtop).endsWith("polling 3s"), "still says it polls: " + ohtop.line(2));
        assertTrue(heldIds().size() > before.size(), "new events came by polling");
        assertTrue(
                polled.stream().anyMatch(s -> s.route().endsWith("/events/search")), "they came over REST: " + polled);

        ohtop.proxy.faults().remove(refused);
        passUntil("live again", BACK_LIVE, o -> delivery(o).endsWith("  live"));
        ohtop.pass(Duration.ofSeconds(20)); // the agent works on, pushed now
        assertEveryEventOnceInOrder(before, true);
    }

    @Test
    void aStalledSocketIsLeftWithinThePingAndPongDeadlineAndTheTailGoesLiveAgain() {
        openEvents();
        passUntil("live", REFRESH, o -> delivery(o).endsWith("  live"));
        List<String> before = heldIds();

        FaultRule stalled = ohtop.proxy.faults().always(Fault.socketStalled(), FaultSwitch.Target.AGENT);
        Duration took =
                passUntil("no longer live", STALL_NOTICED, o -> !delivery(o).endsWith("  live"));
        // Heard from at most one ping period before the stall began: not dropped for a short quiet.
        assertTrue(took.compareTo(Duration.ofSeconds(15)) >= 0, "a quiet socket is not dropped early: " + took);
        ohtop.proxy.faults().remove(stalled);

        passUntil("live again", BACK_LIVE, o -> delivery(o).endsWith("  live"));
        ohtop.pass(Duration.ofSeconds(20));
        assertEveryEventOnceInOrder(before, true);
    }

    @Test
    void aSandboxPausedAndResumedUnderTheOpenScreenComesBackLiveByItself() {
        openEvents();
        passUntil("live", REFRESH, o -> delivery(o).endsWith("  live"));
        List<String> before = heldIds();

        ohtop.demo.world().restart(running.sandboxId()); // down, and starting for 5 s
        ohtop.until("the socket gone with the sandbox", o -> !delivery(o).endsWith("  live"));

        passUntil("live again", BACK_LIVE, o -> delivery(o).endsWith("  live"));
        ohtop.pass(Duration.ofSeconds(20));
        // The total too: the count taken as the socket came back already held the events it then
        // resent, and they were once counted twice ("70/73 events" with the server's 70 held).
        assertEveryEventOnceInOrder(before, true);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void openEvents() {
        ohtop.selectConversation(running.id());
        ohtop.press(Action.OPEN).until("the events screen", o -> o.app.front() instanceof EventsView);
        for (int i = 0; i < 10 && !ohtop.eventsCaughtUp(); i++) {
            ohtop.pass(REFRESH);
        }
        assertTrue(ohtop.eventsCaughtUp(), ohtop.text());
    }

    /** How events come, as the end of the filter line says. */
    private static String delivery(VirtualOhtop o) {
        return o.line(2).stripTrailing();
    }

    /**
     * Moves the clock a second at a time (each poll and socket try due on the way runs) until the
     * screen shows {@code what}; a socket being opened settles in real time first. Returns the time taken.
     */
    private Duration passUntil(String what, Duration limit, Predicate<VirtualOhtop> done) {
        Instant start = ohtop.clock().instant();
        while (true) {
            ohtop.untilPollsDone()
                    .until("the socket's try settled", o -> !delivery(o).endsWith("connecting"));
            Duration took = Duration.between(start, ohtop.clock().instant());
            if (done.test(ohtop)) {
                return took;
            }
            if (took.compareTo(limit) >= 0) {
                fail("not " + what + " after " + took.toSeconds() + " s on the clock; the screen shows:\n"
                        + ohtop.text());
            }
            ohtop.pass(Duration.ofSeconds(1));
        }
    }

    /** Polls until the tail holds what the server has (the clock stands at each poll). */
    private void untilPolledEverything() {
        for (int i = 0; i < 10 && !(ohtop.eventsCaughtUp() && heldIds().equals(serverIds())); i++) {
            ohtop.passToNextPoll();
        }
    }

    private void assertEveryEventOnceInOrder(List<String> before, boolean counted) {
        List<String> server = serverIds(); // reading the world also makes it push what the clock brought
        String total = server.size() + "/" + server.size() + " events";
        ohtop.until(
                "every event the server has" + (counted ? ", counted" : ""),
                o -> heldIds().equals(server) && (!counted || o.line(1).contains(total)));
        List<String> held = heldIds();
        assertEquals(held.size(), new HashSet<>(held).size(), "no event twice");
        assertEquals(before, held.subList(0, before.size()), "what was held before is still first");
        assertTrue(held.size() > before.size(), "new events arrived");
        assertTrue(delivery(ohtop).endsWith("  live"), "live: " + ohtop.line(2));
    }

    private List<String> heldIds() {
        TailSnapshot held = ((EventsView) ohtop.app.front()).held();
        return IntStream.range(0, held.size()).mapToObj(i -> held.get(i).id()).toList();
    }

    private List<String> serverIds() {
        return ohtop.demo.world().events(running.id()).stream()
                .map(e -> e.get("id").asText())
                .toList();
    }
}

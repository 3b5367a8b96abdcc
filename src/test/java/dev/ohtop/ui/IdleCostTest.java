package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What ohtop costs while nothing changes, counted rather than timed so that a slow machine
 * cannot fail it: requests per refresh (the design's budget: at most 3 for the list whatever
 * the number of conversations, 1 per open tail) and the bytes a real terminal is sent per
 * refresh (under 100). The demo world's clock stands still; ohtop's own clock moves on, with
 * its polls at the app's 3 s refresh.
 */
@Tag("performance")
@DisplayName("Idle cost, counted")
class IdleCostTest {
    private static final Duration REFRESH = Duration.ofSeconds(3);
    private static final int REFRESHES = 10;
    private static final String LIST = "GET /api/v1/app-conversations/search";
    private static final String SANDBOXES = "GET /api/v1/sandboxes/search";

    private final DemoProxy proxy = new DemoProxy();
    private DemoServer demo;
    private VirtualOhtop ohtop;

    private void start(int conversations) throws IOException {
        Instant worldTime = ManualClock.atDemoStart().instant();
        demo = proxy.startDemo(DemoConfig.defaults()
                .withClock(Clock.fixed(worldTime, ZoneOffset.UTC))
                .withConversationCount(conversations));
        // An hour after the world stood still, as when watching a quiet account: ages read in hours.
        ohtop = VirtualOhtop.on(
                demo.appServerUrl(),
                demo.apiKey(),
                VirtualOhtop.Setup.defaults()
                        .refresh(REFRESH)
                        .clock(new ManualClock(worldTime.plus(Duration.ofHours(1))))
                        .pollingOnTheClock());
        ohtop.untilPollsDone().untilShows(conversations + " total");
        ohtop.pass(REFRESH); // the account and the first refreshes behind us
    }

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    /** Requests by route ("GET /api/v1/sandboxes/search" = 10) over {@code span} of idle watching. */
    private Map<String, Long> requestsOver(Duration span) {
        return ohtop.passNoting(span, proxy.requests()).stream()
                .map(s -> s.request().route())
                .collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
    }

    @ParameterizedTest(name = "{0} conversations")
    @ValueSource(ints = {30, 300})
    void theListAsksTwiceARefreshWhateverTheNumberOfConversations(int conversations, TestReporter reporter)
            throws IOException {
        start(conversations);

        Map<String, Long> asked = requestsOver(REFRESH.multipliedBy(REFRESHES));

        // The newest page of conversations, and the sandboxes behind them in one batch.
        assertEquals(Map.of(LIST, (long) REFRESHES, SANDBOXES, (long) REFRESHES), asked, "by route");
        reporter.publishEntry("seen", conversations + " conversations: " + asked + " in " + REFRESHES + " refreshes");
    }

    @Test
    void anOpenTailAsksOnceARefreshWhenItMustPoll(TestReporter reporter) throws IOException {
        start(30);
        // Behind a proxy that does not pass WebSockets: a live tail asks nothing (LiveTailCostTest).
        proxy.faults().always(Fault.upgradeRefused(403), FaultSwitch.Target.AGENT);
        ConversationSnapshot busy = demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING)
                .findFirst()
                .orElseThrow();
        ohtop.selectConversation(busy.id());
        ohtop.press(Action.OPEN).until("the events screen", o -> o.app.front() instanceof EventsView);
        for (int i = 0; i < 5 && !ohtop.eventsCaughtUp(); i++) {
            ohtop.pass(REFRESH);
        }
        assertTrue(ohtop.eventsCaughtUp(), ohtop.text());
        ohtop.pass(Duration.ofSeconds(30)); // past the tail's first recount

        Map<String, Long> asked = requestsOver(REFRESH.multipliedBy(REFRESHES));

        String search = "GET /api/v1/conversation/{id}/events/search";
        assertEquals(REFRESHES, asked.getOrDefault(search, 0L), "one search per refresh: " + asked);
        assertTrue(
                asked.getOrDefault("GET /api/v1/conversation/{id}/events/count", 0L) <= 1,
                "the total recounted at most every 30 s: " + asked);
        long listBehind = asked.getOrDefault(LIST, 0L);
        assertTrue(listBehind <= REFRESHES / 5 + 1, "the list behind refreshes five times slower: " + asked);
        reporter.publishEntry("seen", "events screen open: " + asked + " in " + REFRESHES + " refreshes");
    }

    @Test
    void aRefreshThatChangesNothingSendsTheTerminalUnderOneHundredBytes(TestReporter reporter) throws IOException {
        start(100);
        long before = ohtop.terminalBytes();
        long frames = ohtop.framesDrawn();

        for (int second = 0; second < REFRESH.toSeconds() * REFRESHES; second++) {
            ohtop.pass(Duration.ofSeconds(1)); // a frame each second, as the relative times tick
        }

        long perRefresh = (ohtop.terminalBytes() - before) / REFRESHES;
        assertTrue(ohtop.framesDrawn() > frames + REFRESHES, "frames were drawn: the relative times tick");
        assertTrue(perRefresh < 100, perRefresh + " bytes per refresh");
        reporter.publishEntry(
                "seen",
                perRefresh + " bytes per idle refresh on the list of 100 (budget 100), over "
                        + (ohtop.framesDrawn() - frames) + " frames");
    }
}

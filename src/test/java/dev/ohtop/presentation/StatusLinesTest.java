package dev.ohtop.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ohtop.monitor.Freshness;
import dev.ohtop.monitor.LiveEvents;
import dev.ohtop.monitor.PollerStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusLinesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static PollerStatus poller(Instant nextRunAt) {
        return new PollerStatus("conversations", false, null, null, 0, Duration.ofSeconds(5), nextRunAt);
    }

    @Test
    void aListSaysConnectingThenHowLongAgoItWasRefreshed() {
        assertEquals("connecting…", StatusLines.refresh(Freshness.NEVER, poller(null), NOW));
        assertEquals(
                "refreshed 12s ago", StatusLines.refresh(new Freshness(NOW.minusSeconds(12), null), poller(null), NOW));
    }

    @Test
    void aFailingPollSaysHowOldTheDataShownIsAndWhenItRetriesBeforeTheProblem() {
        Freshness failing = new Freshness(NOW.minusSeconds(180), "HTTP 503 from the app server");
        assertEquals(
                "⚠ showing data from 3m ago, retrying in 8s: HTTP 503 from the app server",
                StatusLines.refresh(failing, poller(NOW.plusSeconds(8)), NOW));
        assertEquals(
                "⚠ no data yet: timed out", StatusLines.refresh(new Freshness(null, "timed out"), poller(null), NOW));
    }

    @Test
    void anEventTailSaysFetchingThenHowLongAgoItWasUpdated() {
        assertEquals("fetching events…", StatusLines.events(Freshness.NEVER, poller(null), NOW));
        assertEquals("updated 4s ago", StatusLines.events(new Freshness(NOW.minusSeconds(4), null), poller(null), NOW));
        assertEquals(
                "⚠ showing data from 4s ago: gone",
                StatusLines.events(new Freshness(NOW.minusSeconds(4), "gone"), poller(null), NOW));
    }

    private static LiveEvents.Status live(LiveEvents.Mode mode, boolean again, String problem) {
        return new LiveEvents.Status(mode, again, Duration.ofSeconds(3), problem, null);
    }

    @Test
    void aTailSaysHowItGetsItsEventsInWords() {
        assertEquals("live", StatusLines.delivery(live(LiveEvents.Mode.LIVE, false, null)));
        assertEquals("polling 3s", StatusLines.delivery(live(LiveEvents.Mode.POLLING, true, "refused")));
    }

    @Test
    void aTailWhoseSocketIsDownSaysWhyAfterHowFreshItIs() {
        assertEquals(
                "updated 1s ago · not live: the agent server refused the session key",
                StatusLines.events(
                        new Freshness(NOW.minusSeconds(1), null),
                        poller(null),
                        live(LiveEvents.Mode.POLLING, true, "the agent server refused the session key"),
                        NOW));
    }

    @Test
    void aLiveTailSaysLiveWithoutAnAgeThatWouldTickForNothing() {
        assertEquals(
                "live",
                StatusLines.events(
                        new Freshness(NOW.minusSeconds(4), null),
                        poller(null),
                        live(LiveEvents.Mode.LIVE, true, null),
                        NOW));
        assertEquals(
                "fetching events…",
                StatusLines.events(
                        new Freshness(null, null), poller(null), live(LiveEvents.Mode.LIVE, false, null), NOW));
    }

    @Test
    void aSocketBeingMadeSaysConnectingTheFirstTimeAndReconnectingAfter() {
        assertEquals("connecting", StatusLines.delivery(live(LiveEvents.Mode.CONNECTING, false, null)));
        assertEquals("reconnecting", StatusLines.delivery(live(LiveEvents.Mode.CONNECTING, true, "lost")));
    }
}

package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.api.events.Event;
import dev.ohtop.testing.ClockScheduler;
import dev.ohtop.testing.ManualClock;
import dev.ohtop.testing.SocketServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event tail kept live by its agent server's socket (a test server we drive) with REST (an
 * in-memory feed that counts its requests) as the fallback, on a clock the test moves.
 */
class LiveEventsTest {
    static final String KEY = "sess-first-0123456789abcdef";

    private final ManualClock clock = ManualClock.atDemoStart();
    private ClockScheduler scheduler;
    private SocketServer server;
    private ListFeed feed;
    private EventTail tail;
    private Address address;
    private LiveEvents live;
    private final AtomicInteger changes = new AtomicInteger();

    /** The agent server's address, as a test decides it; counts look-ups and forgets. */
    final class Address implements AgentServerAddress {
        volatile String key = KEY;
        volatile IOException failure;
        final AtomicInteger lookups = new AtomicInteger();
        final AtomicInteger forgets = new AtomicInteger();

        @Override
        public AgentEndpoint endpoint() throws IOException {
            lookups.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return new AgentEndpoint(server.httpUrl(), Credential.sessionKey(key));
        }

        @Override
        public void forget() {
            forgets.incrementAndGet();
        }
    }

    @BeforeEach
    void start() throws Exception {
        scheduler = new ClockScheduler(clock, 2);
        server = new SocketServer().started();
        feed = new ListFeed().add(5);
        tail = new EventTail("c1", feed, clock);
        address = new Address();
        ClientOptions options = new ClientOptions(
                Duration.ofSeconds(5), Duration.ofSeconds(5), RetryPolicy.standard(), false, 64 * 1024);
        live = new LiveEvents(
                tail,
                address,
                HttpCore.newHttpClient(options),
                options,
                Duration.ofSeconds(3),
                scheduler,
                clock,
                () -> 0.5,
                changes::incrementAndGet);
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
        scheduler.shutdownNow();
        server.close();
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never " + what);
            }
            Thread.sleep(5);
        }
    }

    private List<String> heldIds() {
        TailSnapshot snap = tail.snapshot();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < snap.size(); i++) {
            ids.add(snap.get(i).id());
        }
        return ids;
    }

    private static String frame(Event event) {
        return event.info().raw().text();
    }

    private static String encoded(String timestamp) {
        return URLEncoder.encode(timestamp, StandardCharsets.UTF_8);
    }

    /** The first REST poll, the socket it opens, and a first frame: live. */
    private SocketServer.Connection goLive() throws Exception {
        live.poll();
        SocketServer.Connection c = server.nextConnection(Duration.ofSeconds(5));
        c.nextFrame(); // the auth frame
        c.send(frame(feed.events.get(feed.events.size() - 1))); // the resend of the newest held: dropped
        await("live", () -> live.status().mode() == LiveEvents.Mode.LIVE);
        return c;
    }

    @Test
    void afterTheFirstPollTheSocketAsksSinceTheNewestHeldAndAuthenticatesInItsFirstFrame() throws Exception {
        live.poll();

        SocketServer.Connection c = server.nextConnection(Duration.ofSeconds(5));
        assertEquals(
                "/sockets/events/c1?resend_mode=since&after_timestamp="
                        + encoded(feed.events.get(4).timestamp()),
                c.resource);
        assertEquals("{\"type\":\"auth\",\"session_api_key\":\"" + KEY + "\"}", c.nextFrame());
        assertEquals(LiveEvents.Mode.CONNECTING, live.status().mode(), "not live before the server says anything");
    }

    @Test
    void pushedEventsJoinTheTailOnceInOrderAndTheTotalGrowsWithoutAsking() throws Exception {
        SocketServer.Connection c = goLive();
        int countsBefore = feed.counts;
        feed.add(2);

        c.send(frame(feed.events.get(5)));
        c.send(frame(feed.events.get(5))); // again: a resend must not show it twice
        c.send(frame(feed.events.get(6)));

        await("7 events held", () -> tail.snapshot().size() == 7);
        assertEquals(List.of("ev-0", "ev-1", "ev-2", "ev-3", "ev-4", "ev-5", "ev-6"), heldIds());
        assertEquals(7, tail.snapshot().serverCount());
        assertEquals(countsBefore, feed.counts, "no count request while live");
    }

    @Test
    void theConnectionsOwnStateSnapshotIsNotHeld() throws Exception {
        SocketServer.Connection c = goLive();

        c.send(
                "{\"kind\":\"ConversationStateUpdateEvent\",\"id\":\"fs-1\",\"timestamp\":\"2026-11-27T10:00:00.010000\","
                        + "\"source\":\"environment\",\"key\":\"full_state\",\"value\":{}}");
        c.send(frame(feed.add(1).events.get(5)));

        await("ev-5 held", () -> heldIds().contains("ev-5"));
        assertEquals(-1, tail.snapshot().indexOf("fs-1"));
    }

    @Test
    void anOpenLiveTailCostsNoRequestInAnIdleMinute() throws Exception {
        // The demo has no socket yet (another branch adds it), so REST is counted at the feed.
        Poller poller = new Poller("events", live::poll, Duration.ofSeconds(3), scheduler, clock);
        poller.start();
        await("live", () -> !server.connections.isEmpty());
        SocketServer.Connection c = server.connections.get(0);
        c.nextFrame();
        c.send(frame(feed.events.get(4)));
        await("live", () -> live.status().mode() == LiveEvents.Mode.LIVE);
        int searches = feed.searches.size();
        int counts = feed.counts;

        for (int s = 0; s < 60; s++) {
            clock.advanceSeconds(1);
            Thread.sleep(2);
        }
        await("quiet", scheduler::quiet);

        assertEquals(searches, feed.searches.size(), "searches in an idle live minute: " + feed.searches);
        assertEquals(counts, feed.counts, "counts in an idle live minute");
        assertEquals(LiveEvents.Mode.LIVE, live.status().mode(), "the pings kept it live");
        poller.close();
    }

    @Test
    void aLostSocketFallsBackToPollingAndTheReconnectAsksSinceTheNewestHeldWithoutDuplicates() throws Exception {
        SocketServer.Connection first = goLive();
        feed.add(1);
        first.send(frame(feed.events.get(5)));
        await("ev-5", () -> heldIds().contains("ev-5"));

        first.close(1011);
        await("polling", () -> live.status().mode() == LiveEvents.Mode.POLLING);
        assertEquals(
                "the live connection was lost (close code 1011)", live.status().problem());
        feed.add(1); // ev-6 comes while the socket is down: the REST poll brings it
        int searches = feed.searches.size();
        live.poll();
        assertTrue(feed.searches.size() > searches, "polling over REST again");
        assertTrue(heldIds().contains("ev-6"));
        clock.advance(Duration.ofMillis(1250)); // the first backoff: 1 s, jitter 1.0

        SocketServer.Connection second = server.nextConnection(Duration.ofSeconds(5));
        assertEquals(
                "/sockets/events/c1?resend_mode=since&after_timestamp="
                        + encoded(feed.events.get(6).timestamp()),
                second.resource);
        second.nextFrame();
        feed.add(1);
        second.send(frame(feed.events.get(6))); // the resend starts at the newest held
        second.send(frame(feed.events.get(7)));
        await("ev-7", () -> heldIds().contains("ev-7"));
        assertEquals(List.of("ev-0", "ev-1", "ev-2", "ev-3", "ev-4", "ev-5", "ev-6", "ev-7"), heldIds());
        assertEquals(LiveEvents.Mode.LIVE, live.status().mode());
        assertTrue(live.status().again());
    }

    @Test
    void aSocketCutDuringItsResendAsksFromTheSameTimestampAgainSoNothingItSkippedIsLost() throws Exception {
        SocketServer.Connection first = goLive(); // asked since ev-4
        feed.add(2);
        first.send(frame(feed.events.get(6))); // a live event overtakes the resend of ev-5 ...
        await("ev-6", () -> heldIds().contains("ev-6"));

        first.close(1011); // ... and the socket goes before ev-5 came
        await("polling", () -> live.status().mode() == LiveEvents.Mode.POLLING);
        clock.advance(Duration.ofMillis(1250));

        SocketServer.Connection second = server.nextConnection(Duration.ofSeconds(5));
        assertEquals(
                "/sockets/events/c1?resend_mode=since&after_timestamp="
                        + encoded(feed.events.get(4).timestamp()),
                second.resource);
        second.nextFrame();
        second.send(frame(feed.events.get(4)));
        second.send(frame(feed.events.get(5)));
        second.send(frame(feed.events.get(6)));
        await("ev-5", () -> heldIds().contains("ev-5"));
        assertEquals(7, heldIds().size());
    }

    @Test
    void aRefusedKeyLooksTheAgentServerUpAgainAndTheNewKeyIsSent() throws Exception {
        SocketServer.Connection first = goLive();
        assertEquals(0, address.forgets.get());
        address.key = "sess-after-resume-9876543210";

        first.close(4001);
        await("polling", () -> live.status().mode() == LiveEvents.Mode.POLLING);
        assertEquals("the agent server refused the session key", live.status().problem());
        clock.advance(Duration.ofMillis(1250));

        SocketServer.Connection second = server.nextConnection(Duration.ofSeconds(5));
        assertEquals(1, address.forgets.get());
        assertEquals("{\"type\":\"auth\",\"session_api_key\":\"sess-after-resume-9876543210\"}", second.nextFrame());
    }

    @Test
    void aSocketThatStallsWithoutClosingIsDroppedAndMadeAnew() throws Exception {
        goLive();
        server.mute(true); // no pongs, no frames; the connection stays open

        clock.advanceSeconds(15); // a ping, unanswered
        Thread.sleep(50);
        assertEquals(LiveEvents.Mode.LIVE, live.status().mode(), "not yet: 15 s of silence");
        clock.advanceSeconds(15);
        await("dropped", () -> live.status().mode() != LiveEvents.Mode.LIVE);
        assertEquals(
                "nothing heard from the agent server for 30 s: reconnecting",
                live.status().problem());
        server.mute(false);
        clock.advance(Duration.ofMillis(1250));

        server.nextConnection(Duration.ofSeconds(5));
        assertEquals(2, server.connections.size());
    }

    @Test
    void aHugeFrameGivesTheSocketUpAndRestCatchesUp() throws Exception {
        SocketServer.Connection c = goLive();

        c.sendInParts("{\"kind\":\"MessageEvent\",\"id\":\"huge\",\"x\":\"" + "y".repeat(200_000) + "\"}", 8192);

        await("polling", () -> live.status().mode() == LiveEvents.Mode.POLLING);
        assertTrue(
                live.status().problem().startsWith("a live event was larger than"),
                live.status().problem());
        feed.add(1);
        live.poll();
        assertTrue(heldIds().contains("ev-5"), "REST brought what the socket could not");
    }

    @Test
    void aPausedSandboxMeansPollingAndAnotherTryLaterWithBackoff() throws Exception {
        address.failure = new SandboxNotReadyException(new AgentServerLocation.SandboxPaused("sb-1"));

        live.poll();
        await("tried", () -> address.lookups.get() == 1 && live.status().retryAt() != null);
        assertEquals(LiveEvents.Mode.POLLING, live.status().mode());
        assertEquals(
                "the sandbox sb-1 is paused: resume it first", live.status().problem());
        assertEquals(
                Duration.ofSeconds(1),
                Duration.between(clock.instant(), live.status().retryAt()));

        clock.advanceSeconds(1);
        await("tried again", () -> address.lookups.get() == 2 && live.status().retryAt() != null);
        assertEquals(
                Duration.ofSeconds(2),
                Duration.between(clock.instant(), live.status().retryAt()));
        address.failure = null;
        clock.advanceSeconds(2);
        server.nextConnection(Duration.ofSeconds(5));
    }

    @Test
    void theWaitBetweenTriesDoublesToAMinuteAtMost() throws Exception {
        address.failure = new IOException("down");
        live.poll();
        List<Long> waits = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            int tries = i;
            await(
                    "try " + i,
                    () -> address.lookups.get() == tries && live.status().retryAt() != null);
            Duration wait = Duration.between(clock.instant(), live.status().retryAt());
            waits.add(wait.toSeconds());
            clock.advance(wait);
        }

        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L), waits);
    }

    @Test
    void behindAnotherScreenTheSocketIsClosedAndInFrontItIsMadeAgain() throws Exception {
        SocketServer.Connection c = goLive();

        live.pause();
        assertTrue(c.closed.await(5, java.util.concurrent.TimeUnit.SECONDS), "closed while hidden");
        assertEquals(LiveEvents.Mode.POLLING, live.status().mode());
        assertNull(live.status().problem(), "closing it ourselves is no problem");
        live.resume();

        server.nextConnection(Duration.ofSeconds(5));
    }
}

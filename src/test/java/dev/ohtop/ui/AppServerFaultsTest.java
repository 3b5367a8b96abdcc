package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.ClientOptions;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultRule;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.demo.ServerRole;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.TailSnapshot;
import dev.ohtop.presentation.Ages;
import dev.ohtop.testing.ManualClock;
import dev.ohtop.ui.VirtualOhtop.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The app server failing in every way the demo can, while ohtop watches: the rows stay, one
 * status line says what is wrong and how old the data is, nothing crashes, and the next good
 * answer brings everything back, the event tail without a gap or a duplicate.
 *
 * <p>ohtop runs as the app does (its 3 s refresh, its client with retries inside a call) except
 * for two things: its polls happen on the manual clock, so a minute of backoff passes in the time
 * its requests take and each request is noted with the instant it was sent; and its request
 * timeout is 2 s instead of 30 s, so a server that answers after 20 s is given up on in test time.
 */
@Tag("reliability")
@DisplayName("App server faults")
class AppServerFaultsTest {
    /** The app's default refresh. */
    private static final Duration REFRESH = Duration.ofSeconds(3);
    /** The list refreshes five times slower behind the events screen. */
    private static final Duration LIST_BEHIND = REFRESH.multipliedBy(5);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final String LIST = "GET /api/v1/app-conversations/search";

    private VirtualOhtop ohtop;

    static VirtualOhtop.Setup asTheAppRuns() {
        return VirtualOhtop.Setup.defaults()
                .refresh(REFRESH)
                .pollingOnTheClock()
                .client(ClientOptions.defaults().withRequestTimeout(REQUEST_TIMEOUT));
    }

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo(asTheAppRuns());
        ohtop.untilPollsDone()
                .untilShows("30 total")
                .untilShows("refreshed 0s ago")
                .untilShows("demo@ohtop.dev");
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    // ---- one fault, one line ----------------------------------------------------------------

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("500", Fault.serverError(), "HTTP 500: Internal Server Error", 1),
                Arguments.of("502", Fault.status(502), "HTTP 502: bad gateway", 1),
                Arguments.of("503", Fault.status(503), "HTTP 503: service unavailable", 1),
                Arguments.of("504", Fault.status(504), "HTTP 504: gateway timeout", 1),
                Arguments.of(
                        "a slow server (answers after 20 s)",
                        Fault.latency(Duration.ofSeconds(20)),
                        "timed out: no answer within 2 s",
                        1),
                Arguments.of(
                        "a body that stalls after its headers",
                        Fault.throttled(1),
                        "timed out: the answer stopped half-way",
                        1),
                Arguments.of(
                        "a body cut off half-way",
                        Fault.truncatedBody(),
                        "cannot reach server: the answer broke off half-way",
                        1),
                Arguments.of(
                        "a 200 with HTML",
                        Fault.htmlBody(),
                        "bad response: expected JSON but the server sent an HTML page",
                        1),
                Arguments.of("a 200 with garbage", Fault.malformedJson(), "bad response: malformed JSON", 1),
                Arguments.of(
                        "a 200 of 10 MiB", Fault.hugeBody(), "bad response: response larger than 8 MiB; refused", 1),
                // The JDK itself sends a GET again, once, when the connection closes before any byte.
                Arguments.of("a dropped connection", Fault.droppedConnection(), "cannot reach server: 127.0.0.1:", 2));
    }

    @ParameterizedTest(name = "{0}: one clear status line, the rows kept, the next good answer used")
    @MethodSource("faults")
    void aFailingServerIsSaidOnceAndTheNextGoodAnswerIsUsed(
            String what, Fault fault, String said, int mostRequests, TestReporter reporter) {
        String firstRow = ohtop.line(3).substring(0, 40);
        FaultRule rule = ohtop.proxy.faults().always(fault, FaultSwitch.Target.APP);

        ohtop.pass(REFRESH);

        String status = ohtop.status().strip();
        reporter.publishEntry(ReliabilityReportKeys.SEEN, status);
        assertTrue(status.startsWith("⚠ showing data from 3s ago, retrying in 3s: " + said), status);
        assertEquals(1, ohtop.lines().stream().filter(l -> l.contains("⚠")).count(), "one line, not a cascade");
        assertTrue(ohtop.shows("30 total") && ohtop.line(3).startsWith(firstRow), "the rows stay:\n" + ohtop.text());
        assertTrue(ohtop.app.isOpen(), "nothing crashed");
        // Counted where the fault struck: the demo logs a request only once it is answered (a slow one, 20 s on).
        assertTrue(
                rule.hits() >= 1 && rule.hits() <= mostRequests,
                "one refresh tried, its request sent at most " + mostRequests + " time(s): " + rule.hits());

        ohtop.proxy.faults().clear();
        ohtop.pass(REFRESH);
        assertTrue(ohtop.status().contains("refreshed 0s ago"), "the next good answer is used: " + ohtop.status());
    }

    // ---- down at start-up -------------------------------------------------------------------

    @Test
    void aServerDownAtStartUpIsSaidRetriedAndTheListFillsInWhenItComesUp(TestReporter reporter) throws Exception {
        ManualClock clock = ManualClock.atDemoStart();
        DemoProxy proxy = new DemoProxy();
        try (DemoServer server = proxy.startDemo(DemoConfig.defaults().withClock(clock))) {
            proxy.faults().always(Fault.droppedConnection(), FaultSwitch.Target.APP);
            try (VirtualOhtop late = VirtualOhtop.on(
                    server.appServerUrl(), server.apiKey(), asTheAppRuns().clock(clock))) {
                List<Sent> down = late.passNoting(Duration.ofSeconds(30), proxy.requests());

                String status = late.status().strip();
                reporter.publishEntry(ReliabilityReportKeys.SEEN, status);
                assertTrue(
                        status.matches("⚠ no data yet, retrying in \\d+s: "
                                + "cannot reach server: 127\\.0\\.0\\.1:\\d+: the connection closed .+"),
                        status);
                assertTrue(
                        late.shows("nothing loaded yet") && late.app.isOpen(),
                        "ohtop started and waits:\n" + late.text());
                Map<Instant, Long> tries = attempts(down, LIST);
                assertBacksOff(tries, REFRESH);
                reporter.publishEntry(
                        ReliabilityReportKeys.SEEN, "30 s down: " + describe("the list", tries) + "; " + JDK_RESENDS);

                proxy.faults().clear();
                late.passToNextPoll(); // at the end of the backoff step under way (at most 40 s after 30 s down)
                assertTrue(late.shows("30 total") && late.status().contains("refreshed"), late.text());
                assertTrue(late.header().contains("demo@ohtop.dev"), "the account fills in too: " + late.header());
            }
        }
    }

    // ---- down for 30 s, mid-session ---------------------------------------------------------

    @Test
    void aServerThatDiesForThirtySecondsLeavesTheLastDataAndTheTailHasEveryEventOnceAfter(TestReporter reporter) {
        String id = openPolledEventsOfARunningConversation();
        List<String> before = heldIds();
        List<String> rowsBefore = eventRows();

        FaultRule down = ohtop.proxy.faults().always(Fault.droppedConnection(), FaultSwitch.Target.APP);
        List<Sent> outage = ohtop.passNoting(Duration.ofSeconds(30)); // the agent works on meanwhile
        // The screen ticks a second after its last frame, which may be a poll just before the end:
        // ask for the frame at the clock's time, whose age the assertions compare.
        ohtop.app.requestRedraw();
        ohtop.untilPollsDone();

        String status = ohtop.status().strip();
        reporter.publishEntry(ReliabilityReportKeys.SEEN, status);
        String age = Ages.since(
                ((EventsView) ohtop.app.front()).held().freshness().lastGood(),
                ohtop.clock().instant());
        assertEquals("30s", age, "the tail's last good poll was just before the outage");
        assertTrue(status.matches("⚠ showing data from 30s ago, retrying in \\d+s: cannot reach server: .+"), status);
        assertTrue(status.contains(": the connection closed"), status);
        assertEquals(rowsBefore, eventRows(), "the rows stay as they were");
        assertEquals(before, heldIds(), "and so does what is held");
        Map<Instant, Long> tail = attempts(outage, "GET /api/v1/conversation/" + id + "/events/search");
        Map<Instant, Long> list = attempts(outage, LIST);
        assertBacksOff(tail, REFRESH);
        assertBacksOff(list, LIST_BEHIND);
        // The tail also tries its live socket, on the agent server: the app server's outage is counted.
        List<Sent> ofTheAppServer = outage.stream()
                .filter(s -> s.request().server() == ServerRole.APP)
                .toList();
        assertEquals(ofTheAppServer.size(), sum(tail) + sum(list), "nothing else was asked: " + ofTheAppServer);
        String tries = "30 s down: " + describe("the tail", tail) + "; " + describe("the list behind it", list);

        ohtop.proxy.faults().remove(down);
        // The next try comes at the end of the backoff step under way; the clock then stands at that
        // poll, so what the server holds is what the tail could fetch.
        for (int i = 0; i < 10 && !(ohtop.eventsCaughtUp() && heldIds().equals(serverIds(id))); i++) {
            ohtop.passToNextPoll();
        }
        List<String> after = heldIds();
        assertEquals(serverIds(id), after, "every event once, in the server's order");
        assertEquals(before, after.subList(0, before.size()), "what was held before is still first");
        assertTrue(after.size() > before.size(), "the events made during the outage arrived");
        assertTrue(
                ohtop.line(1).contains(after.size() + "/" + after.size() + " events")
                        && ohtop.line(1).contains("dup obs 0"),
                ohtop.line(1));
        reporter.publishEntry(
                ReliabilityReportKeys.SEEN,
                ohtop.line(1).strip().replaceAll("\\s{2,}", "  ")
                        + " (= the server's " + after.size() + " event ids, in order; " + before.size()
                        + " before the outage)");
        reporter.publishEntry(ReliabilityReportKeys.SEEN, tries);
    }

    @Test
    void aLiveTailKeepsShowingTheAgentsNewEventsWhileTheAppServerIsDown(TestReporter reporter) {
        String id = openEventsOfARunningConversation();
        ohtop.until("the tail is live", o -> o.line(2).strip().endsWith("live"));
        List<String> before = heldIds();

        FaultRule down = ohtop.proxy.faults().always(Fault.droppedConnection(), FaultSwitch.Target.APP);
        List<Sent> outage = ohtop.passNoting(Duration.ofSeconds(30)); // the agent works on meanwhile
        List<String> made = serverIds(id); // reading the demo's world also makes it push what it made
        ohtop.until("the events made during the outage", o -> heldIds().equals(made));

        assertTrue(made.size() > before.size(), "the agent made events during the outage");
        assertEquals(before, made.subList(0, before.size()), "what was held before is still first");
        assertTrue(ohtop.line(2).strip().endsWith("live"), "still live: " + ohtop.line(2));
        assertTrue(
                attempts(outage, "GET /api/v1/conversation/" + id + "/events/search")
                        .isEmpty(),
                "a live tail asks the app server for nothing");
        reporter.publishEntry(
                ReliabilityReportKeys.SEEN,
                "30 s with the app server down: " + (made.size() - before.size())
                        + " new events arrived over the agent server's socket; "
                        + ohtop.line(1).strip().replaceAll("\\s{2,}", "  "));
        ohtop.proxy.faults().remove(down);
    }

    // ---- a storm of 429s --------------------------------------------------------------------

    @Test
    void aStormOfRateLimitAnswersIsWaitedOutAndTheMonitorStaysUnderOneHundredRequestsAMinute(TestReporter reporter) {
        int retryAfter = 7;
        String id = openPolledEventsOfARunningConversation();
        ohtop.proxy.faults().always(Fault.rateLimited(retryAfter), FaultSwitch.Target.APP);

        List<Sent> storm = ohtop.passNoting(REFRESH); // the tail has been told to wait by now
        ohtop.press(Action.REFRESH); // and the user asks again at once: still not before the time given
        storm.addAll(ohtop.passNoting(Duration.ofSeconds(60).minus(REFRESH)));

        String status = ohtop.status().strip();
        reporter.publishEntry(ReliabilityReportKeys.SEEN, status);
        assertTrue(status.contains("HTTP 429: Rate limit exceeded: 100 per 1 minute (retry after 7 s)"), status);
        for (String route : List.of(LIST, "GET /api/v1/conversation/" + id + "/events/search")) {
            List<Instant> at = new ArrayList<>(attempts(storm, route).keySet());
            assertTrue(at.size() >= 2, route + " was tried again: " + at);
            for (int i = 1; i < at.size(); i++) {
                assertTrue(
                        !at.get(i).isBefore(at.get(i - 1).plusSeconds(retryAfter)),
                        route + " was asked again before the " + retryAfter + " s it was given: " + at);
            }
        }
        assertTrue(
                storm.stream()
                        .filter(s -> s.request().server() == ServerRole.APP)
                        .allMatch(s -> s.request().status() == 429),
                "every request to the app server was answered 429 (the live socket tries the agent server)");
        assertTrue(storm.size() < 100, "under 100 requests in the minute of the storm: " + storm.size());

        ohtop.proxy.faults().clear();
        List<Sent> calm = ohtop.passNoting(Duration.ofSeconds(60));
        assertTrue(ohtop.eventsCaughtUp() && ohtop.status().strip().matches("live|updated \\d+s ago"), ohtop.status());
        assertTrue(calm.size() < 100, "under 100 requests in the minute after it: " + calm.size());
        reporter.publishEntry(
                ReliabilityReportKeys.SEEN,
                storm.size() + " requests in a minute of 429s with "
                        + "Retry-After: " + retryAfter + " (list behind the events screen, and the tail), none early; "
                        + calm.size() + " in the calm minute after (budget 100)");
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Opens the events of a conversation whose agent is at work, and waits until it has them all. */
    /**
     * As {@link #openEventsOfARunningConversation}, behind a proxy that does not pass WebSockets:
     * the tail polls the app server, whose failures these tests are about.
     */
    private String openPolledEventsOfARunningConversation() {
        ohtop.proxy.faults().always(Fault.upgradeRefused(403), FaultSwitch.Target.AGENT);
        return openEventsOfARunningConversation();
    }

    private String openEventsOfARunningConversation() {
        ConversationSnapshot running = ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING && "running".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow();
        ohtop.selectConversation(running.id());
        ohtop.press(Action.OPEN).until("the events screen", o -> o.app.front() instanceof EventsView);
        for (int i = 0; i < 10 && !ohtop.eventsCaughtUp(); i++) {
            ohtop.pass(REFRESH);
        }
        assertTrue(ohtop.eventsCaughtUp(), ohtop.text());
        ohtop.untilPollsDone();
        return running.id();
    }

    private List<String> heldIds() {
        TailSnapshot held = ((EventsView) ohtop.app.front()).held();
        return IntStream.range(0, held.size()).mapToObj(i -> held.get(i).id()).toList();
    }

    private List<String> serverIds(String conversationId) {
        return ohtop.demo.world().events(conversationId).stream()
                .map(e -> e.get("id").asText())
                .toList();
    }

    /** The event rows as drawn (between the two header rows and the status line). */
    private List<String> eventRows() {
        List<String> lines = ohtop.lines();
        return lines.subList(3, lines.size() - 2);
    }

    /** When {@code route} was tried, and how many requests each try sent (in the order tried). */
    private static Map<Instant, Long> attempts(List<Sent> sent, String route) {
        Map<Instant, Long> at = new LinkedHashMap<>();
        sent.stream().filter(s -> s.route().equals(route)).forEach(s -> at.merge(s.at(), 1L, Long::sum));
        return at;
    }

    /**
     * No more than one try per backoff step: after the k-th failure in a row the poller waits at
     * least the interval and 1 s * 2^(k-1) (capped at 60 s) less its jitter (a quarter). A try may
     * be two requests: the JDK sends a GET again, once, when the connection closes before any byte.
     */
    private static void assertBacksOff(Map<Instant, Long> attempts, Duration interval) {
        List<Instant> at = new ArrayList<>(attempts.keySet());
        assertTrue(at.size() >= 2, "it kept trying: " + attempts);
        for (int k = 1; k < at.size(); k++) {
            long backoffMillis = Math.min(60_000, 1000L << (k - 1)) * 3 / 4;
            Duration least = Duration.ofMillis(Math.max(interval.toMillis(), backoffMillis));
            Duration gap = Duration.between(at.get(k - 1), at.get(k));
            assertTrue(
                    gap.compareTo(least) >= 0,
                    "try " + (k + 1) + " came " + gap + " after the one before, "
                            + "within the backoff step of at least " + least + ": " + attempts);
        }
        attempts.values().forEach(n -> assertTrue(n <= 2, "a try sent " + n + " requests: " + attempts));
    }

    private static long sum(Map<Instant, Long> attempts) {
        return attempts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "the tail tried at 0.0, 3.0, 6.1 s, 6 requests": when, counted from the first try. */
    private static String describe(String what, Map<Instant, Long> attempts) {
        Instant first = attempts.keySet().iterator().next();
        List<String> at = attempts.keySet().stream()
                .map(t -> String.format(
                        Locale.ROOT, "%.1f", Duration.between(first, t).toMillis() / 1000.0))
                .toList();
        return what + " tried at " + String.join(", ", at) + " s, " + sum(attempts) + " requests";
    }

    private static final String JDK_RESENDS =
            "a try may be 2: the JDK sends a GET again, once, when its connection " + "closes before any byte";
}

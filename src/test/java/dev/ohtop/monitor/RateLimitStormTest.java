package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.demo.SeenRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The monitor's two pollers (the list and one open tail, 3 s apart as in the app) against a server
 * answering every request with 429 and Retry-After: 30 for a simulated minute, then recovering.
 */
@Tag("reliability")
@DisplayName("Rate limiting")
class RateLimitStormTest {
    private static final Duration REFRESH = Duration.ofSeconds(3);
    private DemoCloud demo;
    private ManualScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoCloud(100);
        scheduler = new ManualScheduler(demo.clock);
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    /** Runs what is due until the clock reaches {@code until}; returns when each request was sent. */
    private List<Instant> runUntil(Instant until) {
        List<Instant> sentAt = new ArrayList<>();
        while (!scheduler.pending().isEmpty()
                && !scheduler.pending().get(0).dueAt.isAfter(until)) {
            long mark = demo.proxy.requests().mark();
            scheduler.runNext();
            for (SeenRequest ignored : demo.proxy.requests().since(mark)) {
                sentAt.add(demo.clock.instant());
            }
        }
        return sentAt;
    }

    @Test
    void aStormOfRateLimitAnswersIsWaitedOutAndTheMonitorStaysFarUnderItsBudget(TestReporter reporter) {
        ConversationSnapshot running = demo.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING)
                .findFirst()
                .orElseThrow();
        ConversationBoard board = new ConversationBoard(demo.cloud, demo.clock);
        EventTail tail = new EventTail(running.id(), EventFeed.cloud(demo.cloud, running.id()), demo.clock);
        Poller list = new Poller("conversations", board::refresh, REFRESH, scheduler, demo.clock, () -> 0.5, () -> {});
        Poller events = new Poller("events", tail::poll, REFRESH, scheduler, demo.clock, () -> 0.5, () -> {});
        list.start();
        events.start();
        runUntil(demo.clock.instant().plusSeconds(10)); // a calm start: both have data

        demo.proxy.faults().always(Fault.rateLimited(30), FaultSwitch.Target.APP);
        Instant stormFrom = demo.clock.instant();
        List<Instant> sent = runUntil(stormFrom.plusSeconds(60));

        assertTrue(sent.size() < 100, "under 100 requests in the minute: " + sent.size());
        // Each poller asks at most once at the storm's start, then once per 30 s it was told to wait.
        assertTrue(sent.size() <= 2 * 3, "at most one request per poller per Retry-After: " + sent);
        for (int i = 0; i + 2 < sent.size(); i++) {
            assertTrue(
                    !sent.get(i + 2).isBefore(sent.get(i).plusSeconds(30)),
                    "no poller asked again before the 30 s it was given: " + sent);
        }
        String said = list.status().problem();
        assertTrue(said.contains("429") && events.status().problem().contains("429"), said);

        demo.proxy.faults().clear();
        runUntil(demo.clock.instant().plusSeconds(40));
        assertEquals(null, list.status().problem(), "the list recovered");
        assertEquals(null, events.status().problem(), "the tail recovered");
        reporter.publishEntry(
                "seen",
                sent.size() + " requests in a minute of 429s with Retry-After: 30 (budget 100); " + "the list said: "
                        + said);
    }
}

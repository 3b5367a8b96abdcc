package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.Page;
import dev.ohtop.api.events.Event;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An event tail against the demo app server, whose conversations move on with the manual clock. */
class EventTailDemoTest {
    private DemoCloud world;

    @BeforeEach
    void start() throws Exception {
        world = new DemoCloud(30);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private ConversationSnapshot running() {
        return world.demo.world().conversations().stream()
                .filter(c -> "running".equals(c.executionStatus()) && c.parentConversationId() == null)
                .findFirst()
                .orElseThrow();
    }

    private ConversationSnapshot finished() {
        return world.demo.world().conversations().stream()
                .filter(c -> "finished".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow();
    }

    private EventTail tail(String conversationId, int pageSize) {
        return new EventTail(
                conversationId,
                EventFeed.cloud(world.cloud, conversationId),
                world.clock,
                EventTail.Settings.defaults()
                        .withPageSize(pageSize)
                        .withMaxPagesPerPoll(100)
                        .withOlderPagesPerPoll(100));
    }

    private List<String> truthIds(String conversationId) {
        return world.demo.world().events(conversationId).stream()
                .map(e -> e.get("id").asText())
                .toList();
    }

    private static List<String> heldIds(TailSnapshot s) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            ids.add(s.get(i).id());
        }
        return ids;
    }

    @Test
    void eventsThatArriveOverSeveralPagesBetweenPollsAreAllFetchedWithNoGap() throws Exception {
        String id = running().id();
        EventTail tail = tail(id, 5);
        Tails.pollUntilCaughtUp(tail, 3);
        assertEquals(truthIds(id), heldIds(tail.snapshot()));
        int before = tail.snapshot().size();

        world.clock.advanceSeconds(90);
        world.markRequests();
        tail.poll();

        List<String> truth = truthIds(id);
        assertTrue(truth.size() > before + 10, "more than two pages arrived: " + (truth.size() - before));
        assertTrue(tail.snapshot().caughtUp());
        assertTrue(truth.equals(heldIds(tail.snapshot())), "every event once, in order");
        long searches = world.requestsSinceMark().stream()
                .filter(r -> r.contains("/events/search"))
                .count();
        assertTrue(searches >= 3, "followed next_page_id: " + world.requestsSinceMark());
        assertTrue(
                world.requestsSinceMark().get(0).contains("timestamp__gte="),
                "resumed from the newest timestamp held: "
                        + world.requestsSinceMark().get(0));
        assertEquals(truth.size(), tail.snapshot().serverCount());
    }

    @Test
    void aPollRetriedAfterAConnectionDropsMidWayDuplicatesNothing() throws Exception {
        String id = running().id();
        AtomicInteger searches = new AtomicInteger();
        EventFeed real = EventFeed.cloud(world.cloud, id);
        EventFeed dropsTheSecondSearch = new EventFeed() {
            private void dropTheSecond() {
                if (searches.incrementAndGet() == 2) {
                    // Two: the JDK client quietly retries a GET once when the connection drops.
                    world.proxy.faults().next(2, Fault.droppedConnection(), Target.APP);
                }
            }

            @Override
            public Page<Event> search(String since, String pageId, int limit) throws ApiException {
                dropTheSecond();
                return real.search(since, pageId, limit);
            }

            @Override
            public Page<Event> searchNewestFirst(String pageId, int limit) throws ApiException {
                dropTheSecond();
                return real.searchNewestFirst(pageId, limit);
            }

            @Override
            public int count() throws ApiException {
                return real.count();
            }
        };
        world.clock.advanceSeconds(60);
        EventTail tail = new EventTail(
                id,
                dropsTheSecondSearch,
                world.clock,
                EventTail.Settings.defaults()
                        .withPageSize(5)
                        .withMaxPagesPerPoll(100)
                        .withOlderPagesPerPoll(100));

        tail.poll();
        assertEquals(5, tail.snapshot().size(), "the newest page first");
        world.clock.advanceSeconds(10);
        assertThrows(ApiException.class, tail::poll);
        assertEquals(5, tail.snapshot().size(), "the newest page is kept");
        assertTrue(
                tail.snapshot().problem().contains("cannot reach server"),
                tail.snapshot().problem());
        tail.poll();

        List<String> held = heldIds(tail.snapshot());
        assertTrue(truthIds(id).equals(held), "every event once, in order");
        assertEquals(held.size(), new HashSet<>(held).size(), "no event twice");
        assertNull(tail.snapshot().problem());
    }

    @Test
    void aPollThatFailsBeforeAnyAnswerIsRetriedWithoutDuplicates() throws Exception {
        String id = running().id();
        EventTail tail = tail(id, 100);
        Tails.pollUntilCaughtUp(tail, 3);
        world.clock.advanceSeconds(20);

        // Each failed poll takes two drops: the JDK client quietly retries a GET once.
        world.proxy.faults().next(4, Fault.droppedConnection(), Target.APP);
        assertThrows(ApiException.class, tail::poll);
        assertThrows(ApiException.class, tail::poll);
        assertTrue(tail.snapshot().stale(), "events kept, marked stale");
        tail.poll();

        List<String> held = heldIds(tail.snapshot());
        assertTrue(truthIds(id).equals(held), "every event once, in order");
        assertEquals(held.size(), new HashSet<>(held).size());
        assertFalse(tail.snapshot().stale());
    }

    @Test
    void anIdleTailCostsOneRequestPerPollAndCountsAgainEveryHalfMinute() throws Exception {
        String id = finished().id();
        EventTail tail = tail(id, 100);
        Tails.pollUntilCaughtUp(tail, 3);
        assertEquals(truthIds(id).size(), tail.snapshot().serverCount());

        world.clock.advanceSeconds(3);
        world.markRequests();
        tail.poll();
        List<String> idle = world.requestsSinceMark();
        assertEquals(1, idle.size(), idle.toString());
        assertTrue(idle.get(0).contains("/events/search"), idle.toString());

        world.clock.advanceSeconds(30);
        world.markRequests();
        tail.poll();
        assertEquals(
                2, world.requestsSinceMark().size(), "search, then the count it is due: " + world.requestsSinceMark());
    }

    @Test
    void theCountIsAskedAfterAPollThatBroughtNewEvents() throws Exception {
        String id = running().id();
        EventTail tail = tail(id, 100);
        Tails.pollUntilCaughtUp(tail, 3);

        world.clock.advanceSeconds(10);
        world.markRequests();
        tail.poll();

        List<String> requests = world.requestsSinceMark();
        assertEquals(2, requests.size(), requests.toString());
        assertTrue(requests.get(1).contains("/events/count"), requests.toString());
        assertEquals(truthIds(id).size(), tail.snapshot().serverCount());
    }

    @Test
    void inTheDemoAFailedToolCallIsPairedWithItsAgentErrorAndOnlyTheLatestActionWaits() throws Exception {
        String id = running().id();
        EventTail tail = tail(id, 100);
        world.clock.advanceSeconds(120);
        Tails.pollUntilCaughtUp(tail, 3);

        TailSnapshot s = tail.snapshot();
        int errors = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i).kind().equals("AgentErrorEvent")) {
                errors++;
                int action = s.pairIndexOf(i);
                assertTrue(
                        action >= 0 && action < i,
                        "paired with an earlier action: " + s.get(i).summary());
                assertEquals("ActionEvent", s.get(action).kind());
            }
        }
        assertTrue(errors > 0, "the demo fails a tool call on the third turn");
        assertTrue(s.unmatchedActions() <= 1, "unmatched: " + s.unmatchedActions());
        assertEquals(0, s.duplicateObservations());
    }

    @Test
    void theTailSeesTheDemosKindsSourcesAndErrors() throws Exception {
        String id = running().id();
        EventTail tail = tail(id, 100);
        world.clock.advanceSeconds(120);
        Tails.pollUntilCaughtUp(tail, 3);

        TailSnapshot s = tail.snapshot();
        List<JsonNode> truth = world.demo.world().events(id);
        assertEquals(
                truth.stream()
                        .map(e -> e.get("kind").asText())
                        .distinct()
                        .sorted()
                        .toList(),
                s.kindsSeen());
        assertEquals(
                truth.stream()
                        .map(e -> e.get("source").asText())
                        .distinct()
                        .sorted()
                        .toList(),
                s.sourcesSeen());
        assertTrue(s.kindsSeen().contains("ActionEvent"));
        assertNotNull(s.polledAt());
        assertTrue(s.caughtUp());
    }
}

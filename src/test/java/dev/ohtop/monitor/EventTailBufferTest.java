package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.events.RawJson;
import dev.ohtop.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tail's buffer, cursor and snapshots, against an in-memory conversation. */
class EventTailBufferTest {
    private final ManualClock clock = ManualClock.atDemoStart();
    private final ListFeed feed = new ListFeed();

    private EventTail tail(EventTail.Settings settings) {
        return new EventTail("conv-1", feed, clock, settings);
    }

    private static List<String> ids(TailSnapshot s) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            ids.add(s.get(i).id());
        }
        return ids;
    }

    @Test
    void theNewestEventsComeFirstAndOlderOnesFillInAboveThemAFewPagesPerPoll() throws Exception {
        feed.add(950);
        EventTail tail = tail(EventTail.Settings.defaults().withOlderPagesPerPoll(4));

        tail.poll();
        assertEquals(100, tail.snapshot().size(), "one page at first");
        assertEquals("ev-850", tail.snapshot().get(0).id());
        assertEquals("ev-949", tail.snapshot().get(99).id(), "the newest event at once");
        assertFalse(tail.snapshot().caughtUp());
        assertEquals(List.of("newest-first page=null"), feed.searches);

        tail.poll();
        assertEquals(500, tail.snapshot().size(), "four older pages in the next poll");
        assertEquals("ev-450", tail.snapshot().get(0).id());
        assertEquals(2, Tails.pollUntilCaughtUp(tail, 5), "two more polls");

        assertEquals(950, tail.snapshot().size());
        assertEquals(
                feed.events.stream().map(e -> e.id()).toList(), ids(tail.snapshot()), "every event once, in order");
        assertEquals(1, feed.counts, "older events do not change the server's total: counted once");
        List<String> older =
                feed.searches.stream().filter(q -> q.startsWith("newest-first")).toList();
        assertEquals(10, older.size(), "each page asked once: " + older);
        assertEquals(10, older.stream().distinct().count(), "each page asked once: " + older);
    }

    @Test
    void anObservationFetchedBeforeItsActionIsPairedWhenTheActionArrives() throws Exception {
        feed.add(12); // ev-7 is an action, ev-8 its observation: newest-first pages of 4 split them
        EventTail tail = tail(EventTail.Settings.defaults().withPageSize(4).withOlderPagesPerPoll(1));

        tail.poll();
        TailSnapshot newestPage = tail.snapshot();
        assertEquals(-1, newestPage.indexOf("ev-7"));
        assertEquals(-1, newestPage.pairIndexOf(newestPage.indexOf("ev-8")), "its action is not held yet");

        Tails.pollUntilCaughtUp(tail, 3);
        TailSnapshot s = tail.snapshot();
        assertEquals(s.indexOf("ev-8"), s.pairIndexOf(s.indexOf("ev-7")));
        assertEquals(s.indexOf("ev-7"), s.pairIndexOf(s.indexOf("ev-8")));
        assertEquals(s.indexOf("ev-2"), s.pairIndexOf(s.indexOf("ev-1")));
        assertEquals(0, s.unmatchedActions(), "every action answered, whatever the order they came in");
        assertEquals(0, s.duplicateObservations());
    }

    @Test
    void olderEventsStopAtTheByteBudgetAndTheOldestMakeWayForNewOnes() throws Exception {
        feed.add(120, 10_000); // about 10 KB each: a budget of 200 KB holds about twenty
        EventTail tail = tail(EventTail.Settings.defaults()
                .withByteBudget(200_000)
                .withPageSize(10)
                .withMaxPagesPerPoll(100)
                .withOlderPagesPerPoll(100));

        Tails.pollUntilCaughtUp(tail, 3);

        TailSnapshot s = tail.snapshot();
        int held = s.size();
        assertTrue(held >= 15 && held <= 25, "about twenty held: " + held);
        assertEquals("ev-119", s.get(held - 1).id(), "the newest kept");
        assertTrue(s.olderNotHeld(), "the screen can say older events were not loaded");
        assertEquals(0, s.dropped());

        feed.add(10, 10_000);
        tail.poll();
        TailSnapshot after = tail.snapshot();
        assertTrue(
                after.dropped() >= 10 && after.dropped() <= 11,
                "the oldest went for the new ones, and the count " + "says so: " + after.dropped());
        assertEquals(held + 10 - after.dropped(), after.size());
        assertEquals("ev-129", after.get(after.size() - 1).id());
    }

    @Test
    void anEventOverTheCutLimitIsHeldAsAMarkedExcerptOfItWithItsSummary() throws Exception {
        feed.add(1);
        feed.add(1, 600 * 1024); // ev-1: an ActionEvent carrying 600 KiB
        feed.add(2);
        EventTail tail = tail(EventTail.Settings.defaults());

        tail.poll();

        TailEvent big = tail.snapshot().get(1);
        assertEquals("ev-1", big.id());
        assertTrue(big.raw().cut(), "marked as cut");
        assertTrue(
                big.raw().size() <= EventTail.CUT_EVENT_BYTES,
                "held: " + big.raw().size() + " bytes");
        assertTrue(
                big.raw().wholeSize() > 600 * 1024,
                "its whole size is known: " + big.raw().wholeSize());
        assertTrue(big.raw().text().contains("\"padding\":\"xxxx"), "the excerpt keeps the start of the text");
        assertTrue(big.raw().text().contains(RawJson.CUT_MARK), "and says where it was cut");
        assertEquals("ActionEvent", big.event().kind(), "still read as the event it was");
        assertTrue(big.summary().contains("ls 1"), "the summary from the whole event: " + big.summary());
        assertFalse(tail.snapshot().get(2).raw().cut(), "small events are held whole");
    }

    @Test
    void olderEventsStopAtTheCapacityAndTheOldestMakeWayForNewOnes() throws Exception {
        feed.add(120);
        EventTail tail = tail(EventTail.Settings.defaults()
                .withCapacity(50)
                .withPageSize(25)
                .withMaxPagesPerPoll(100)
                .withOlderPagesPerPoll(100));

        Tails.pollUntilCaughtUp(tail, 3);

        TailSnapshot s = tail.snapshot();
        assertEquals(50, s.size());
        assertEquals("ev-70", s.get(0).id());
        assertEquals("ev-119", s.get(49).id());
        assertEquals(0, s.dropped(), "nothing held was let go");
        assertTrue(s.olderNotHeld(), "the screen can say older events were not loaded");
        assertEquals(-1, s.indexOf("ev-69"));
        assertEquals(120, s.serverCount());
        assertFalse(
                feed.searches.contains("newest-first page=50"),
                "no page fetched beyond the capacity: " + feed.searches);

        feed.add(10);
        tail.poll();
        assertEquals(50, tail.snapshot().size());
        assertEquals(10, tail.snapshot().dropped());
        assertEquals("ev-80", tail.snapshot().get(0).id());
        assertEquals("ev-129", tail.snapshot().get(49).id());
    }

    @Test
    void aSnapshotAlreadyTakenNeverChangesWhileTheTailMovesOn() throws Exception {
        feed.add(3000);
        EventTail tail = tail(EventTail.Settings.defaults()
                .withCapacity(2500)
                .withMaxPagesPerPoll(100)
                .withOlderPagesPerPoll(5));
        tail.poll();
        TailSnapshot first = tail.snapshot();
        List<String> idsFirst = ids(first);
        Tails.pollUntilCaughtUp(tail, 10);
        assertEquals(idsFirst, ids(first), "older events put in front did not change a snapshot taken before");

        TailSnapshot before = tail.snapshot();
        List<String> idsBefore = ids(before);
        feed.add(3000);
        tail.poll();

        assertEquals(idsBefore, ids(before), "same events, same order, though the tail dropped and added thousands");
        assertEquals(2500, before.size());
        assertEquals(2500, tail.snapshot().size());
        assertEquals(3000, tail.snapshot().dropped());
        assertEquals("ev-5999", tail.snapshot().get(2499).id());
    }

    @Test
    void anIdlePollAsksOnceFromTheNewestTimestampAndAddsNothing() throws Exception {
        feed.add(30);
        EventTail tail = tail(EventTail.Settings.defaults());
        tail.poll();
        int countsBefore = feed.counts;
        feed.searches.clear();

        tail.poll();

        assertEquals(List.of("since=" + feed.events.get(29).timestamp() + " page=null"), feed.searches);
        assertEquals(countsBefore, feed.counts, "no count without new events");
        assertEquals(30, tail.snapshot().size());
    }

    @Test
    void kindsAndSourcesSeenAreListedForTheChecklists() throws Exception {
        feed.add(12);
        EventTail tail = tail(EventTail.Settings.defaults());
        tail.poll();

        assertEquals(
                List.of(
                        "ActionEvent",
                        "AgentErrorEvent",
                        "ConversationStateUpdateEvent",
                        "HookExecutionEvent",
                        "MessageEvent",
                        "ObservationEvent"),
                tail.snapshot().kindsSeen());
        assertEquals(
                List.of("agent", "environment", "hook", "user"), tail.snapshot().sourcesSeen());
    }

    @Test
    void eachEventsSummaryIsOneLineWorkedOutOnArrival() throws Exception {
        feed.add(6);
        EventTail tail = tail(EventTail.Settings.defaults());
        tail.poll();

        TailEvent action = tail.snapshot().get(1);
        assertEquals("terminal: ls 1", action.summary());
        assertEquals("ActionEvent", action.kind());
        assertEquals("agent", action.source());
        assertTrue(tail.snapshot().get(4).error(), "an AgentErrorEvent is an error");
        assertEquals("ev-1", action.event().id(), "the typed event is read again from the raw JSON");
        assertEquals("a b c", TailEvent.oneLine("a\n\tb\r\nc\n"));
        assertEquals(
                "a\u001b[31mb\u0007",
                TailEvent.oneLine("a\u001b[31mb\u0007"),
                "other controls are left for the screen to show, not hidden as spaces");
    }
}

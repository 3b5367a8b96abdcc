package dev.ohtop.monitor;

import dev.ohtop.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void theBufferKeepsTheNewestEventsAndSaysHowManyWereDropped() throws Exception {
        feed.add(120);
        EventTail tail = tail(EventTail.Settings.defaults().withCapacity(50).withPageSize(25).withMaxPagesPerPoll(100));

        tail.poll();

        TailSnapshot s = tail.snapshot();
        assertEquals(50, s.size());
        assertEquals(70, s.dropped());
        assertEquals("ev-70", s.get(0).id());
        assertEquals("ev-119", s.get(49).id());
        assertEquals(-1, s.indexOf("ev-69"), "dropped events are gone");
        assertEquals(0, s.indexOf("ev-70"));
        assertEquals(120, s.serverCount());

        feed.add(10);
        tail.poll();
        assertEquals(50, tail.snapshot().size());
        assertEquals(80, tail.snapshot().dropped());
        assertEquals("ev-129", tail.snapshot().get(49).id());
    }

    @Test
    void aSnapshotAlreadyTakenNeverChangesWhileTheTailMovesOn() throws Exception {
        feed.add(3000);
        EventTail tail = tail(EventTail.Settings.defaults().withCapacity(2500).withMaxPagesPerPoll(100));
        tail.poll();
        TailSnapshot before = tail.snapshot();
        List<String> idsBefore = ids(before);

        feed.add(3000);
        tail.poll();

        assertEquals(idsBefore, ids(before), "same events, same order, though the tail dropped and added thousands");
        assertEquals(500, before.dropped());
        assertEquals(2500, tail.snapshot().size());
        assertEquals("ev-5999", tail.snapshot().get(2499).id());
    }

    @Test
    void aLongHistoryLoadsOverSeveralPollsAndResumesWhereItStopped() throws Exception {
        feed.add(950);
        EventTail tail = tail(EventTail.Settings.defaults().withMaxPagesPerPoll(4));

        tail.poll();
        assertEquals(400, tail.snapshot().size());
        assertFalse(tail.snapshot().caughtUp());
        tail.poll();
        tail.poll();

        assertTrue(tail.snapshot().caughtUp());
        assertEquals(950, tail.snapshot().size());
        assertEquals(10, feed.searches.size(), "each page asked once: " + feed.searches);
        assertEquals("since=null page=400", feed.searches.get(4), "the second poll resumed from the page id");
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

        assertEquals(List.of("ActionEvent", "AgentErrorEvent", "ConversationStateUpdateEvent", "HookExecutionEvent",
                "MessageEvent", "ObservationEvent"), tail.snapshot().kindsSeen());
        assertEquals(List.of("agent", "environment", "hook", "user"), tail.snapshot().sourcesSeen());
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
        assertEquals("a\u001b[31mb\u0007", TailEvent.oneLine("a\u001b[31mb\u0007"),
                "other controls are left for the screen to show, not hidden as spaces");
    }
}

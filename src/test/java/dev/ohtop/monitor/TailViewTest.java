package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Filters and search over a tail of 100,000 synthetic events: the right rows, the right matches. */
class TailViewTest {
    private static final int EVENTS = 100_000;
    private static final ManualClock CLOCK = ManualClock.atDemoStart();
    /** Loaded once: the tests only read it. */
    private static EventTail tail;

    @BeforeAll
    static void load() throws Exception {
        tail = new EventTail(
                "big",
                new ListFeed().add(EVENTS),
                CLOCK,
                EventTail.Settings.defaults()
                        .withCapacity(EVENTS)
                        .withMaxPagesPerPoll(10_000)
                        .withOlderPagesPerPoll(10_000));
        Tails.pollUntilCaughtUp(tail, 2);
        assertEquals(EVENTS, tail.snapshot().size());
    }

    /** The snapshot indices a predicate selects, by brute force. */
    private static List<Integer> expected(TailSnapshot s, Predicate<TailEvent> shown) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if (shown.test(s.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<Integer> indices(TailView view) {
        List<Integer> out = new ArrayList<>(view.size());
        for (int r = 0; r < view.size(); r++) {
            out.add(view.eventIndex(r));
        }
        return out;
    }

    private static List<Integer> matchRows(TailView view) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < view.matchCount(); k++) {
            out.add(view.matchRow(k));
        }
        return out;
    }

    @Test
    void filteringByKindSourceAndErrorsShowsExactlyTheMatchingEvents() {
        TailSnapshot s = tail.snapshot();

        assertEquals(expected(s, e -> true), indices(s.view(TailFilter.ALL)));
        TailFilter noActions = TailFilter.ALL.toggleKind("ActionEvent");
        assertEquals(expected(s, e -> !e.kind().equals("ActionEvent")), indices(s.view(noActions)));
        TailFilter agentErrors = TailFilter.ALL
                .toggleSource("user")
                .toggleSource("environment")
                .toggleSource("hook")
                .toggleErrorsOnly();
        List<Integer> agentErrorRows = indices(s.view(agentErrors));
        assertEquals(expected(s, e -> e.source().equals("agent") && e.error()), agentErrorRows);
        assertEquals(EVENTS / 6 + (EVENTS % 6 > 4 ? 1 : 0), agentErrorRows.size());
        TailFilter onlyObservations = TailFilter.ALL.onlyKind("ObservationEvent", Set.copyOf(s.kindsSeen()));
        assertEquals(expected(s, e -> e.kind().equals("ObservationEvent")), indices(s.view(onlyObservations)));
    }

    @Test
    void textSearchFindsMatchesCaseInsensitivelyForNextAndPrevious() {
        TailSnapshot s = tail.snapshot();
        TailView view = s.view(TailFilter.ALL.withText("NEEDLE in"));

        List<Integer> expected =
                expected(s, e -> e.summary().toLowerCase(Locale.ROOT).contains("needle in"));
        assertEquals(EVENTS / 3000 + 1, expected.size(), "messages (every 6th) whose number is a multiple of 1000");
        assertEquals(expected, matchRows(view), "with no rows hidden, rows are event indices");
        assertEquals(view.size(), s.size(), "a search hides nothing");

        assertEquals(0, view.nextMatch(-1));
        assertEquals(3000, view.nextMatch(0));
        assertEquals(3000, view.nextMatch(2999));
        assertEquals(6000, view.nextMatch(3000));
        assertEquals(-1, view.nextMatch(99000));
        assertEquals(99000, view.previousMatch(view.size()));
        assertEquals(96000, view.previousMatch(99000));
        assertEquals(96000, view.previousMatch(98000));
        assertEquals(-1, view.previousMatch(0));

        TailView hidden = s.view(TailFilter.ALL.withText("needle").toggleKind("ActionEvent"));
        for (int k = 0; k < hidden.matchCount(); k++) {
            assertTrue(hidden.row(hidden.matchRow(k)).summary().contains("Needle"));
        }
        assertEquals(expected.size(), hidden.matchCount());
    }

    @Test
    void aViewFollowsOlderEventsNewEventsAndDroppedOnesAsIfBuiltAfresh() throws Exception {
        ListFeed feed = new ListFeed().add(20_000);
        EventTail bounded = new EventTail(
                "bounded",
                feed,
                CLOCK,
                EventTail.Settings.defaults()
                        .withCapacity(12_000)
                        .withMaxPagesPerPoll(10_000)
                        .withOlderPagesPerPoll(40));
        bounded.poll();
        TailFilter filter = TailFilter.ALL.toggleKind("HookExecutionEvent").withText("needle");
        TailView newest = bounded.snapshot().view(filter);
        Tails.pollUntilCaughtUp(bounded, 5);
        TailView filledIn = newest.update(bounded.snapshot(), filter);
        assertEquals(indices(bounded.snapshot().view(filter)), indices(filledIn), "older events put in front");
        assertEquals(12_000, bounded.snapshot().size());
        TailView first = bounded.snapshot().view(filter);

        feed.add(6_000);
        bounded.poll();
        TailView followed = first.update(bounded.snapshot(), filter);
        TailView fresh = bounded.snapshot().view(filter);

        assertEquals(indices(fresh), indices(followed));
        assertEquals(matchRows(fresh), matchRows(followed));
        assertEquals(
                6_000L, bounded.snapshot().dropped(), "12,000 held of 20,000, then 6,000 new pushed out the oldest");
        TailView again = first.update(bounded.snapshot(), filter);
        assertEquals(
                indices(fresh), indices(again), "a second update from the same old view copies instead of clobbering");
        assertEquals(indices(fresh), indices(followed), "and the first update's view is untouched");

        TailView researched = followed.update(bounded.snapshot(), filter.withText("message 1"));
        assertEquals(matchRows(bounded.snapshot().view(filter.withText("message 1"))), matchRows(researched));
    }

    @Test
    void theJumpKeyFindsAnActionsObservationAndBack() {
        TailSnapshot s = tail.snapshot();
        int action = s.indexOf("ev-1");
        int observation = s.pairIndexOf(action);

        assertEquals(s.indexOf("ev-2"), observation);
        assertEquals(action, s.pairIndexOf(observation));
        TailView noObservations = s.view(TailFilter.ALL.toggleKind("ObservationEvent"));
        assertEquals(-1, noObservations.rowOf(observation), "hidden by the filter");
        assertEquals(noObservations.rowOf(s.indexOf("ev-3")), noObservations.nearestRow(observation));
    }
}

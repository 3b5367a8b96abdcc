package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ohtop.testing.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events pushed live into a tail that also polls. */
class EventTailPushTest {
    private final ManualClock clock = ManualClock.atDemoStart();
    private final ListFeed feed = new ListFeed().add(3);
    private final EventTail tail = new EventTail("c1", feed, clock);

    @Test
    void aPollAfterPushedEventsStartsAfterThemInsteadOfPagingThroughThemAgain() throws Exception {
        tail.poll();
        feed.add(3);
        tail.push(feed.events.subList(3, 6));
        feed.searches.clear();

        tail.poll();

        assertEquals(List.of("since=" + feed.events.get(5).timestamp() + " page=null"), feed.searches);
        assertEquals(6, tail.snapshot().size());
    }

    @Test
    void anEventPushedTwiceOrAlsoPolledIsHeldOnce() throws Exception {
        tail.poll();
        feed.add(1);

        assertEquals(1, tail.push(List.of(feed.events.get(3))));
        assertEquals(0, tail.push(List.of(feed.events.get(3), feed.events.get(2))));
        tail.poll();

        assertEquals(4, tail.snapshot().size());
        assertEquals(4, tail.snapshot().serverCount(), "3 counted, 1 pushed");
    }

    @Test
    void whileHistoryIsCompleteTheLivePollAsksNothing() throws Exception {
        tail.poll();
        feed.searches.clear();
        int counts = feed.counts;

        tail.pollOlder();

        assertEquals(List.of(), feed.searches);
        assertEquals(counts, feed.counts);
    }
}

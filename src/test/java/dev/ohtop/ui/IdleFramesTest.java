package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An idle ohtop draws a frame only when what it shows would change: a refresh that brought
 * nothing new draws none, and the relative times still move on with the clock. Counted on the
 * virtual terminal (frames drawn, bytes sent), not timed.
 */
@Tag("performance")
@DisplayName("Idle frames, counted")
class IdleFramesTest {
    private static final String LIST = "GET /api/v1/app-conversations/search";

    @Test
    void refreshesThatBringNothingNewDrawNoFrame() throws IOException {
        // The pollers run in real time every 150 ms; ohtop's clock and the demo world's stand still.
        try (VirtualOhtop ohtop = VirtualOhtop.onDemo()) {
            ohtop.untilShows("30 total").untilShows("refreshed 0s ago");
            awaitListRefreshes(ohtop, 2); // the account and the first refreshes' frames behind us
            ohtop.settle();
            long frames = ohtop.framesDrawn();
            long bytes = ohtop.terminalBytes();

            awaitListRefreshes(ohtop, 5);
            ohtop.settle();

            assertEquals(frames, ohtop.framesDrawn(), "frames drawn over five refreshes that changed nothing");
            assertEquals(bytes, ohtop.terminalBytes(), "bytes sent to the terminal");
        }
    }

    @Test
    void anAgeOnScreenMovesOnWithTheClockWhileNothingElseHappens() throws IOException {
        Duration refresh = Duration.ofSeconds(3);
        try (VirtualOhtop ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults()
                .refresh(refresh)
                .clock(ManualClock.atDemoStart())
                .pollingOnTheClock())) {
            ohtop.untilPollsDone().untilShows("30 total");
            ohtop.passToNextPoll(); // a refresh has just been: "refreshed 0s ago"
            ohtop.untilShows("refreshed 0s ago");
            long frames = ohtop.framesDrawn();
            long asked = ohtop.proxy.requests().mark();

            ohtop.clock().set(ohtop.clock().instant().plusSeconds(2)); // before the next refresh is due
            ohtop.until("the age two seconds on", o -> o.shows("refreshed 2s ago"));

            assertEquals(frames + 1, ohtop.framesDrawn(), "one frame, for the age");
            assertTrue(ohtop.proxy.requests().since(asked).isEmpty(), "no request was made meanwhile");
        }
    }

    /** Steps the screen until the demo has answered {@code count} more searches of the list. */
    private static void awaitListRefreshes(VirtualOhtop ohtop, int count) {
        long mark = ohtop.proxy.requests().mark();
        ohtop.until(
                count + " refreshes of the list",
                o -> o.proxy.requests().since(mark).stream()
                                .filter(r -> r.route().equals(LIST))
                                .count()
                        >= count);
    }
}

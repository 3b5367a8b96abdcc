package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.keymap.Action;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An open live tail draws a frame when something on it changes, not each second: its status line
 * says "live" rather than a ticking age, a burst of pushed events is one frame, and a message
 * still goes when its time is up. Counted on the virtual terminal (frames drawn), not timed.
 */
@Tag("performance")
@DisplayName("Frames of an open live tail, counted")
class LiveTailFramesTest {
    private VirtualOhtop ohtop;

    @BeforeEach
    void openLiveTail() throws Exception {
        ohtop = VirtualOhtop.onDemo(AppServerFaultsTest.asTheAppRuns());
        ohtop.untilPollsDone().untilShows("30 total");
        for (int i = 0; i < 6; i++) {
            ohtop.press(Action.DOWN); // past the running ones, whose new events would be frames of their own
        }
        ohtop.press(KeyType.Enter)
                .until(
                        "a finished conversation, live",
                        o -> o.line(1).contains("Add OpenTelemetry tracing")
                                && o.line(2).stripTrailing().endsWith("  live"));
        ohtop.pass(Duration.ofSeconds(10)); // the first recount and history pages settle
        ohtop.settle();
    }

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
    }

    @Test
    void aLiveTailSaysLiveWithoutAnAgeAndDrawsNoFrameForTheClock() {
        ohtop.passToNextPoll().settle(); // the polls behind the screen (the list's refresh) just done
        long frames = ohtop.framesDrawn();
        Duration quiet = ohtop.untilNextPoll().minusMillis(1);

        ohtop.clock().set(ohtop.clock().instant().plus(quiet));
        ohtop.settle();

        assertEquals(frames, ohtop.framesDrawn(), "frames drawn in " + quiet + " of nothing new");
        assertEquals("live", ohtop.status().strip(), "the status line of a live tail");
    }

    @Test
    void aBurstOfPushedEventsIsOneFrame() {
        long frames = ohtop.framesDrawn();

        for (int i = 0; i < 5; i++) {
            ohtop.app.requestRedraw(); // as the socket's callback does for each event of a burst
        }
        ohtop.settle();

        assertEquals(frames + 1, ohtop.framesDrawn(), "frames drawn for five notices queued together");
    }

    @Test
    void aMessageOnALiveTailGoesWhenItsTimeIsUp() {
        ohtop.press(Action.NEXT_MATCH).untilShows("no search");

        ohtop.clock().set(ohtop.clock().instant().plusSeconds(5));
        ohtop.until("the message gone", o -> o.status().strip().equals("live"));
    }
}

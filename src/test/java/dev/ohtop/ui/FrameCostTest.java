package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.TailView;
import dev.ohtop.monitor.Tails;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * A frame of the events screen over a long tail costs what is on screen, not what is held: it
 * draws only the rows that fit, and the filtered rows are worked out once per change (a new
 * filter, new events), not once per frame. Counted, not timed (the timings are in the benchmark).
 */
@Tag("performance")
@DisplayName("Frame cost over a long tail, counted")
class FrameCostTest {
    private static final int EVENTS = 20_000;
    private static final int SCREEN_ROWS = 40;

    private LongTail world;
    private App app;
    private EventsView events;
    private EventTail tail;

    @BeforeEach
    void start() throws Exception {
        world = LongTail.withHistory(EVENTS);
        tail = world.newTail(2 * EVENTS);
        Tails.pollUntilCaughtUp(tail, 2);
        world.open(tail, new TerminalSize(120, SCREEN_ROWS));
        app = world.app();
        events = world.events();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    private void frameAfter(Action action) throws Exception {
        app.press(world.key(action));
        long frames = app.framesDrawn();
        app.step(Duration.ZERO);
        assertEquals(frames + 1, app.framesDrawn(), "the key drew a frame");
    }

    @Test
    void aFrameDrawsOnlyTheRowsThatFitAndKeepsItsRowsUntilSomethingChanges(TestReporter reporter) throws Exception {
        assertTrue(
                tail.snapshot().size() >= EVENTS,
                "a long tail: " + tail.snapshot().size());
        TailView shown = events.shownView();
        int mostRows = 0;
        for (int i = 0; i < 50; i++) {
            frameAfter(i % 5 == 0 ? Action.PAGE_UP : Action.UP);
            mostRows = Math.max(mostRows, events.rowsDrawn());
            assertSame(shown, events.shownView(), "the filtered rows are not worked out again for a frame");
        }
        assertTrue(mostRows > 0 && mostRows <= SCREEN_ROWS, "rows drawn in a frame: " + mostRows);

        frameAfter(Action.TOGGLE_ACTIONS);
        TailView filtered = events.shownView();
        assertNotSame(shown, filtered, "a new filter: the rows worked out once");
        for (int i = 0; i < 10; i++) {
            frameAfter(Action.UP);
            assertSame(filtered, events.shownView(), "and kept for the frames after it");
            assertTrue(events.rowsDrawn() <= SCREEN_ROWS);
        }
        reporter.publishEntry(
                "seen",
                tail.snapshot().size() + " events held, at most " + mostRows + " rows drawn per frame on a screen of "
                        + SCREEN_ROWS + " rows");
    }
}

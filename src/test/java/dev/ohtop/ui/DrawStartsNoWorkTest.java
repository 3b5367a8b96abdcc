package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import dev.ohtop.terminal.Canvas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A frame only draws: drawing a screen, however often, starts no work. Each screen is drawn many
 * times on the test's thread, as the app draws it (title, body, status line, footer hints), while
 * the app loop does not turn and the pollers' clock stands still (they poll on the manual clock);
 * the test counts the tasks the drawing thread hands the scheduler during the draws, and the
 * requests the demo server receives meanwhile (and a moment after, for work handed to a worker).
 */
class DrawStartsNoWorkTest {
    private static final int DRAWS = 40;
    private static final String START_COMMAND = "/api/bash/start_bash_command";

    private VirtualOhtop ohtop;

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
    }

    @Test
    void theListDrawnWithItsCursorAtTheEndOfWhatIsLoadedAsksForNoOlderPageWhileDrawing() throws Exception {
        ohtop = VirtualOhtop.onDemo(
                VirtualOhtop.Setup.defaults().conversations(150).pollingOnTheClock());
        ohtop.untilShows("150 total").untilShows("older: scroll down");
        View list = ohtop.app.front();
        quiet();
        list.on(Action.BOTTOM); // the key as the app hands it on, without the turn of the loop that follows

        Work work = whileDrawing(() -> draw(list, DRAWS));

        assertEquals(Work.NONE, work, "drawing the list at its end started work");
    }

    @Test
    void everyScreenOpenedFromTheListDrawsWithoutStartingWork() throws Exception {
        ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().pollingOnTheClock());
        ohtop.untilShows("30 total");
        View list = ohtop.app.front();
        for (Action opens : List.of(
                Action.OPEN,
                Action.OPEN_SANDBOXES,
                Action.OPEN_CONSOLE,
                Action.UPLOAD,
                Action.DOWNLOAD,
                Action.DOWNLOAD_TRAJECTORY,
                Action.SEND_MESSAGE,
                Action.NEW_CONVERSATION,
                Action.HELP)) {
            ohtop.press(opens).until(opens + " opened", o -> o.app.front() != list);
            View screen = ohtop.app.front();
            quiet();

            Work work = whileDrawing(() -> draw(screen, DRAWS));

            assertEquals(Work.NONE, work, "drawing " + screen.title() + " started work");
            while (ohtop.app.front() != list) {
                ohtop.press(Action.BACK).settle();
            }
        }
        assertEquals(list, ohtop.app.front());
    }

    @Test
    void aCommandWaitingForItsSandboxToResumeIsNotRunAgainByAFrame() throws Exception {
        ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().pollingOnTheClock());
        ohtop.untilShows("30 total");
        ConversationSnapshot paused = ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.PAUSED)
                .findFirst()
                .orElseThrow();
        String shortId = paused.id().substring(0, 8);
        ohtop.type("/" + shortId)
                .press(KeyType.Enter)
                .until("only " + shortId, o -> o.line(3).contains(shortId));
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of " + shortId);
        ohtop.type("echo back").press(KeyType.Enter).untilShows("is paused. Resume it?");
        ohtop.type("y").settle();
        View console = ohtop.app.front();

        // The sandbox comes up while only frames are drawn: the clock moves the resume on, the loop stands.
        Work work = whileDrawing(() -> {
            for (int second = 0; second < 60 && !ohtop.shows("is running again"); second++) {
                ohtop.clock().advanceSeconds(1);
                awaitPollsQuiet();
                draw(console, 1);
            }
            assertTrue(ohtop.shows("is running again"), "the resume ended: " + ohtop.text());
            draw(console, DRAWS);
        });

        assertEquals(0, work.scheduled(), "tasks scheduled by frames");
        assertEquals(
                List.of(),
                work.requests().stream().filter(r -> r.endsWith(START_COMMAND)).toList(),
                "commands started while only frames were drawn");
        ohtop.until("the command run again once the loop turns", o -> o.status().contains("running `echo back`"));
    }

    // ---- counting --------------------------------------------------------------------------

    /** What a stretch of drawing started: tasks the drawing thread scheduled, requests the server saw (method and path). */
    private record Work(long scheduled, List<String> requests) {
        static final Work NONE = new Work(0, List.of());
    }

    private interface Drawing {
        void run() throws Exception;
    }

    private Work whileDrawing(Drawing drawing) throws Exception {
        Thread drawer = Thread.currentThread();
        long scheduledBefore = ohtop.tasksScheduledBy(drawer);
        long mark = ohtop.proxy.requests().mark();
        drawing.run();
        long scheduled = ohtop.tasksScheduledBy(drawer) - scheduledBefore;
        Thread.sleep(300); // work handed to a worker reaches the server within this
        // Method and path only: a request's headers hold a key, which no failure message may show.
        return new Work(
                scheduled,
                ohtop.proxy.requests().since(mark).stream()
                        .map(r -> r.method() + " " + r.path())
                        .toList());
    }

    /** Lets what the keys started end: nothing due on the scheduler, no request for a while. */
    private void quiet() throws InterruptedException {
        ohtop.until("the polls done", VirtualOhtop::pollsQuiet);
        for (int i = 0; i < 25; i++) {
            long mark = ohtop.proxy.requests().mark();
            Thread.sleep(200);
            if (ohtop.proxy.requests().since(mark).isEmpty() && ohtop.pollsQuiet()) {
                return;
            }
        }
        fail("requests kept coming with the clock standing still");
    }

    /** Waits for the scheduler's due work to end without turning the app's loop. */
    private void awaitPollsQuiet() throws InterruptedException {
        long until = System.nanoTime() + VirtualOhtop.PATIENCE.toNanos();
        while (!ohtop.pollsQuiet()) {
            if (System.nanoTime() > until) {
                fail("the polls did not end");
            }
            Thread.sleep(5);
        }
        Thread.sleep(50); // a worker's answer lands
    }

    /** Draws {@code screen} as the app does for a frame, {@code times} times, and shows the last on the terminal. */
    private void draw(View screen, int times) {
        TerminalSize size = ohtop.size();
        for (int i = 0; i < times; i++) {
            Instant now = ohtop.clock().instant();
            Canvas canvas = Canvas.of(ohtop.screen.newTextGraphics());
            ohtop.screen.clear();
            screen.title();
            screen.draw(canvas.rows(1, Math.max(0, size.getRows() - 3)), now);
            if (screen instanceof Chrome.Status status) {
                status.status(now);
                status.statusIsProblem();
            }
            for (Action action : Action.values()) {
                screen.offers(action);
            }
            screen.complete();
        }
        try {
            ohtop.screen.refresh(Screen.RefreshType.COMPLETE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

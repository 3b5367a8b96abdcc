package dev.ohtop.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.ohtop.LogFile;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Key;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.EventFeed;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.Poller;
import dev.ohtop.monitor.TailView;
import dev.ohtop.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @TempDir
    Path state;

    private final ManualClock clock = ManualClock.atDemoStart();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private DemoServer demo;
    private LogFile log;
    private Keymap keymap;
    private App app;
    private EventsView events;
    private EventTail tail;

    @BeforeEach
    void start() throws Exception {
        demo = DemoServer.start(DemoConfig.defaults().withClock(clock));
        log = LogFile.open(state.resolve("ohtop.log"), clock);
        ConversationSnapshot busy = demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING).findFirst().orElseThrow();
        demo.world().addHistory(busy.id(), EVENTS / 2);
        ClientOptions options = ClientOptions.defaults();
        CloudClient cloud = new CloudClient(HttpCore.newHttpClient(options), demo.appServerUrl(),
                Credential.bearer(demo.apiKey()), options);
        tail = new EventTail(busy.id(), EventFeed.cloud(cloud, busy.id()), clock,
                EventTail.Settings.defaults().withCapacity(2 * EVENTS).withMaxPagesPerPoll(Integer.MAX_VALUE));
        tail.poll();
        ConversationBoard board = new ConversationBoard(cloud, clock);
        board.refresh();
        ConversationRow row = board.snapshot().row(busy.id());
        keymap = VirtualOhtop.keymap("default");
        Controls controls = new Controls(cloud, board, scheduler, clock, Duration.ofSeconds(3),
                new Controls.Places(state, state), () -> { }, false);
        events = new EventsView(() -> row, tail, new Poller("idle", tail::poll, Duration.ofHours(1), scheduler, clock),
                controls);
        DeltaScreen screen = new DeltaScreen(new DefaultVirtualTerminal(new TerminalSize(120, SCREEN_ROWS)));
        screen.startScreen();
        app = new App(screen, keymap, clock, log, new Chrome("demo", keymap, false));
        app.open(events);
        app.step(Duration.ZERO);
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.shutdownNow();
        log.close();
        demo.close();
    }

    private void frameAfter(Action action) throws Exception {
        Key key = keymap.keysFor(action).get(0);
        app.press(key.type() == KeyType.Character ? new KeyStroke(key.character(), key.ctrl(), key.alt())
                : new KeyStroke(key.type(), key.ctrl(), key.alt()));
        long frames = app.framesDrawn();
        app.step(Duration.ZERO);
        assertEquals(frames + 1, app.framesDrawn(), "the key drew a frame");
    }

    @Test
    void aFrameDrawsOnlyTheRowsThatFitAndKeepsItsRowsUntilSomethingChanges(TestReporter reporter) throws Exception {
        assertTrue(tail.snapshot().size() >= EVENTS, "a long tail: " + tail.snapshot().size());
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
        reporter.publishEntry("seen", tail.snapshot().size() + " events held, at most " + mostRows
                + " rows drawn per frame on a screen of " + SCREEN_ROWS + " rows");
    }
}

package dev.ohtop.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.ohtop.LogFile;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.bench.Figure;
import dev.ohtop.bench.Measurement;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Key;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.EventFeed;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.Poller;
import dev.ohtop.testing.ManualClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What one event tail holding 100,000 events costs: the time to fetch them all from the demo
 * server, the heap they take, the time to draw one frame of the events screen and to apply a kind
 * filter. The screen is the product's own (App, EventsView) on an in-memory terminal, so a frame's
 * time is ohtop's work without the terminal's.
 */
public final class TailBench implements Measurement {
    private static final int EVENTS = 100_000;
    private static final TerminalSize SIZE = new TerminalSize(120, 40); // as the process figures

    @Override
    public String name() {
        return "tail";
    }

    public static void main(String[] args) throws Exception {
        new TailBench().run().forEach(f -> System.out.println(f.what() + ": " + f.value() + "  [" + f.budget() + "]"));
    }

    @Override
    public List<Figure> run() throws Exception {
        ManualClock clock = ManualClock.atDemoStart(); // the world stands still: the figures are the tail's alone
        Path state = Files.createTempDirectory("ohtop-bench-tail-");
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withClock(clock));
             LogFile log = LogFile.open(state.resolve("ohtop.log"), clock)) {
            ConversationSnapshot busy = demo.world().conversations().stream()
                    .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING).findFirst().orElseThrow();
            demo.world().addHistory(busy.id(), (EVENTS - busy.eventCount()) / 2 + 1);
            ClientOptions options = ClientOptions.defaults();
            CloudClient cloud = new CloudClient(HttpCore.newHttpClient(options), demo.appServerUrl(),
                    Credential.bearer(demo.apiKey()), options);

            long heapBefore = usedHeapAfterGc();
            EventTail tail = new EventTail(busy.id(), EventFeed.cloud(cloud, busy.id()), clock,
                    EventTail.Settings.defaults().withCapacity(EVENTS).withMaxPagesPerPoll(Integer.MAX_VALUE));
            long start = System.nanoTime();
            tail.poll();
            double ingestSeconds = (System.nanoTime() - start) / 1e9;
            int held = tail.snapshot().size();
            long heapMb = (usedHeapAfterGc() - heapBefore) >> 20;

            ConversationBoard board = new ConversationBoard(cloud, clock);
            board.refresh();
            ConversationRow row = board.snapshot().row(busy.id());
            Keymap keymap = Keymap.load("default");
            Controls controls = new Controls(cloud, board, scheduler, clock, Duration.ofSeconds(3),
                    new Controls.Places(state, state), () -> { }, false);
            Poller idle = new Poller("bench", tail::poll, Duration.ofHours(1), scheduler, clock);
            TerminalScreen screen = new DeltaScreen(new DefaultVirtualTerminal(SIZE));
            screen.startScreen();
            App app = new App(screen, keymap, clock, log, new Chrome("bench", keymap, false));
            app.open(new EventsView(() -> row, tail, idle, controls));
            app.step(Duration.ZERO);

            long[] frames = timeSteps(app, 300, i -> key(keymap, i % 2 == 0 ? Action.PAGE_UP : Action.UP));
            long[] filters = timeSteps(app, 20, i -> key(keymap, Action.TOGGLE_ACTIONS));
            screen.stopScreen();

            List<Figure> figures = new ArrayList<>();
            figures.add(new Figure("tail of 100,000 events: heap", String.format(Locale.ROOT, "%d MB (%,d events held)",
                    heapMb, held), "under 200 MB", heapMb < 200 && held == EVENTS));
            figures.add(new Figure("tail of 100,000 events: one frame", millis(frames), "under 10 ms",
                    median(frames) < 10_000_000L));
            figures.add(new Figure("tail of 100,000 events: a kind filter applied", millis(filters), "under 100 ms",
                    median(filters) < 100_000_000L));
            figures.add(Figure.context("tail of 100,000 events: ingest from the server", String.format(Locale.ROOT,
                    "%.1f s (%,.0f events/s, pages of 100, one poll; the app spreads them at 10 pages per poll)",
                    ingestSeconds, held / ingestSeconds)));
            return figures;
        } finally {
            scheduler.shutdownNow();
        }
    }

    private interface KeyAt {
        KeyStroke at(int i);
    }

    /** Presses a key and times the turn that handles it and draws the frame, {@code n} times. */
    private static long[] timeSteps(App app, int n, KeyAt keys) throws Exception {
        for (int i = 0; i < 20; i++) { // warm up the code paths
            app.press(keys.at(i));
            app.step(Duration.ZERO);
        }
        long[] took = new long[n];
        for (int i = 0; i < n; i++) {
            app.press(keys.at(i));
            long start = System.nanoTime();
            app.step(Duration.ZERO);
            took[i] = System.nanoTime() - start;
        }
        return took;
    }

    private static KeyStroke key(Keymap keymap, Action action) {
        Key key = keymap.keysFor(action).get(0);
        return key.type() == KeyType.Character ? new KeyStroke(key.character(), key.ctrl(), key.alt())
                : new KeyStroke(key.type(), key.ctrl(), key.alt());
    }

    private static String millis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.2f ms median, %.2f ms p95 (of %d)", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.95)] / 1e6, sorted.length);
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}

package dev.ohtop.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
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
import dev.ohtop.keymap.Keymap;
import dev.ohtop.monitor.CloudAccount;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.EventFeed;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.Poller;
import dev.ohtop.terminal.DeltaScreen;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntUnaryOperator;

/**
 * The events screen over a long tail, for the tail benchmark and the frame-cost guard: a demo
 * conversation given many more events in a world that stands still, its tail fetched from the
 * server whole, and the product's App, EventsView and DeltaScreen on an in-memory terminal.
 * Steps in that order: {@link #withHistory}, {@link #newTail} (then poll it), {@link #open}.
 */
final class LongTail implements AutoCloseable {
    private final ManualClock clock = ManualClock.atDemoStart();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final Path state;
    private final DemoServer demo;
    private final LogFile log;
    private final CloudClient cloud;
    private final String conversationId;
    private final Keymap keymap = VirtualOhtop.keymap("default");
    private App app;
    private EventsView events;
    private DefaultVirtualTerminal terminal;

    private LongTail(IntUnaryOperator pairsFor) throws IOException {
        state = Files.createTempDirectory("ohtop-long-tail-");
        demo = DemoServer.start(DemoConfig.defaults().withClock(clock));
        log = LogFile.open(state.resolve("ohtop.log"), clock);
        ConversationSnapshot busy = demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING)
                .findFirst()
                .orElseThrow();
        conversationId = busy.id();
        demo.world().addHistory(conversationId, pairsFor.applyAsInt(busy.eventCount()));
        ClientOptions options = ClientOptions.defaults();
        cloud = new CloudClient(
                HttpCore.newHttpClient(options), demo.appServerUrl(), Credential.bearer(demo.apiKey()), options);
    }

    /** A conversation holding at least {@code events} events (its own, then action/observation pairs). */
    static LongTail withHistory(int events) throws IOException {
        return new LongTail(held -> Math.max(0, (events - held + 1) / 2));
    }

    /**
     * A tail of the conversation holding up to {@code capacity} events, not yet polled: its first
     * poll fetches the newest page, its second all the rest.
     */
    EventTail newTail(int capacity) {
        return new EventTail(
                conversationId,
                EventFeed.cloud(cloud, conversationId),
                clock,
                EventTail.Settings.defaults()
                        .withCapacity(capacity)
                        .withMaxPagesPerPoll(Integer.MAX_VALUE)
                        .withOlderPagesPerPoll(Integer.MAX_VALUE));
    }

    /** The events screen of {@code tail} on a terminal of {@code size}, its first frame drawn. */
    void open(EventTail tail, TerminalSize size) throws IOException {
        ConversationBoard board = new ConversationBoard(cloud, clock);
        board.refresh();
        ConversationRow row = board.snapshot().row(conversationId);
        Controls controls = new Controls(
                new CloudAccount(cloud, false).work(null, scheduler, clock, () -> {}),
                board,
                scheduler,
                clock,
                Duration.ofSeconds(3),
                new Controls.Places(state, state),
                () -> {},
                Runnable::run,
                said -> {},
                false,
                new dev.ohtop.monitor.ServerHealth(),
                keymap);
        // Never polls again by itself: what is on screen is what was fetched.
        Poller idle = new Poller("idle", tail::poll, Duration.ofHours(1), scheduler, clock);
        events = new EventsView(() -> row, tail, idle, controls);
        terminal = new DefaultVirtualTerminal(size);
        DeltaScreen screen = new DeltaScreen(terminal);
        screen.startScreen();
        app = new App(screen, keymap, clock, log, new Chrome("demo", keymap, false));
        app.open(events);
        app.step(Duration.ZERO);
    }

    App app() {
        return app;
    }

    /** A second later, the conversation gains {@code pairs} more action/observation pairs (for the next poll). */
    void moreEvents(int pairs) {
        clock.advanceSeconds(1);
        demo.world().addHistory(conversationId, pairs);
    }

    /** The terminal as the last frame left it. */
    DefaultVirtualTerminal terminal() {
        return terminal;
    }

    EventsView events() {
        return events;
    }

    /** The first key the default keymap binds to {@code action}. */
    KeyStroke key(Action action) {
        return VirtualOhtop.stroke(keymap.keysFor(action).get(0));
    }

    @Override
    public void close() throws IOException {
        scheduler.shutdownNow();
        log.close();
        demo.close();
        try (var files = Files.walk(state)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

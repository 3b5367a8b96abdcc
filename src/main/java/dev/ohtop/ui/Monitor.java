package dev.ohtop.ui;

import dev.ohtop.LogFile;
import dev.ohtop.api.CloudClient;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.EventFeed;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.Poller;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wires the full-screen monitor: the board and its poller, the views, the app loop. Data flows
 * one way: pollers (background threads) update monitor state and ask for a redraw; the UI
 * thread reads snapshots and turns keys into actions.
 */
public final class Monitor {
    private final CloudClient cloud;
    private final Keymap keymap;
    private final Duration refresh;
    private final Clock clock;
    private final LogFile log;
    private final boolean readonly;
    private final int maxEvents;
    private final Controls.Places places;

    public Monitor(CloudClient cloud, Keymap keymap, Duration refresh, int maxEvents, Clock clock, LogFile log,
                   boolean readonly) {
        this(cloud, keymap, refresh, maxEvents, clock, log, readonly,
                new Controls.Places(log.path().toAbsolutePath().getParent(), Path.of("").toAbsolutePath()));
    }

    /** @param places where command history lives and where local files go by default */
    Monitor(CloudClient cloud, Keymap keymap, Duration refresh, int maxEvents, Clock clock, LogFile log,
            boolean readonly, Controls.Places places) {
        this.places = places;
        this.maxEvents = maxEvents;
        this.cloud = cloud;
        this.keymap = readonly ? keymap.withoutChanging() : keymap;
        this.refresh = refresh;
        this.clock = clock;
        this.log = log;
        this.readonly = readonly;
    }

    /** The keys in force (without the changing ones under --readonly). */
    Keymap keymap() {
        return keymap;
    }

    /** Runs on an open terminal until the user quits. */
    public void run(TerminalSession session) throws java.io.IOException {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "ohtop-poller");
            t.setDaemon(true);
            return t;
        });
        try {
            Chrome chrome = new Chrome(cloud.baseUrl().getHost(), keymap, readonly);
            App app = new App(session.screen(), keymap, clock, log, chrome);
            session.onResize(app::requestRedraw); // re-lay out at once, not at the next tick
            ConversationsView home = home(app, chrome, scheduler);
            app.run(home);
        } finally {
            scheduler.shutdownNow();
        }
    }

    /**
     * The home screen with its poller running, and the controls it opens (it closes them when it
     * closes); also used by tests on a virtual terminal.
     */
    ConversationsView home(App app, Chrome chrome, ScheduledExecutorService scheduler) {
        Random random = new Random();
        ConversationBoard board = new ConversationBoard(cloud, clock);
        Poller boardPoller = new Poller("conversations", board::refresh, refresh, scheduler, clock, random::nextDouble,
                app::requestRedraw);
        boardPoller.start();
        scheduler.execute(() -> {
            try {
                var me = cloud.me();
                chrome.account(me == null ? null : me.email());
                app.requestRedraw();
            } catch (Exception e) {
                log.warn("could not read the account: " + e.getMessage());
            }
        });
        Controls controls = new Controls(cloud, board, scheduler, clock, refresh, places, app::requestRedraw, readonly);
        return new ConversationsView(board, boardPoller, refresh, scheduler,
                row -> events(row, board, app, scheduler, random, controls), controls, app::requestRedraw);
    }

    private EventsView events(ConversationRow row, ConversationBoard board, App app, ScheduledExecutorService scheduler,
                              Random random, Controls controls) {
        EventTail tail = new EventTail(row.id(), EventFeed.cloud(cloud, row.id()), clock,
                EventTail.Settings.defaults().withCapacity(maxEvents));
        Poller poller = new Poller("events of " + row.shortId(), tail::poll, refresh, scheduler, clock,
                random::nextDouble, app::requestRedraw);
        poller.start();
        // The statuses in the events header follow the board, which keeps refreshing (slower) behind it.
        return new EventsView(() -> {
            ConversationRow fresh = board.snapshot().row(row.id());
            return fresh == null ? row : fresh;
        }, tail, poller, controls);
    }
}

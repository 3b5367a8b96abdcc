package dev.ohtop.ui;

import dev.ohtop.LogFile;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.monitor.Attention;
import dev.ohtop.monitor.BoardSnapshot;
import dev.ohtop.monitor.CloudAccount;
import dev.ohtop.monitor.CloudWork;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.LiveEvents;
import dev.ohtop.monitor.Poller;
import dev.ohtop.monitor.ServerHealth;
import dev.ohtop.terminal.Ring;
import dev.ohtop.terminal.TerminalSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wires the full-screen monitor: the board and its poller, the views, the app loop. Data flows
 * one way: pollers (background threads) update monitor state and ask for a redraw; the UI
 * thread reads snapshots and turns keys into actions.
 */
public final class FullScreen {
    /** Starts the log line that gives the first complete frame's time, in epoch milliseconds. */
    public static final String FIRST_FRAME = "first complete frame drawn at epoch ms ";

    private final CloudAccount cloud;
    private final Keymap keymap;
    private final Duration refresh;
    private final Clock clock;
    private final LogFile log;
    private final boolean readonly;
    private final int maxEvents;
    private final Controls.Places places;
    private final Chrome chrome;
    private final Redraw redraw = new Redraw();
    /** Every poller here asks the one app server: when it comes back, they all try at once. */
    private final ServerHealth health = new ServerHealth();

    private Watch watch;
    /** How a notice rings ({@code --notify}), and whether inside tmux ({@code $TMUX}). */
    private Ring ring = Ring.BELL;

    private boolean insideTmux;

    /**
     * @param cloud the app server, already read-only under --readonly
     * @param demo  against the demo server: its console history is one, whatever port the demo has this run
     */
    public FullScreen(
            CloudAccount cloud,
            Keymap keymap,
            Duration refresh,
            int maxEvents,
            Clock clock,
            LogFile log,
            boolean readonly,
            boolean demo) {
        this(cloud, keymap, refresh, maxEvents, clock, log, readonly, places(log, demo));
    }

    private static Controls.Places places(LogFile log, boolean demo) {
        Controls.Places places = new Controls.Places(
                log.path().toAbsolutePath().getParent(), Path.of("").toAbsolutePath());
        return demo ? places.forDemo() : places;
    }

    /** @param places where command history lives and where local files go by default */
    FullScreen(
            CloudAccount cloud,
            Keymap keymap,
            Duration refresh,
            int maxEvents,
            Clock clock,
            LogFile log,
            boolean readonly,
            Controls.Places places) {
        this.places = places;
        this.maxEvents = maxEvents;
        this.cloud = cloud;
        this.keymap = readonly ? keymap.withoutChanging() : keymap;
        this.refresh = refresh;
        this.clock = clock;
        this.log = log;
        this.readonly = readonly;
        this.chrome = new Chrome(cloud.serverName(), this.keymap, readonly);
    }

    /**
     * How a conversation that needs its user is rung for ({@code --notify}; the bell unless
     * called); {@code insideTmux} wraps a desktop notification in tmux's passthrough.
     */
    public FullScreen ringing(Ring how, boolean insideTmux) {
        this.ring = how;
        this.insideTmux = insideTmux;
        return this;
    }

    /** The keys in force (without the changing ones under --readonly). */
    Keymap keymap() {
        return keymap;
    }

    /**
     * Starts watching the list before the screen is up: the first request goes out while the
     * terminal is being set up, instead of after it. {@link #run} then shows what it brought.
     */
    public void startWatching() {
        if (watch == null) {
            watch = watch(newScheduler(), chrome);
        }
    }

    /** Runs on an open terminal until the user quits. */
    public void run(TerminalSession session) throws java.io.IOException {
        startWatching();
        try {
            App app = new App(session.screen(), keymap, clock, log, chrome, session.look());
            session.onResize(app::requestRedraw); // re-lay out at once, not at the next tick
            app.onFirstCompleteFrame(this::logLaunchTime);
            ConversationsView home = home(app, chrome, watch.scheduler(), session::send);
            app.run(home);
        } finally {
            watch.scheduler().shutdownNow();
        }
    }

    private static ScheduledExecutorService newScheduler() {
        return Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "ohtop-poller");
            t.setDaemon(true);
            return t;
        });
    }

    /** The launch time as a user feels it, in the log (the benchmark reads this line). */
    private void logLaunchTime() {
        log.info(FIRST_FRAME + System.currentTimeMillis());
    }

    /**
     * The home screen with its poller running (started here unless {@link #startWatching} did),
     * and the controls it opens (it closes them when it closes); also used by tests on a virtual
     * terminal.
     */
    ConversationsView home(App app, Chrome chrome, ScheduledExecutorService scheduler, Notices.Out ringOut) {
        if (watch == null) {
            watch = watch(scheduler, chrome);
        }
        redraw.to(app::requestRedraw);
        Attention attention = watch.attention();
        app.notices(new Notices(attention, ring, insideTmux), ringOut);
        Random random = new Random();
        ConversationBoard board = watch.board();
        CloudWork work = cloud.work(places.historyFile(cloud.server()), scheduler, clock, redraw);
        Controls controls = new Controls(
                work,
                board,
                scheduler,
                clock,
                refresh,
                places,
                redraw,
                app::post,
                app::flash,
                readonly,
                health,
                keymap);
        return new ConversationsView(
                board,
                watch.poller(),
                refresh,
                scheduler,
                row -> {
                    attention.looked(row.id()); // its events opened: looked at
                    return events(row, board, app, scheduler, random, controls, work);
                },
                controls,
                attention,
                redraw);
    }

    /** The list and its poller, which may run before there is a screen to draw on. */
    private record Watch(
            ScheduledExecutorService scheduler, ConversationBoard board, Poller poller, Attention attention) {}

    private Watch watch(ScheduledExecutorService scheduler, Chrome header) {
        ConversationBoard board = cloud.conversations(clock);
        Attention attention = new Attention(clock);
        AtomicBoolean accountAnswered = new AtomicBoolean();
        // The account rides on the list's refreshes until the server has answered for it: a server
        // down at start-up must not leave the header without it once the server is back.
        Poller.Task refreshBoard = () -> {
            board.refresh();
            if (!accountAnswered.get()) {
                redraw.run(); // the list at once; the account joins the header when it comes
                readAccount(header, accountAnswered);
            }
        };
        RedrawWhenNew redrawWhenNew = new RedrawWhenNew(board, redraw);
        Poller poller = new Poller(
                        "conversations", refreshBoard, refresh, scheduler, clock, new Random()::nextDouble, () -> {
                            attention.observe(board.snapshot()); // before the redraw: the UI loop asks it next
                            redrawWhenNew.run();
                        })
                .sharing(health);
        poller.start();
        return new Watch(scheduler, board, poller, attention);
    }

    /**
     * After a refresh of the list: a redraw only when it brought something to show, or failed. Most
     * idle refreshes bring nothing but their time, which the next tick shows: each drew a frame of
     * its own besides the ticks (80 frames a minute instead of 60). Called by the poller, never twice
     * at once.
     */
    private static final class RedrawWhenNew implements Runnable {
        private final ConversationBoard board;
        private final Runnable redraw;
        private BoardSnapshot shown;

        RedrawWhenNew(ConversationBoard board, Runnable redraw) {
            this.board = board;
            this.redraw = redraw;
        }

        @Override
        public void run() {
            BoardSnapshot now = board.snapshot();
            // A failing run always: the status line says when the next try comes, which each run moves.
            if (now.problem() != null || !now.showsSameAs(shown)) {
                redraw.run();
            }
            shown = now;
        }
    }

    /** Asks for a redraw of whatever app is up by then (none yet while the terminal is being set up). */
    private static final class Redraw implements Runnable {
        private volatile Runnable app = () -> {};

        void to(Runnable requestRedraw) {
            app = requestRedraw;
        }

        @Override
        public void run() {
            app.run();
        }
    }

    /** Puts the account in the header; until the server has settled it, it is asked again after a good refresh. */
    private void readAccount(Chrome chrome, AtomicBoolean answered) {
        CloudAccount.Answer account = cloud.readAccount();
        answered.set(account.settled());
        if (account.problem() == null) {
            chrome.account(account.email());
            redraw.run();
        } else {
            log.warn("could not read the account: " + account.problem());
        }
    }

    private EventsView events(
            ConversationRow row,
            ConversationBoard board,
            App app,
            ScheduledExecutorService scheduler,
            Random random,
            Controls controls,
            CloudWork work) {
        EventTail tail =
                cloud.events(row.id(), clock, EventTail.Settings.defaults().withCapacity(maxEvents));
        // New events come over the agent server's socket once the first poll has read the tail;
        // the poller then costs nothing, and polls over REST again whenever the socket is down.
        LiveEvents live = work.live(tail, refresh, random::nextDouble, app::requestRedraw);
        Poller poller = new Poller(
                        "events of " + row.shortId(),
                        live::poll,
                        refresh,
                        scheduler,
                        clock,
                        random::nextDouble,
                        app::requestRedraw)
                .sharing(health);
        poller.start();
        // The statuses in the events header follow the board, which keeps refreshing (slower) behind it.
        return new EventsView(
                () -> {
                    ConversationRow fresh = board.snapshot().row(row.id());
                    return fresh == null ? row : fresh;
                },
                tail,
                poller,
                live,
                controls);
    }
}

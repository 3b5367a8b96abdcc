package dev.ohtop.ui;

import dev.ohtop.api.CloudClient;
import dev.ohtop.api.StartConversationRequest;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.CommandHistory;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.Poller;
import dev.ohtop.monitor.SandboxAccess;
import dev.ohtop.monitor.SandboxBoard;
import dev.ohtop.monitor.SandboxConsole;
import dev.ohtop.monitor.SandboxResumer;
import dev.ohtop.monitor.ServerHealth;
import dev.ohtop.monitor.StartTaskTracker;
import dev.ohtop.monitor.TrajectoryDownload;
import dev.ohtop.monitor.Transfer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The screens that act on a conversation's sandbox or start new work, and what they share: one
 * way to each agent server, one console per conversation (its output and directory survive
 * leaving the screen, and a command keeps being followed), one command history per host (one for
 * the demo, whatever its port), and the
 * worker threads that wait on commands and move files so the UI thread never does.
 */
final class Controls implements AutoCloseable {
    /**
     * Where the console history lives and where downloads, trajectories and saved output go
     * unless the user types another path.
     *
     * @param historyName what the console history is kept under; null for the server's host and port
     */
    record Places(Path stateDir, Path localDir, String historyName) {
        /** The demo's: its ports change every run, its commands are worth keeping all the same. */
        static final String DEMO_HISTORY = "ohtop-demo";

        Places(Path stateDir, Path localDir) {
            this(stateDir, localDir, null);
        }

        Places forDemo() {
            return new Places(stateDir, localDir, DEMO_HISTORY);
        }

        /** The history file for {@code server}; null to keep history in memory only. */
        Path historyFile(URI server) {
            return stateDir == null ? null : stateDir.resolve("history")
                    .resolve(CommandHistory.fileNameFor(historyName != null ? historyName : server.getAuthority()));
        }
    }

    private final CloudClient cloud;
    private final ConversationBoard board;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService worker;
    private final Clock clock;
    private final Duration refresh;
    private final Places places;
    private final Runnable redraw;
    private final boolean readonly;
    /** The keys in force: what the screens' hints name ("Ctrl+X stops waiting"). */
    private final Keymap keys;
    private final CommandHistory history;
    private final Map<String, SandboxAccess> access = new HashMap<>();
    private final Map<String, SandboxConsole> consoles = new HashMap<>();
    private final ServerHealth health;

    /** @param health the app server's, shared by every poller of it */
    Controls(CloudClient cloud, ConversationBoard board, ScheduledExecutorService scheduler, Clock clock,
             Duration refresh, Places places, Runnable redraw, boolean readonly, ServerHealth health, Keymap keys) {
        this.health = health;
        this.keys = keys;
        this.cloud = cloud;
        this.board = board;
        this.scheduler = scheduler;
        this.clock = clock;
        this.refresh = refresh;
        this.places = places;
        this.redraw = redraw;
        this.readonly = readonly;
        this.worker = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ohtop-worker");
            t.setDaemon(true);
            return t;
        });
        this.history = new CommandHistory(places.historyFile(cloud.baseUrl()));
    }

    /**
     * What a key for the selected conversation does ({@link dev.ohtop.keymap.Scope#CONVERSATION}).
     * Under --readonly the keymap has no such keys; this refuses them again in case one comes another way.
     */
    View.Step on(Action action, ConversationRow row) {
        if (row == null) {
            return View.Step.STAY;
        }
        if (readonly && action.changesSomething()) {
            return new View.Step.Flash(Chrome.refusedReadonly(action));
        }
        return switch (action) {
            case OPEN_CONSOLE -> new View.Step.Open(new ConsoleView(latest(row), () -> board.snapshot().refreshedAt(),
                    console(row), resumeOffer(row, Scope.CONSOLE), places.localDir(), keys));
            case UPLOAD -> new View.Step.Open(new TransferView(Transfer.Kind.UPLOAD, latest(row),
                    (remote, local) -> Transfer.upload(access(row), local, remote, worker, clock, redraw),
                    resumeOffer(row, Scope.TRANSFER), places.localDir(), keys));
            case DOWNLOAD -> new View.Step.Open(new TransferView(Transfer.Kind.DOWNLOAD, latest(row),
                    (remote, local) -> Transfer.download(access(row), remote, local, worker, clock, redraw),
                    resumeOffer(row, Scope.TRANSFER), places.localDir(), keys));
            case DOWNLOAD_TRAJECTORY -> new View.Step.Open(new TransferView(Transfer.Kind.TRAJECTORY, latest(row),
                    (remote, local) -> TrajectoryDownload.of(cloud, access(row), row.id(), local, worker, clock, redraw),
                    resumeOffer(row, Scope.TRANSFER), places.localDir(), keys));
            case SEND_MESSAGE -> new View.Step.Open(new MessageView(latest(row), cloud, worker,
                    resumeOffer(row, Scope.COMPOSE), redraw));
            default -> View.Step.STAY;
        };
    }

    /**
     * The sandboxes screen, with its own poller (stopped when the screen closes), its cursor on
     * {@code selected} (the selected conversation's sandbox: the one to pause or resume), if any.
     */
    View sandboxes(String selected) {
        SandboxBoard sandboxes = new SandboxBoard(cloud.tryingOnce(), clock); // its poller's backoff is the retry
        Random random = new Random();
        Poller poller = new Poller("sandboxes", sandboxes::refresh, refresh, scheduler, clock, random::nextDouble,
                redraw).sharing(health);
        poller.start();
        return new SandboxesView(sandboxes, poller, board, cloud, worker, redraw, readonly, selected);
    }

    /** The new-conversation form; READY opens the new conversation's events in its place. */
    View newConversation(Function<ConversationRow, View> openEvents) {
        Function<StartConversationRequest, StartTaskTracker> trackers =
                request -> new StartTaskTracker(cloud, request, scheduler, clock, redraw);
        return new NewConversationView(board, trackers, cloud, worker, openEvents, redraw, keys);
    }

    /** The conversation as the list last saw it, for a screen that stays open while its sandbox changes. */
    private Supplier<ConversationRow> latest(ConversationRow opened) {
        return () -> {
            ConversationRow seen = board.snapshot().row(opened.id());
            return seen != null ? seen : opened;
        };
    }

    private synchronized SandboxAccess access(ConversationRow row) {
        return access.computeIfAbsent(row.id(), id -> new SandboxAccess(cloud, id, cloud.http(), cloud.options()));
    }

    private synchronized SandboxConsole console(ConversationRow row) {
        SandboxAccess way = access(row);
        return consoles.computeIfAbsent(row.id(), id -> new SandboxConsole(way::call, history, worker, scheduler,
                clock, SandboxConsole.Settings.defaults(), redraw));
    }

    /** The keys in force, for a screen's hints. */
    Keymap keys() {
        return keys;
    }

    /** The zone times are shown in: the injected clock's. */
    java.time.ZoneId zone() {
        return clock.getZone();
    }

    private ResumeOffer resumeOffer(ConversationRow row, Scope screen) {
        if (readonly) {
            return ResumeOffer.readOnly(keys, screen);
        }
        SandboxAccess way = access(row);
        return new ResumeOffer(sandboxId -> new SandboxResumer(cloud, sandboxId, scheduler, clock, redraw), way::forget,
                keys, screen);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}

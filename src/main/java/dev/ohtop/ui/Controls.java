package dev.ohtop.ui;

import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.AgentRun;
import dev.ohtop.monitor.CloudWork;
import dev.ohtop.monitor.CommandHistory;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.Poller;
import dev.ohtop.monitor.SandboxBoard;
import dev.ohtop.monitor.ServerHealth;
import dev.ohtop.monitor.Transfer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes the screens that act on a conversation's sandbox or start new work. What they share (the
 * consoles, the command history, the workers) is the monitor's {@link CloudWork}: every change
 * goes through it.
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
            return stateDir == null
                    ? null
                    : stateDir.resolve("history")
                            .resolve(CommandHistory.fileNameFor(
                                    historyName != null ? historyName : server.getAuthority()));
        }
    }

    private final CloudWork work;
    private final ConversationBoard board;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration refresh;
    private final Places places;
    private final Runnable redraw;
    /** The UI thread's hand-off ({@link App#post}), for what a screen must do on a worker's result. */
    private final Executor ui;
    /** Says a line on the status line (on the UI thread): how a pause or run went. */
    private final Consumer<String> say;

    private final boolean readonly;
    /** The keys in force: what the screens' hints name ("Ctrl+X stops waiting"). */
    private final Keymap keys;

    private final ServerHealth health;

    /**
     * @param work   every change goes through it; closed when these controls close
     * @param health the app server's, shared by every poller of it
     * @param say    says a line on the status line; called on the UI thread through {@code ui}
     */
    Controls(
            CloudWork work,
            ConversationBoard board,
            ScheduledExecutorService scheduler,
            Clock clock,
            Duration refresh,
            Places places,
            Runnable redraw,
            Executor ui,
            Consumer<String> say,
            boolean readonly,
            ServerHealth health,
            Keymap keys) {
        this.work = work;
        this.say = say;
        this.health = health;
        this.keys = keys;
        this.board = board;
        this.scheduler = scheduler;
        this.clock = clock;
        this.refresh = refresh;
        this.places = places;
        this.redraw = redraw;
        this.ui = ui;
        this.readonly = readonly;
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
            case OPEN_CONSOLE ->
                new View.Step.Open(new ConsoleView(
                        latest(row),
                        () -> board.snapshot().refreshedAt(),
                        work.console(row.id()),
                        resumeOffer(row, Scope.CONSOLE),
                        places.localDir(),
                        keys));
            case UPLOAD ->
                new View.Step.Open(new TransferView(
                        Transfer.Kind.UPLOAD,
                        latest(row),
                        (remote, local) -> work.upload(row.id(), local, remote),
                        resumeOffer(row, Scope.TRANSFER),
                        places.localDir(),
                        work.sandboxFolder(row.id()),
                        keys));
            case DOWNLOAD ->
                new View.Step.Open(new TransferView(
                        Transfer.Kind.DOWNLOAD,
                        latest(row),
                        (remote, local) -> work.download(row.id(), remote, local),
                        resumeOffer(row, Scope.TRANSFER),
                        places.localDir(),
                        work.sandboxFolder(row.id()),
                        keys));
            case DOWNLOAD_TRAJECTORY ->
                new View.Step.Open(new TransferView(
                        Transfer.Kind.TRAJECTORY,
                        latest(row),
                        (remote, local) -> work.trajectory(row.id(), local),
                        resumeOffer(row, Scope.TRANSFER),
                        places.localDir(),
                        () -> null,
                        keys));
            case SEND_MESSAGE ->
                new View.Step.Open(new MessageView(
                        latest(row),
                        answered -> work.message(latest(row), answered),
                        resumeOffer(row, Scope.COMPOSE),
                        ui));
            case PAUSE_AGENT -> agentRun(AgentRun.PAUSE, row);
            case RUN_AGENT -> agentRun(AgentRun.RUN, row);
            default -> View.Step.STAY;
        };
    }

    /** Pauses or runs the agent through its agent server; how it went is said when the answer comes. */
    private View.Step agentRun(AgentRun change, ConversationRow row) {
        work.agentRun(row.id(), change, said -> ui.execute(() -> say.accept(said)));
        return new View.Step.Flash(change.doing(row.shortId()));
    }

    /** Said instead of a screen that only an app server has (attached to an agent server, there is none). */
    private static View.Step needsAppServer(String what) {
        return new View.Step.Flash(what + " needs the app server: ohtop is attached to one agent server");
    }

    /**
     * The sandboxes screen, with its own poller (stopped when the screen closes), its cursor on
     * {@code selected} (the selected conversation's sandbox: the one to pause or resume), if any.
     */
    View.Step sandboxes(String selected) {
        if (!work.hasAppServer()) {
            return needsAppServer("the sandboxes screen");
        }
        SandboxBoard sandboxes = work.sandboxBoard();
        Random random = new Random();
        Poller poller = new Poller(
                        "sandboxes", sandboxes::refresh, refresh, scheduler, clock, random::nextDouble, redraw)
                .sharing(health);
        poller.start();
        return new View.Step.Open(new SandboxesView(
                sandboxes, poller, board, answered -> work.sandboxPower(sandboxes, answered), ui, readonly, selected));
    }

    /** The new-conversation form; READY opens the new conversation's events in its place. */
    View.Step newConversation(Function<ConversationRow, View> openEvents) {
        if (!work.hasAppServer()) {
            return needsAppServer("starting a conversation");
        }
        return new View.Step.Open(new NewConversationView(board, form -> work.start(form, redraw), openEvents, keys));
    }

    /** The answer to what the conversation waits to have confirmed, on its events screen. */
    ConfirmationBand confirmation(Supplier<ConversationRow> conversation) {
        ConversationRow row = conversation.get();
        return new ConfirmationBand(
                conversation,
                changed -> work.confirmation(row.id(), changed),
                resumeOffer(row, Scope.EVENTS),
                ui,
                readonly);
    }

    /** The conversation as the list last saw it, for a screen that stays open while its sandbox changes. */
    private Supplier<ConversationRow> latest(ConversationRow opened) {
        return () -> {
            ConversationRow seen = board.snapshot().row(opened.id());
            return seen != null ? seen : opened;
        };
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
        return new ResumeOffer(work::resumer, () -> work.forgetAgentServer(row.id()), keys, screen);
    }

    @Override
    public void close() {
        work.close();
    }
}

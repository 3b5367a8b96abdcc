package dev.ohtop.monitor;

import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Every change the monitor makes on Cloud and in sandboxes, and what those changes share: one
 * way to each agent server, one console per conversation (its output and directory survive
 * leaving the screen, and a command keeps being followed), one command history, and the worker
 * threads that wait on commands, requests and files so the UI thread never does. Attached to an
 * agent server ({@code --agent-server}) there is no app server: what needs one
 * ({@link #hasAppServer()}) is not asked for.
 */
public final class CloudWork implements AutoCloseable {
    /** The app server; null when attached to an agent server. */
    private final CloudClient cloud;

    private final AgentServers servers;
    private final HttpClient http;
    private final ClientOptions options;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    /** Told of any change in the shared objects (consoles, transfers, resumes): a redraw. */
    private final Runnable changed;

    private final ExecutorService worker;
    private final CommandHistory history;
    private final Map<String, SandboxAccess> access = new HashMap<>();
    private final Map<String, SandboxConsole> consoles = new HashMap<>();

    /**
     * @param historyFile where the console history is kept; null to keep it in memory only
     * @param changed     told when something shared changes (on the worker or the scheduler)
     */
    CloudWork(
            CloudClient cloud,
            AgentServers servers,
            HttpClient http,
            ClientOptions options,
            Path historyFile,
            ScheduledExecutorService scheduler,
            Clock clock,
            Runnable changed) {
        this.cloud = cloud;
        this.servers = Objects.requireNonNull(servers);
        this.http = Objects.requireNonNull(http);
        this.options = Objects.requireNonNull(options);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.clock = Objects.requireNonNull(clock);
        this.changed = Objects.requireNonNull(changed);
        this.worker = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ohtop-worker");
            t.setDaemon(true);
            return t;
        });
        this.history = new CommandHistory(historyFile);
    }

    /** Whether there is an app server (Cloud or self-hosted): sandboxes and new conversations need one. */
    public boolean hasAppServer() {
        return cloud != null;
    }

    /** The worker threads, for a screen's own slow work that needs no server (writing a file). */
    public ExecutorService worker() {
        return worker;
    }

    /** The conversation's console, the same one each time. */
    public synchronized SandboxConsole console(String conversationId) {
        SandboxAccess way = access(conversationId);
        return consoles.computeIfAbsent(
                conversationId,
                id -> new SandboxConsole(
                        way, history, worker, scheduler, clock, SandboxConsole.Settings.defaults(), changed));
    }

    /** The one way to the conversation's agent server that its console and transfers use: for a command's own calls. */
    public SandboxAccess sandbox(String conversationId) {
        return access(conversationId);
    }

    public Transfer upload(String conversationId, Path localFile, String typedRemote) {
        return Transfer.upload(access(conversationId), localFile, typedRemote, worker, clock, changed);
    }

    public Transfer download(String conversationId, String typedRemote, Path chosen) {
        return Transfer.download(access(conversationId), typedRemote, chosen, worker, clock, changed);
    }

    /** The conversation's trajectory (a zip from the app server, else its agent server), to {@code target}. */
    public Transfer trajectory(String conversationId, Path target) {
        if (cloud == null) {
            return TrajectoryDownload.fromAgentServer(
                    access(conversationId), conversationId, target, worker, clock, changed);
        }
        return TrajectoryDownload.of(cloud, access(conversationId), conversationId, target, worker, clock, changed);
    }

    /**
     * The sandbox's folder as far as it is known now (null until read), for a form to name; a
     * read is started on the worker when none is held, and a redraw asked for when it ends.
     */
    public Supplier<SandboxFolder> sandboxFolder(String conversationId) {
        SandboxAccess way = access(conversationId);
        if (way.heldFolder() == null) {
            try {
                worker.execute(() -> {
                    try {
                        way.folder();
                    } catch (IOException | RuntimeException e) {
                        // not kept: a transfer that needs it reads it again and says why it could not
                    }
                    changed.run();
                });
            } catch (RejectedExecutionException e) {
                // closing: nothing will be drawn
            }
        }
        return way::heldFolder;
    }

    /** Resumes a paused sandbox and follows it to RUNNING (once started); needs the app server. */
    public SandboxResumer resumer(String sandboxId) {
        return new SandboxResumer(appServer(), sandboxId, scheduler, clock, changed);
    }

    /** Forgets where the conversation's agent server was: after a resume it may be elsewhere. */
    public void forgetAgentServer(String conversationId) {
        access(conversationId).forget();
    }

    /**
     * Keeps {@code tail} live over its agent server's socket; its {@link LiveEvents#poll()} is the
     * tail's poller task. Its look-ups are tried once, as a poller's are: its own backoff is the
     * retry, and a failing app server must not get a burst of them at each try.
     */
    public LiveEvents live(EventTail tail, Duration pollEvery, DoubleSupplier random, Runnable changed) {
        AgentServerAddress server = cloud == null
                ? access(tail.conversationId())
                : new SandboxAccess(
                        AgentServers.throughCloud(cloud.tryingOnce()), tail.conversationId(), http, options);
        return new LiveEvents(tail, server, http, options, pollEvery, scheduler, clock, random, changed);
    }

    /** The account's sandboxes, read once per refresh (its poller's backoff is the retry). */
    public SandboxBoard sandboxBoard() {
        return new SandboxBoard(appServer().tryingOnce(), clock);
    }

    /** Pauses and resumes the sandboxes of {@code board}; {@code onAnswer} hears each answer, on the worker. */
    public SandboxPower sandboxPower(SandboxBoard board, Consumer<SandboxPower.Answer> onAnswer) {
        return new SandboxPower(appServer(), board, worker, onAnswer);
    }

    /** A message to the conversation (as the list last saw it); {@code onChange} hears the server's answer. */
    public MessageSend message(Supplier<ConversationRow> conversation, Runnable onChange) {
        if (cloud == null) {
            return new MessageSend(
                    (id, message) -> access(id).call(agent -> {
                        agent.sendMessage(id, message);
                        return null;
                    }),
                    conversation,
                    worker,
                    onChange);
        }
        return new MessageSend(cloud, conversation, worker, onChange);
    }

    /**
     * An answer to the action(s) the conversation waits on in confirmation mode, through its agent
     * server (attached, or found through the app server); {@code onChange} hears how it went.
     */
    public ConfirmationAnswer confirmation(String conversationId, Runnable onChange) {
        return new ConfirmationAnswer(access(conversationId), conversationId, worker, onChange);
    }

    /**
     * Pauses the conversation's agent, or sets it running again, through its agent server's own
     * {@code /pause} and {@code /run}, on the worker; {@code told} hears how it went, in a line.
     */
    public void agentRun(String conversationId, AgentRun change, Consumer<String> told) {
        try {
            worker.execute(() -> told.accept(change.apply(access(conversationId), conversationId)));
        } catch (RejectedExecutionException e) {
            // closing: nothing will be drawn
        }
    }

    /** A new conversation from {@code form}, not yet sent; {@code onChange} hears its progress. */
    public ConversationStart start(ConversationStart.Form form, Runnable onChange) {
        return new ConversationStart(appServer(), form, scheduler, worker, clock, onChange);
    }

    private synchronized SandboxAccess access(String conversationId) {
        return access.computeIfAbsent(conversationId, id -> new SandboxAccess(servers, id, http, options));
    }

    private CloudClient appServer() {
        if (cloud == null) {
            throw new IllegalStateException("attached to an agent server: there is no app server to ask");
        }
        return cloud;
    }

    /** Stops the workers: what they were doing is dropped. */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}

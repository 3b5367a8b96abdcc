package dev.ohtop.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated OpenHands Cloud on loopback: the app server on one port, the agent servers of all
 * sandboxes on another, each under {@code /sandboxes/{sandboxId}}, with their events WebSocket
 * ({@code /sockets/events/{conversationId}}, see {@link EventSockets}) on that same port. Both credentials, the URL
 * derivation from {@code conversation_url}, real bash and real files are exercised as against the
 * real thing. See {@link DemoWorld} for what the simulated account holds and how it moves on.
 */
public final class DemoServer implements AutoCloseable {
    /** The folder every demo sandbox works in (its agent server's conversation record says so). */
    public static final String SANDBOX_FOLDER = SandboxFiles.PROJECT;

    private static final int APP_THREADS = 4;
    // Bash execute holds a thread until its command ends, so the agent port gets more.
    private static final int AGENT_THREADS = 16;

    private final DemoConfig config;
    private final HttpServer appServer;
    /** Answers the agent servers' REST routes on an internal port, behind {@link #agentPort}. */
    private final HttpServer agentServer;

    private final AgentPort agentPort;
    private final EventSockets eventSockets;
    private final ExecutorService appThreads;
    private final ExecutorService agentThreads;
    private final ExecutorService bashThreads;
    /** The writers of event sockets. */
    private final ExecutorService socketThreads;

    private final DemoWorld world;
    private final SandboxFiles files;
    private final BashRunner bash;
    /** Held while this server uses a scratch directory of its own (see {@link LeftScratch}); else null. */
    private final FileLock scratchLock;

    private boolean closed;

    private DemoServer(
            DemoConfig config,
            Endpoint.Interceptor interceptor,
            HttpServer appServer,
            HttpServer agentServer,
            AgentPort agentPort,
            Path scratch,
            FileLock scratchLock) {
        this.config = config;
        this.scratchLock = scratchLock;
        this.appServer = appServer;
        this.agentServer = agentServer;
        this.agentPort = agentPort;
        this.world = new DemoWorld(config.clock(), config.seed(), agentServerUrl(), config.conversationCount());
        this.files = new SandboxFiles(scratch, scratchLock != null);
        IdSource serviceIds = new IdSource(new Random(config.seed() ^ 0x5DEECE66DL));
        this.appThreads = Executors.newFixedThreadPool(APP_THREADS, threads("ohtop-demo-app"));
        this.agentThreads = Executors.newFixedThreadPool(AGENT_THREADS, threads("ohtop-demo-agent"));
        this.bashThreads = Executors.newCachedThreadPool(threads("ohtop-demo-bash"));
        this.socketThreads = Executors.newCachedThreadPool(threads("ohtop-demo-socket"));
        this.bash = new BashRunner(files, serviceIds, config.clock(), bashThreads, System.getenv());
        appServer.createContext(
                "/",
                new Endpoint(
                        ServerRole.APP,
                        interceptor,
                        config.clock(),
                        serviceIds,
                        new AppServer(world, config.apiKey())));
        agentServer.createContext(
                "/",
                new Endpoint(
                        ServerRole.AGENT,
                        interceptor,
                        config.clock(),
                        serviceIds,
                        new AgentServer(world, files, bash, config.legacyFileRoutes())));
        appServer.setExecutor(appThreads);
        agentServer.setExecutor(agentThreads);
        this.eventSockets = new EventSockets(world, config.clock(), interceptor, socketThreads);
    }

    /** Binds both servers to 127.0.0.1 on free ports and starts them. */
    public static DemoServer start(DemoConfig config) throws IOException {
        return start(config, Endpoint.Interceptor.NONE);
    }

    /** As {@link #start(DemoConfig)}, with {@code interceptor} in front of both services: how tests break them. */
    static DemoServer start(DemoConfig config, Endpoint.Interceptor interceptor) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        HttpServer app = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        HttpServer agent;
        AgentPort agentPort;
        try {
            agent = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        } catch (IOException e) {
            app.stop(0);
            throw e;
        }
        try {
            agentPort = AgentPort.bind(
                    new InetSocketAddress(loopback, 0), Executors.newCachedThreadPool(threads("ohtop-demo-door")));
        } catch (IOException e) {
            app.stop(0);
            agent.stop(0);
            throw e;
        }
        Path scratch;
        FileLock scratchLock = null;
        try {
            if (config.scratchRoot() == null) {
                scratch = Files.createTempDirectory(
                        LeftScratch.prefix(ProcessHandle.current().pid()));
                scratchLock = LeftScratch.hold(scratch);
                LeftScratch.removeBeside(scratch); // what killed runs could not remove themselves
            } else {
                scratch = SandboxFiles.createPrivate(config.scratchRoot());
            }
        } catch (IOException | RuntimeException e) {
            app.stop(0);
            agent.stop(0);
            agentPort.close();
            throw e;
        }
        DemoServer server = new DemoServer(config, interceptor, app, agent, agentPort, scratch, scratchLock);
        app.start();
        agent.start();
        agentPort.start(agent.getAddress(), server.eventSockets);
        return server;
    }

    /** The app server, e.g. {@code http://127.0.0.1:PORT}; clients append {@code /api/v1}. */
    public URI appServerUrl() {
        return URI.create("http://127.0.0.1:" + appServer.getAddress().getPort());
    }

    /** The port of all agent servers; one sandbox's agent server is {@link #agentServerUrl(String)}. */
    public URI agentServerUrl() {
        return URI.create("http://127.0.0.1:" + agentPort.port());
    }

    /** One sandbox's agent server: {@code {agentServerUrl}/sandboxes/{sandboxId}}. */
    public URI agentServerUrl(String sandboxId) {
        return world.agentServerUrl(sandboxId);
    }

    public String apiKey() {
        return config.apiKey();
    }

    public DemoConfig config() {
        return config;
    }

    /** The simulated account, to compare what a client shows with what is true. */
    public DemoWorld world() {
        return world;
    }

    /** Where a sandbox's {@code /} lives on this machine (created and seeded if not yet). */
    public Path sandboxRoot(String sandboxId) {
        return files.paths(sandboxId).root();
    }

    /**
     * Closes this server when the JVM ends, however it ends: a signal (Ctrl-C, SIGTERM, a hang-up)
     * ends it without unwinding the code that started the demo, and would leave the scratch
     * directory and running commands behind.
     */
    public DemoServer closingOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "ohtop-demo-shutdown"));
        return this;
    }

    /** Stops both servers (closing open event sockets), kills running commands and deletes the scratch directories this server created. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        bash.close();
        agentPort.close();
        appServer.stop(0);
        agentServer.stop(0);
        ExecutorService[] pools = {appThreads, agentThreads, bashThreads, socketThreads};
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
        }
        for (ExecutorService pool : pools) {
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        files.deleteAll();
        if (scratchLock != null) {
            try {
                scratchLock.channel().close();
            } catch (IOException e) {
                // Closing a lock file cannot lose anything; the directory is gone already.
            }
        }
    }

    /** Runs a demo until interrupted, printing where to point a client. */
    public static void main(String[] args) throws IOException, InterruptedException {
        DemoServer server = start(DemoConfig.defaults()).closingOnExit();
        System.out.println("app server:   " + server.appServerUrl() + "/api/v1");
        System.out.println("agent server: " + server.agentServerUrl() + "/sandboxes/{sandboxId}");
        System.out.println("api key:      " + server.apiKey());
        Thread.currentThread().join();
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

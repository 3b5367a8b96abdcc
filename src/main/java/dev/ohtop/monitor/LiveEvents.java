package dev.ohtop.monitor;

import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.EventSocket;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.StateUpdateEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Keeps one {@link EventTail} up to date from its agent server's socket ({@link EventSocket}),
 * with REST polling as the fallback whenever the socket cannot be had.
 *
 * <p>Its {@link #poll()} is the tail's poller task. The first poll reads over REST, then the
 * socket is opened asking for what came since the newest event held; once a frame arrives the
 * tail is live and a poll costs nothing (no search, no count: the total grows by the events
 * pushed), except older history pages while they fill in. When the socket ends, polls read over
 * REST again at once, and the socket is tried again after 1 s, 2 s, 4 s ... (at most 60 s, with
 * jitter); each connect asks again since the newest held, and the tail merges by id, so nothing
 * is lost or shown twice. A refused key or a server that cannot be reached looks the agent server
 * up again (a resumed sandbox has a new address and key); a paused sandbox just waits its turn.
 *
 * <p>A socket can stall without closing: every {@value #PING_SECONDS} s a ping goes out, and when
 * nothing (no frame, no pong) came for {@value #STALL_SECONDS} s the socket is dropped and made anew.
 *
 * <p>The socket's calls come on the JDK's threads; they change the tail and this state, then call
 * {@code changed} (a redraw request), as a poller does. Nothing here touches a screen.
 */
public final class LiveEvents implements AutoCloseable {
    static final int PING_SECONDS = 15;
    static final int STALL_SECONDS = 30;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    /** How the tail gets its new events now. */
    public enum Mode {
        /** Over REST, every {@link Status#pollEvery}: the socket is waited for. */
        POLLING,
        /** A socket is being opened (REST polls meanwhile). */
        CONNECTING,
        /** Pushed over the socket. */
        LIVE
    }

    /**
     * What the screen says about it.
     *
     * @param again   whether it was live or tried before (a connect is then a reconnect)
     * @param problem why the socket is not up, in one line; null when it is, or has not been tried
     * @param retryAt when the socket is tried again; null when no try is waiting
     */
    public record Status(Mode mode, boolean again, Duration pollEvery, String problem, Instant retryAt) {}

    /** Settings of the socket's upkeep; tests shorten them. */
    record Timing(Duration pingEvery, Duration stallAfter, Duration firstBackoff, Duration maxBackoff) {
        static Timing standard() {
            return new Timing(
                    Duration.ofSeconds(PING_SECONDS), Duration.ofSeconds(STALL_SECONDS), FIRST_BACKOFF, MAX_BACKOFF);
        }
    }

    private final EventTail tail;
    private final AgentServerAddress server;
    private final HttpClient http;
    private final ClientOptions options;
    private final Duration pollEvery;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Runnable changed;
    private final Timing timing;

    private final Object lock = new Object();
    private Mode mode = Mode.POLLING;
    private boolean started;
    private boolean paused;
    private boolean closed;
    private boolean tried;
    private boolean wasLive;
    private int failures;
    private boolean lookAgain;
    private String problem;
    private Instant retryAt;
    private ScheduledFuture<?> nextConnect;
    private ScheduledFuture<?> pings;
    /** The socket in use; callbacks of any other (an old one) are ignored. */
    private Session current;

    public LiveEvents(
            EventTail tail,
            AgentServerAddress server,
            HttpClient http,
            ClientOptions options,
            Duration pollEvery,
            ScheduledExecutorService scheduler,
            Clock clock,
            DoubleSupplier random,
            Runnable changed) {
        this(tail, server, http, options, pollEvery, scheduler, clock, random, changed, Timing.standard());
    }

    LiveEvents(
            EventTail tail,
            AgentServerAddress server,
            HttpClient http,
            ClientOptions options,
            Duration pollEvery,
            ScheduledExecutorService scheduler,
            Clock clock,
            DoubleSupplier random,
            Runnable changed,
            Timing timing) {
        this.tail = Objects.requireNonNull(tail);
        this.server = Objects.requireNonNull(server);
        this.http = Objects.requireNonNull(http);
        this.options = Objects.requireNonNull(options);
        this.pollEvery = Objects.requireNonNull(pollEvery);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
        this.changed = Objects.requireNonNull(changed);
        this.timing = Objects.requireNonNull(timing);
    }

    public EventTail tail() {
        return tail;
    }

    /**
     * The tail's poller task: over REST unless live, and then only older history while it fills
     * in (no request once it has). After the first REST poll, the socket is opened.
     */
    public void poll() throws ApiException {
        if (status().mode() == Mode.LIVE) {
            tail.pollOlder();
            return;
        }
        tail.poll();
        synchronized (lock) {
            if (!started) {
                started = true;
                connectLocked(Duration.ZERO);
            }
        }
    }

    public Status status() {
        synchronized (lock) {
            return new Status(mode, tried, pollEvery, problem, retryAt);
        }
    }

    /** Behind another screen: the socket is closed and not tried again until {@link #resume()}. */
    public void pause() {
        Session ended;
        synchronized (lock) {
            paused = true;
            ended = stopLocked();
        }
        close(ended);
    }

    /** In front again: the socket is tried at once (when the first poll has been). */
    public void resume() {
        synchronized (lock) {
            if (!paused || closed) {
                return;
            }
            paused = false;
            if (started) {
                connectLocked(Duration.ZERO);
            }
        }
    }

    /** For good: the screen closed. */
    @Override
    public void close() {
        Session ended;
        synchronized (lock) {
            closed = true;
            ended = stopLocked();
        }
        close(ended);
    }

    private static void close(Session session) {
        if (session != null && session.socket != null) {
            session.socket.close();
        }
    }

    private Session stopLocked() {
        cancel(nextConnect);
        cancel(pings);
        nextConnect = null;
        pings = null;
        retryAt = null;
        mode = Mode.POLLING;
        Session was = current;
        current = null;
        return was;
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private void connectLocked(Duration delay) {
        cancel(nextConnect);
        if (closed || paused || current != null) {
            return;
        }
        try {
            nextConnect = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
            retryAt = delay.isZero() ? null : clock.instant().plus(delay);
        } catch (RejectedExecutionException shutDown) {
            closed = true;
        }
    }

    /** On the scheduler: finds the agent server (again, when it may have moved) and opens a socket. */
    private void connect() {
        boolean afresh;
        Session session = new Session();
        synchronized (lock) {
            if (closed || paused || current != null) {
                return;
            }
            nextConnect = null;
            retryAt = null;
            mode = Mode.CONNECTING;
            afresh = lookAgain;
            lookAgain = false;
            current = session;
        }
        changed.run();
        AgentEndpoint endpoint;
        try {
            if (afresh) {
                server.forget();
            }
            endpoint = server.endpoint();
        } catch (IOException | RuntimeException e) {
            // A paused sandbox (SandboxNotReadyException) or an app server not answering: poll, try later.
            session.ended(new EventSocket.Closed(EventSocket.Ending.UNREACHABLE, 0, message(e)), false);
            return;
        }
        session.asked = tail.newestTimestamp();
        session.startedAt = clock.instant();
        EventSocket socket =
                EventSocket.open(http, endpoint, options, tail.conversationId(), session.asked, clock, session);
        synchronized (lock) {
            session.socket = socket;
            if (current != session) {
                socket.close(); // paused or closed meanwhile
            }
        }
    }

    private static String message(Exception e) {
        if (e instanceof ApiException || e instanceof SandboxNotReadyException) {
            return e.getMessage();
        }
        return Poller.messageOf(e);
    }

    /** The next {@link #pingOrDrop} of this socket, one period from now (each run schedules the next). */
    private void pingLaterLocked(Session session) {
        cancel(pings);
        try {
            pings = scheduler.schedule(
                    () -> pingOrDrop(session), timing.pingEvery().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            closed = true;
        }
    }

    /** Every ping period while a socket is open: ping, or drop it when nothing came for too long. */
    private void pingOrDrop(Session session) {
        EventSocket socket;
        boolean stalled;
        synchronized (lock) {
            if (current != session) {
                return;
            }
            socket = session.socket; // null for a moment after opening: see connect()
            Instant heard = socket == null || socket.lastHeard() == null ? session.openedAt : socket.lastHeard();
            stalled = socket != null && !clock.instant().isBefore(heard.plus(timing.stallAfter()));
            if (!stalled) {
                pingLaterLocked(session);
            }
        }
        if (socket == null) {
            return;
        }
        if (stalled) {
            socket.abort("nothing heard from the agent server for "
                    + timing.stallAfter().toSeconds() + " s: reconnecting");
        } else {
            socket.ping();
        }
    }

    private Duration backoff() {
        long base = timing.firstBackoff().toMillis() << Math.min(failures - 1, 16);
        long jittered = (long) (base * (0.75 + random.getAsDouble() / 2));
        return Duration.ofMillis(Math.min(timing.maxBackoff().toMillis(), jittered));
    }

    /**
     * The per-connection snapshot of the conversation's state the server sends first on each
     * connect: made for this socket alone (the REST feed never has it), so it is not held.
     */
    static boolean connectionOnly(Event event) {
        return event instanceof StateUpdateEvent state && "full_state".equals(state.key());
    }

    /** One socket's calls: only the current one's count. */
    private final class Session implements EventSocket.Listener {
        volatile EventSocket socket;
        volatile Instant openedAt;
        /** The timestamp it asked the resend from (null: all), and when it was asked. */
        volatile String asked;

        volatile Instant startedAt;
        private boolean heardOnce;

        @Override
        public void opened() {
            synchronized (lock) {
                if (current == this) {
                    openedAt = clock.instant();
                    pingLaterLocked(this);
                }
            }
        }

        @Override
        public void event(Event event) {
            boolean recount = false;
            if (!heardOnce) {
                heardOnce = true;
                synchronized (lock) {
                    if (current != this) {
                        return;
                    }
                    mode = Mode.LIVE;
                    recount = wasLive; // the socket's first frame: live (again)
                    wasLive = true;
                    tried = true;
                    failures = 0;
                    problem = null;
                }
            }
            if (!connectionOnly(event)) {
                tail.push(List.of(event));
            }
            changed.run();
            if (recount) {
                recountLater();
            }
        }

        @Override
        public void closed(EventSocket.Closed why) {
            ended(why, why.suggestsMoved());
        }

        void ended(EventSocket.Closed why, boolean moved) {
            if (young()) {
                // The server subscribes before it resends, so live events may have come before
                // older resent ones it never got to: the next try asks from where this one did.
                tail.rewindTo(asked);
            }
            synchronized (lock) {
                if (current != this) {
                    return; // an old socket, or one we closed ourselves
                }
                current = null;
                cancel(pings);
                pings = null;
                mode = Mode.POLLING;
                tried = true;
                failures++;
                problem = why.message();
                lookAgain = lookAgain || moved;
                connectLocked(backoff());
            }
            changed.run();
        }

        /**
         * Whether it may have ended during its resend: ended within the stall deadline of its
         * start (a resend takes far less; a socket that lived longer is taken to have finished it).
         */
        private boolean young() {
            Instant started = startedAt;
            return started != null && clock.instant().isBefore(started.plus(timing.stallAfter()));
        }
    }

    /** A reconnect counts again once: what was counted live may have drifted (events the socket does not hold). */
    private void recountLater() {
        try {
            scheduler.execute(() -> {
                try {
                    tail.recount();
                } catch (ApiException e) {
                    // The count stays as counted live; the next one will do.
                }
                changed.run();
            });
        } catch (RejectedExecutionException shutDown) {
            // Closing.
        }
    }

    @Override
    public String toString() {
        return "LiveEvents[" + tail.conversationId() + ", " + status().mode() + "]";
    }
}

package dev.ohtop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent server's {@code /sockets/events/{conversationId}}, for every sandbox: decides whether
 * an upgrade may go ahead, and pushes each conversation's events to its sockets as the world
 * records them.
 *
 * <p>One thread pushes for all sockets. It sleeps until the world's next planned event for a
 * conversation someone listens to, or until the world says something changed (a request recorded
 * an event, a sandbox paused): no ticking, so an idle demo costs no CPU.
 */
final class EventSockets implements AutoCloseable {
    private static final String SANDBOXES = "/sandboxes/";
    private static final String EVENTS = "/sockets/events/";

    /** A socket the pusher serves, and how far into its conversation's events it has been sent. */
    private static final class Subscription {
        final EventSocket socket;
        int sent;

        Subscription(EventSocket socket, int sent) {
            this.socket = socket;
            this.sent = sent;
        }
    }

    /** What to do to one socket once the world's lock is released. */
    private record Delivery(EventSocket socket, List<ObjectNode> events, int closeCode, boolean drop) {}

    private final DemoWorld world;
    private final Clock clock;
    private final Endpoint.Interceptor interceptor;
    private final Executor threads;
    private final Set<EventSocket> open = ConcurrentHashMap.newKeySet();
    private final Queue<EventSocket> joining = new ConcurrentLinkedQueue<>();
    /** Only the pusher thread touches this. */
    private final Map<EventSocket, Subscription> live = new HashMap<>();

    private final AtomicBoolean woken = new AtomicBoolean();
    private final Thread pusher;
    private volatile boolean closed;

    EventSockets(DemoWorld world, Clock clock, Endpoint.Interceptor interceptor, Executor threads) {
        this.world = world;
        this.clock = clock;
        this.interceptor = interceptor;
        this.threads = threads;
        this.pusher = new Thread(this::push, "ohtop-demo-live");
        pusher.setDaemon(true);
        pusher.start();
        world.whenChanged(this::wake);
    }

    /** Serves an upgrade request on the calling thread until its socket closes; or refuses it. */
    void upgrade(SocketChannel channel, RequestHead head) throws IOException {
        String path = head.path();
        HttpAnswer refusal = interceptor.upgrading(path);
        Target target = null;
        if (refusal == null) {
            target = Target.of(path, head.rawQuery());
            refusal = target == null ? HttpAnswer.forbidden() : refusal(target.sandboxId());
        }
        if (refusal != null || closed) {
            try (channel) {
                if (refusal != null) {
                    refusal.writeTo(Channels.newOutputStream(channel));
                }
            }
            return;
        }
        EventSocket socket =
                new EventSocket(channel, path, target.sandboxId(), target.conversationId(), target.resend(), this);
        open.add(socket);
        if (closed) {
            socket.cut();
        }
        socket.serve(head.bytes(), threads);
    }

    /** As the agent port answers REST for a sandbox that is gone (404) or not running (the proxy's 503). */
    private HttpAnswer refusal(String sandboxId) {
        SandboxStatus status = world.act(w -> {
            Sandbox sandbox = w.sandbox(sandboxId);
            return sandbox == null ? null : sandbox.status;
        });
        if (status == null) {
            return HttpAnswer.json(404, "Not Found", "{\"detail\":\"Not Found\"}");
        }
        return status == SandboxStatus.RUNNING ? null : HttpAnswer.proxyPage(503, "Service Temporarily Unavailable");
    }

    boolean isSessionKey(String sandboxId, String presented) {
        String expected = world.act(w -> {
            Sandbox sandbox = w.sandbox(sandboxId);
            return sandbox == null ? null : sandbox.sessionKey;
        });
        return expected != null && EventSocket.sameKey(presented, expected);
    }

    /** An authenticated socket: the pusher sends it the state, the resend, then what happens. */
    void subscribe(EventSocket socket) {
        joining.add(socket);
        wake();
    }

    void opened(EventSocket socket) {
        interceptor.opened(socket);
    }

    void closed(EventSocket socket) {
        open.remove(socket);
    }

    /** The world changed: push what is new. Cheap and non-blocking (it runs under the world's lock). */
    private void wake() {
        if (Thread.currentThread() != pusher && !woken.getAndSet(true)) {
            LockSupport.unpark(pusher);
        }
    }

    private void push() {
        while (!closed) {
            woken.set(false);
            Instant due = pushOnce();
            while (!woken.get() && !closed) {
                if (due == null) {
                    LockSupport.park(this);
                    continue;
                }
                long nanos = Duration.between(clock.instant(), due).toNanos();
                if (nanos <= 0) {
                    break;
                }
                // A millisecond late, so the world has surely reached the event when asked.
                LockSupport.parkNanos(this, nanos + 1_000_000);
            }
        }
    }

    /** Sends every live socket what is new for it; returns when the next event is due, or null. */
    private Instant pushOnce() {
        live.keySet().removeIf(socket -> !socket.isOpen());
        List<EventSocket> newcomers = new ArrayList<>();
        for (EventSocket socket; (socket = joining.poll()) != null; ) {
            newcomers.add(socket);
        }
        if (live.isEmpty() && newcomers.isEmpty()) {
            return null; // Nobody listens: the world's changes are nobody's business here.
        }
        List<Delivery> deliveries = new ArrayList<>();
        Instant due = world.act(w -> {
            for (EventSocket socket : newcomers) {
                deliveries.add(join(w, socket));
            }
            for (Subscription subscription : live.values()) {
                deliveries.add(update(w, subscription));
            }
            return w.nextEventAt(
                    live.keySet().stream().map(EventSocket::conversationId).toList());
        });
        for (Delivery delivery : deliveries) {
            if (delivery.drop()) {
                live.remove(delivery.socket());
                delivery.socket().cut();
            } else if (delivery.closeCode() != 0) {
                live.remove(delivery.socket());
                delivery.socket().closeWith(delivery.closeCode(), "Conversation not found");
            } else if (!delivery.events().isEmpty()) {
                delivery.socket()
                        .send(delivery.events().stream().map(Json::text).toList());
            }
        }
        return due;
    }

    /** The first frames of a socket: the conversation's state as it is now, then the resend it asked for. */
    private Delivery join(DemoWorld w, EventSocket socket) {
        Conversation conversation = w.conversationById(socket.conversationId());
        if (conversation == null || !conversation.sandboxId.equals(socket.sandboxId())) {
            return new Delivery(socket, List.of(), EventSocket.NOT_FOUND, false);
        }
        if (!w.sandbox(socket.sandboxId()).isRunning()) {
            return new Delivery(socket, List.of(), 0, true);
        }
        List<ObjectNode> frames = new ArrayList<>();
        frames.add(EventJson.currentState(
                w.now(), conversation.origin.llmModel(), conversation.executionStatus, conversation.metrics));
        // As the real server pages through its own event search: no streaming deltas, no stored snapshot.
        EventSocket.Resend resend = socket.resend();
        if (resend.all() || resend.after() != null) {
            EventFilter filter = new EventFilter(null, true, null, null, resend.all() ? null : resend.after(), null);
            conversation.events.matching(filter, false).forEach(e -> frames.add(e.json()));
        }
        live.put(socket, new Subscription(socket, conversation.eventCount()));
        return new Delivery(socket, frames, 0, false);
    }

    /** What a live socket has not been sent yet; a paused sandbox or a deleted conversation drops it. */
    private Delivery update(DemoWorld w, Subscription subscription) {
        EventSocket socket = subscription.socket;
        Conversation conversation = w.conversationById(socket.conversationId());
        if (conversation == null || !w.sandbox(socket.sandboxId()).isRunning()) {
            return new Delivery(socket, List.of(), 0, true);
        }
        List<ObjectNode> frames = new ArrayList<>();
        for (ConversationEvents.Stored event : conversation.events.from(subscription.sent)) {
            if (!EventFilter.isStateSnapshot(event)) {
                frames.add(event.json());
            }
        }
        subscription.sent = conversation.eventCount();
        return new Delivery(socket, frames, 0, false);
    }

    /** Closes every socket (no close frame: the server is going away) and stops the pusher. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(pusher);
        for (EventSocket socket : open) {
            socket.cut();
        }
        try {
            pusher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where an upgrade asks to go: a sandbox, a conversation and a resend mode the real route would accept. */
    private record Target(String sandboxId, String conversationId, EventSocket.Resend resend) {
        /** Null when the real server would refuse before accepting (no such route, not a UUID, a bad query). */
        static Target of(String path, String rawQuery) {
            if (!path.startsWith(SANDBOXES)) {
                return null;
            }
            int end = path.indexOf('/', SANDBOXES.length());
            if (end < 0 || !path.startsWith(EVENTS, end)) {
                return null;
            }
            String conversationId = IdSource.normalizeHex(path.substring(end + EVENTS.length()));
            if (conversationId == null) {
                return null;
            }
            Query query = Query.parse(rawQuery);
            String mode = query.first("resend_mode");
            Instant after;
            try {
                after = query.instant("after_timestamp");
            } catch (ApiError e) {
                return null;
            }
            EventSocket.Resend resend;
            if (mode == null) {
                resend = new EventSocket.Resend("true".equalsIgnoreCase(query.first("resend_all")), null);
            } else if (mode.equals("all")) {
                resend = new EventSocket.Resend(true, null);
            } else if (mode.equals("since")) {
                resend = new EventSocket.Resend(false, after);
            } else {
                return null;
            }
            return new Target(path.substring(SANDBOXES.length(), end), conversationId, resend);
        }
    }
}

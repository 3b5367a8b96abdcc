package dev.ohtop.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.EventParser;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One conversation's events pushed live by its agent server ({@code /sockets/events/{id}}), over
 * the JDK's WebSocket. The session key goes only in the first frame
 * ({@code {"type":"auth","session_api_key":...}}): never in the URL (proxies log URLs) nor a header.
 * On connect the server resends what was missed: the events at or after the timestamp given
 * (the newest one held, passed back untouched), or all of them when none is held.
 *
 * <p>Each text frame is one event's JSON, read by the same lenient parser as REST pages; a frame
 * that is not JSON is skipped and counted. A frame is gathered from its parts up to the client's
 * JSON cap ({@link ClientOptions#maxJsonBytes()}, in characters): past it the socket is given up,
 * so a hostile server costs memory by the cap, and the caller catches up over REST.
 *
 * <p>The listener's calls come on the JDK's threads, one at a time, and {@link Listener#closed}
 * exactly once, whatever ended the socket (the server, the network, the cap, or {@link #close()}).
 */
public final class EventSocket {
    /** What the caller hears: opened (handshake done and auth sent), each event, and the end. */
    public interface Listener {
        void opened();

        void event(Event event);

        void closed(Closed closed);
    }

    /** Why a socket ended, in kinds a caller acts on. */
    public enum Ending {
        /** 4001: the key is wrong or stale (a resumed sandbox has a new one): look the server up again. */
        REFUSED_KEY,
        /** 4004: the agent server does not know the conversation. */
        NO_SUCH_CONVERSATION,
        /** 1013: too many connections, or the server not ready: later. */
        BUSY,
        /**
         * The upgrade was refused with an HTTP status: a proxy without WebSocket or a server without
         * the socket (404: polling it is), a sandbox not up or moved (401, 403, 5xx: look again).
         */
        UPGRADE_REFUSED,
        /** No connection could be made. */
        UNREACHABLE,
        /** The connection broke, or closed without a close frame. */
        LOST,
        /** A frame past the cap. */
        TOO_LARGE,
        /** Plain http off loopback without --insecure: the key is never sent. */
        INSECURE,
        /** The server closed it in the ordinary way. */
        CLOSED,
        /** {@link #close()} or {@link #abort(String)} ended it. */
        STOPPED
    }

    /**
     * @param code    the close code, or the HTTP status of a refused upgrade; 0 when there is none
     * @param message one plain line for the user (the server's own reason text is never shown)
     */
    public record Closed(Ending ending, int code, String message) {
        /** The agent server may have moved or changed its key (a pause and resume): worth looking it up again. */
        public boolean suggestsMoved() {
            return ending == Ending.REFUSED_KEY
                    || ending == Ending.UNREACHABLE
                    // 403 is left out: a proxy that does not pass WebSockets says it, and looking the
                    // sandbox up again would not change its mind.
                    || (ending == Ending.UPGRADE_REFUSED && (code == 401 || code >= 500));
        }
    }

    private static final int NORMAL = 1000;

    private final URI uri;
    private final Credential key;
    private final int maxFrameChars;
    private final Clock clock;
    private final Listener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final StringBuilder frame = new StringBuilder();
    private volatile WebSocket socket;
    private volatile Instant lastHeard;
    private volatile long skippedFrames;

    private EventSocket(URI uri, Credential key, int maxFrameChars, Clock clock, Listener listener) {
        this.uri = uri;
        this.key = key;
        this.maxFrameChars = maxFrameChars;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Starts connecting and returns at once; the listener hears {@link Listener#opened} or
     * {@link Listener#closed}. Under the same cleartext rule as REST ({@link TransportPolicy}).
     *
     * @param afterTimestamp the newest timestamp held, as the server wrote it; null to have every event resent
     */
    public static EventSocket open(
            HttpClient http,
            AgentEndpoint endpoint,
            ClientOptions options,
            String conversationId,
            String afterTimestamp,
            Clock clock,
            Listener listener) {
        URI uri = uri(endpoint.baseUrl(), conversationId, afterTimestamp);
        int cap = (int) Math.min(Integer.MAX_VALUE - 16, options.maxJsonBytes());
        EventSocket socket = new EventSocket(uri, endpoint.sessionKey(), cap, clock, Objects.requireNonNull(listener));
        try {
            TransportPolicy.check(endpoint.baseUrl(), options.allowInsecure(), "live events");
        } catch (ApiException insecure) {
            socket.end(new Closed(Ending.INSECURE, 0, insecure.getMessage()));
            return socket;
        }
        http.newWebSocketBuilder()
                .header("User-Agent", HttpCore.USER_AGENT)
                .connectTimeout(options.connectTimeout())
                .buildAsync(uri, socket.new Frames())
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        socket.end(socket.failed(failure));
                    }
                });
        return socket;
    }

    /** {@code ws(s)://server/sockets/events/{id}?resend_mode=...}: the key is never part of it. */
    static URI uri(URI base, String conversationId, String afterTimestamp) {
        String b = base.toString();
        b = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        String scheme = b.startsWith("https:") ? "wss:" + b.substring(6) : "ws:" + b.substring(b.indexOf(':') + 1);
        String query = afterTimestamp == null
                ? "resend_mode=all"
                : "resend_mode=since&after_timestamp=" + Query.component(afterTimestamp);
        return URI.create(scheme + "/sockets/events/" + HttpCore.segment(conversationId) + "?" + query);
    }

    public URI uri() {
        return uri;
    }

    /** When a frame (an event, a ping or a pong) last came; null before any. */
    public Instant lastHeard() {
        return lastHeard;
    }

    /** Frames skipped because they were not JSON. */
    public long skippedFrames() {
        return skippedFrames;
    }

    /** Asks the server for a pong (its answer counts as heard); does nothing before the socket is open. */
    public void ping() {
        WebSocket ws = socket;
        if (ws != null && !ended.get()) {
            try {
                ws.sendPing(ByteBuffer.wrap("ohtop".getBytes(StandardCharsets.US_ASCII)));
            } catch (IllegalStateException closing) {
                // The socket is closing: its end is told by itself, and no pong is the stall check's business.
            }
        }
    }

    /** Ends it politely (a close frame), telling the listener {@link Ending#STOPPED}. */
    public void close() {
        WebSocket ws = socket;
        if (end(new Closed(Ending.STOPPED, NORMAL, "stopped")) && ws != null) {
            ws.sendClose(NORMAL, "").whenComplete((w, e) -> ws.abort());
        }
    }

    /** Ends it at once (a stalled socket may not take a close frame), with {@code why} for the listener. */
    public void abort(String why) {
        end(new Closed(Ending.STOPPED, 0, why));
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    /** Tells the listener once; true for the call that did. */
    private boolean end(Closed closed) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        synchronized (frame) {
            frame.setLength(0);
            frame.trimToSize();
        }
        listener.closed(closed);
        return true;
    }

    private void heard() {
        lastHeard = clock.instant();
    }

    /** A failure to connect or of the connection, in plain words (no URL: it says nothing the user needs). */
    private Closed failed(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof WebSocketHandshakeException refused) {
            int status =
                    refused.getResponse() == null ? 0 : refused.getResponse().statusCode();
            return new Closed(
                    Ending.UPGRADE_REFUSED,
                    status,
                    "the agent server refused the live connection (HTTP " + status + ")");
        }
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return new Closed(Ending.UNREACHABLE, 0, "could not reach the agent server for live events");
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new Closed(Ending.LOST, 1006, "the live connection was lost (" + key.redact(oneLine(detail)) + ")");
    }

    static Closed fromClose(int code) {
        return switch (code) {
            case 4001 -> new Closed(Ending.REFUSED_KEY, code, "the agent server refused the session key");
            case 4004 -> new Closed(Ending.NO_SUCH_CONVERSATION, code, "the agent server has no such conversation");
            case 1013 -> new Closed(Ending.BUSY, code, "the agent server has too many connections: trying later");
            case 1000, 1001 -> new Closed(Ending.CLOSED, code, "the agent server closed the live connection");
            default -> new Closed(Ending.LOST, code, "the live connection was lost (close code " + code + ")");
        };
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** Reads one whole frame; a frame that is not JSON is skipped, anything else becomes an event. */
    private void deliver(String text) {
        JsonNode node;
        try {
            node = JsonTree.read(text);
        } catch (JsonProcessingException notJson) {
            skippedFrames++;
            return;
        }
        if (node == null || node.isMissingNode()) {
            skippedFrames++;
            return;
        }
        listener.event(EventParser.parse(node));
    }

    @Override
    public String toString() {
        return "EventSocket[" + uri + "]";
    }

    /** The JDK's listener: one frame at a time (the next is asked for when this one is handled). */
    private final class Frames implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket ws) {
            socket = ws;
            if (ended.get()) {
                ws.abort();
                return;
            }
            ws.sendText(authFrame(), true);
            ws.request(1);
            listener.opened();
        }

        private String authFrame() {
            return Json.MAPPER
                    .createObjectNode()
                    .put("type", "auth")
                    .put("session_api_key", key.headerValue()) // a session key has no prefix
                    .toString();
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            heard();
            String whole = null;
            synchronized (frame) {
                if (frame.length() + data.length() > maxFrameChars) {
                    frame.setLength(0);
                    frame.trimToSize();
                    ws.abort();
                    end(new Closed(
                            Ending.TOO_LARGE,
                            0,
                            "a live event was larger than " + ByteSizes.of(maxFrameChars) + ": catching up over REST"));
                    return null;
                }
                frame.append(data);
                if (last) {
                    whole = frame.toString();
                    frame.setLength(0);
                    if (frame.capacity() > 64 * 1024) {
                        frame.trimToSize();
                    }
                }
            }
            if (whole != null && !ended.get()) {
                deliver(whole);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            heard(); // not part of the protocol: ignored
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            heard(); // the JDK answers with a pong by itself
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            heard();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            end(fromClose(code));
            ws.sendClose(NORMAL, "").whenComplete((w, e) -> ws.abort());
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            end(failed(error));
        }
    }
}

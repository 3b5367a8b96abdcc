package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.Handshakedata;

/**
 * One connection to {@code /sockets/events/{conversationId}}, from its upgrade request to its
 * close. Java-WebSocket does the handshake and the framing ({@link WebSocketImpl} in the server
 * role); this class feeds it the connection's bytes on one thread and writes what it queues on
 * another. The first frame must authenticate within {@link #AUTH_TIMEOUT_MILLIS}, as on the real
 * agent server; then {@link EventSockets} sends it the conversation's events.
 */
final class EventSocket extends WebSocketAdapter implements Endpoint.OpenSocket {
    /** The real server's {@code _FIRST_MESSAGE_AUTH_TIMEOUT_SECONDS}. */
    static final int AUTH_TIMEOUT_MILLIS = 10_000;

    static final int AUTH_FAILED = 4001;
    static final int NOT_FOUND = 4004;

    /** Put on the out queue to tell the writer that nothing more will come. */
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    /** What to send again on subscribing: nothing, everything, or what happened from {@code after} on. */
    record Resend(boolean all, Instant after) {}

    private final SocketChannel channel;
    private final String path;
    private final String sandboxId;
    private final String conversationId;
    private final Resend resend;
    private final EventSockets owner;
    private final WebSocketImpl impl = new WebSocketImpl(this, List.of(new Draft_6455()));
    private volatile boolean authenticated;
    private volatile boolean stalled;
    private volatile boolean closed;

    EventSocket(
            SocketChannel channel,
            String path,
            String sandboxId,
            String conversationId,
            Resend resend,
            EventSockets owner) {
        this.channel = channel;
        this.path = path;
        this.sandboxId = sandboxId;
        this.conversationId = conversationId;
        this.resend = resend;
        this.owner = owner;
    }

    String sandboxId() {
        return sandboxId;
    }

    String conversationId() {
        return conversationId;
    }

    Resend resend() {
        return resend;
    }

    /**
     * Serves the connection on the calling thread until it closes: the handshake in {@code head},
     * then every frame the client sends. The writer runs on {@code writerThreads}.
     */
    void serve(byte[] head, Executor writerThreads) {
        Socket socket = channel.socket();
        try {
            writerThreads.execute(this::write);
            socket.setSoTimeout(AUTH_TIMEOUT_MILLIS);
            impl.decode(ByteBuffer.wrap(head));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            while (!impl.isClosed() && !closed) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    socket.setSoTimeout(0);
                    if (!authenticated) {
                        impl.close(AUTH_FAILED, "Authentication failed");
                    }
                    continue;
                }
                if (n < 0) {
                    break;
                }
                impl.decode(ByteBuffer.wrap(buffer, 0, n));
            }
        } catch (IOException | RuntimeException e) {
            // The connection broke or was cut: nothing more to read either way.
        } finally {
            impl.eot();
            drop();
        }
    }

    /** Queues one text frame per event; a socket that has closed meanwhile takes none. */
    void send(List<String> frames) {
        try {
            for (String frame : frames) {
                impl.send(frame);
            }
        } catch (WebsocketNotConnectedException e) {
            // Closed between the world's answer and now: the client is gone.
        }
    }

    /** Closes with a close frame, as the real server closes a socket it will not serve. */
    void closeWith(int code, String reason) {
        impl.close(code, reason);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void stall() {
        stalled = true;
    }

    @Override
    public void cut() {
        drop();
    }

    @Override
    public void onWebsocketOpen(WebSocket conn, Handshakedata handshake) {
        // Nothing yet: the client must authenticate with its first frame.
    }

    @Override
    public void onWebsocketMessage(WebSocket conn, String message) {
        if (authenticated) {
            return; // The demo takes nothing over the socket after the auth frame (docs/fidelity.md).
        }
        if (!owner.isSessionKey(sandboxId, presentedKey(message))) {
            impl.close(AUTH_FAILED, "Authentication failed");
            return;
        }
        authenticated = true;
        try {
            channel.socket().setSoTimeout(0);
        } catch (IOException e) {
            drop();
            return;
        }
        owner.subscribe(this);
    }

    @Override
    public void onWebsocketMessage(WebSocket conn, ByteBuffer blob) {
        if (!authenticated) {
            impl.close(AUTH_FAILED, "Authentication failed");
        }
    }

    @Override
    public void onWebsocketClosing(WebSocket conn, int code, String reason, boolean remote) {
        impl.outQueue.add(END);
    }

    @Override
    public void onWebsocketCloseInitiated(WebSocket conn, int code, String reason) {
        // The close frame follows; onWebsocketClosing tells the writer.
    }

    @Override
    public void onWebsocketClose(WebSocket conn, int code, String reason, boolean remote) {
        closed = true;
        impl.outQueue.add(END);
        owner.closed(this);
    }

    @Override
    public void onWebsocketError(WebSocket conn, Exception ex) {
        // Java-WebSocket closes the connection itself after an error; nothing to add.
    }

    @Override
    public void onWriteDemand(WebSocket conn) {
        // The writer waits on the out queue already.
    }

    @Override
    public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
        return (InetSocketAddress) channel.socket().getLocalSocketAddress();
    }

    @Override
    public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
        return (InetSocketAddress) channel.socket().getRemoteSocketAddress();
    }

    /** The writer: the 101, then frames (pongs, events, the close frame) in the order queued. */
    private void write() {
        boolean handshakeSent = false;
        try {
            while (true) {
                ByteBuffer buffer = impl.outQueue.take();
                if (buffer == END) {
                    if (!stalled) {
                        drop(); // The close frame is out: the server closes the TCP connection first.
                    }
                    return;
                }
                if (stalled && handshakeSent) {
                    continue;
                }
                boolean switching = !handshakeSent && isSwitchingProtocols(buffer);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                handshakeSent = true;
                if (switching) {
                    owner.opened(this);
                }
            }
        } catch (IOException e) {
            drop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the handshake answer is the 101 (Java-WebSocket answers a broken handshake with 404). */
    private static boolean isSwitchingProtocols(ByteBuffer answer) {
        byte[] start = new byte[Math.min(12, answer.remaining())];
        answer.duplicate().get(start);
        return new String(start, StandardCharsets.US_ASCII).endsWith(" 101");
    }

    private void drop() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all that was wanted.
        }
    }

    /** The key of a {@code {"type":"auth","session_api_key":"..."}} frame; null for anything else. */
    private static String presentedKey(String message) {
        try {
            JsonNode frame = Json.parse(message.getBytes(StandardCharsets.UTF_8));
            if (frame.isObject() && "auth".equals(frame.path("type").asText(null))) {
                JsonNode key = frame.get("session_api_key");
                return key != null && key.isTextual() && !key.asText().isEmpty() ? key.asText() : null;
            }
        } catch (IOException e) {
            // Not JSON: no key.
        }
        return null;
    }

    /** Constant-time, as the REST guard compares. */
    static boolean sameKey(String given, String expected) {
        return given != null
                && MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}

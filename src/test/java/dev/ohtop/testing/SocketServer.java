package dev.ohtop.testing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.WebSocket;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A WebSocket server on loopback that a test drives by hand: it records each connection (its
 * path and query, its headers, the frames it sent) and sends what the test says, when it says.
 * It answers pings unless told to go {@link #mute}: a stalled server that keeps the connection.
 */
public final class SocketServer extends WebSocketServer implements AutoCloseable {
    /** One client connection as the server saw it. */
    public static final class Connection {
        public final WebSocket socket;
        public final String resource;
        public final String userAgent;
        public final String keyHeader;
        public final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        public final CountDownLatch closed = new CountDownLatch(1);

        Connection(WebSocket socket, ClientHandshake handshake) {
            this.socket = socket;
            this.resource = handshake.getResourceDescriptor();
            this.userAgent = handshake.getFieldValue("User-Agent");
            this.keyHeader = handshake.getFieldValue("X-Session-API-Key");
        }

        /** The next frame the client sent, waiting up to 5 s. */
        public String nextFrame() throws InterruptedException {
            String frame = received.poll(5, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("the client sent no frame within 5 s");
            }
            return frame;
        }

        public void send(String text) {
            socket.send(text);
        }

        /**
         * One text message in parts of {@code size} characters (continuation frames); stops where
         * the client hangs up meanwhile (as it may on a message too large to take).
         */
        public void sendInParts(String text, int size) {
            for (int at = 0; at < text.length() && socket.isOpen(); at += size) {
                String part = text.substring(at, Math.min(text.length(), at + size));
                boolean last = at + size >= text.length();
                try {
                    socket.sendFragmentedFrame(
                            Opcode.TEXT, ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)), last);
                } catch (WebsocketNotConnectedException hungUp) {
                    return;
                }
            }
        }

        public void close(int code) {
            socket.close(code, "test");
        }
    }

    public final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Connection> opened = new LinkedBlockingQueue<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicBoolean mute = new AtomicBoolean();

    public SocketServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setConnectionLostTimeout(0); // no pings of its own: the client's are under test
    }

    /** Starts and waits until it listens. */
    public SocketServer started() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the test socket server did not start");
        }
        return this;
    }

    /** The http URL an {@code AgentEndpoint} takes (the client turns it into ws://). */
    public URI httpUrl() {
        return URI.create("http://127.0.0.1:" + getPort());
    }

    /** The next connection made, waiting up to {@code wait}. */
    public Connection nextConnection(Duration wait) throws InterruptedException {
        Connection c = opened.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (c == null) {
            throw new AssertionError("no connection within " + wait);
        }
        return c;
    }

    /** Stops answering pings (the connection stays open): a stall. */
    public void mute(boolean on) {
        mute.set(on);
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        if (!mute.get()) {
            super.onWebsocketPing(conn, f);
        }
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        Connection c = new Connection(conn, handshake);
        conn.setAttachment(c);
        connections.add(c);
        opened.add(c);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Connection c = conn.getAttachment();
        if (c != null) {
            c.closed.countDown();
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Connection c = conn.getAttachment();
        c.received.add(message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }
}

package dev.ohtop.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one port of all agent servers. com.sun's HttpServer cannot hand a connection over to a
 * WebSocket, so this door reads the head of each new connection: a WebSocket upgrade goes to
 * {@link EventSockets}; anything else is spliced, byte for byte, to the HttpServer that answers the
 * REST routes on an internal loopback port. A kept-alive connection stays with whoever took it.
 */
final class AgentPort implements AutoCloseable {
    /** A connection that says nothing for this long is not a client. */
    private static final int HEAD_TIMEOUT_MILLIS = 30_000;

    private static final int SPLICE_BUFFER = 256 * 1024;

    private final ServerSocketChannel door;
    private final ExecutorService threads;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private InetSocketAddress rest;
    private EventSockets sockets;
    private volatile boolean closed;

    private AgentPort(ServerSocketChannel door, ExecutorService threads) {
        this.door = door;
        this.threads = threads;
    }

    /** Binds the port; it accepts connections once {@link #start} says where they go. */
    static AgentPort bind(InetSocketAddress address, ExecutorService threads) throws IOException {
        ServerSocketChannel door = ServerSocketChannel.open();
        try {
            door.bind(address, 64);
        } catch (IOException e) {
            door.close();
            throw e;
        }
        return new AgentPort(door, threads);
    }

    int port() {
        return door.socket().getLocalPort();
    }

    void start(InetSocketAddress rest, EventSockets sockets) {
        this.rest = rest;
        this.sockets = sockets;
        threads.execute(this::accept);
    }

    private void accept() {
        while (!closed) {
            SocketChannel client;
            try {
                client = door.accept();
            } catch (IOException e) {
                return; // Closed.
            }
            connections.add(client);
            try {
                threads.execute(() -> serve(client));
            } catch (RuntimeException rejected) {
                forget(client); // Shutting down.
            }
        }
    }

    private void serve(SocketChannel client) {
        boolean spliced = false;
        try {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client.socket().setSoTimeout(HEAD_TIMEOUT_MILLIS);
            RequestHead head = RequestHead.read(client.socket().getInputStream());
            if (head == null) {
                return;
            }
            client.socket().setSoTimeout(0);
            if (head.isWebSocketUpgrade()) {
                sockets.upgrade(client, head);
            } else {
                splice(client, head.bytes());
                spliced = true;
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or the port is closing: the connection ends either way.
        } finally {
            if (!spliced) {
                forget(client);
            }
        }
    }

    /**
     * Passes a REST connection to the HttpServer and its answers back. Returns when the client has
     * no more to send; the thread carrying the answers closes both once the HttpServer is done.
     */
    private void splice(SocketChannel client, byte[] head) throws IOException {
        SocketChannel server = SocketChannel.open();
        connections.add(server);
        try {
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server.connect(rest);
            writeAll(server, ByteBuffer.wrap(head));
            threads.execute(() -> {
                try {
                    copy(server, client);
                } finally {
                    forget(client);
                    forget(server);
                }
            });
            copy(client, server);
            server.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            forget(server);
            throw e;
        }
    }

    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(SPLICE_BUFFER);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                writeAll(to, buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            // One side is gone: the caller closes both.
        }
    }

    private static void writeAll(SocketChannel to, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            to.write(buffer);
        }
    }

    private void forget(SocketChannel channel) {
        connections.remove(channel);
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all that was wanted.
        }
    }

    /** Stops accepting, closes every connection (event sockets too) and waits for their threads. */
    @Override
    public void close() {
        closed = true;
        try {
            door.close();
        } catch (IOException e) {
            // Nothing more can be done about a port that will not close.
        }
        if (sockets != null) {
            sockets.close();
        }
        for (SocketChannel channel : connections) {
            forget(channel);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

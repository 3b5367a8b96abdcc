package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test's end of an event socket, with the JDK's {@link WebSocket} as any client would use it:
 * collects the text frames, pongs and how the socket ended.
 */
final class SocketProbe implements WebSocket.Listener {
    /** How a socket ended: a close frame's code and reason, or an error (no close frame). */
    record Ending(int code, String reason, Throwable error) {
        boolean abnormal() {
            return error != null || code == 1006;
        }
    }

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** {@code ws://} form of {@code {agentServerUrl}/sockets/events/{conversationId}?{query}}, as a client derives it. */
    static URI uri(URI agentServerUrl, String conversationId, String query) {
        String base = agentServerUrl.toString().replaceFirst("^http", "ws");
        return URI.create(base + "/sockets/events/" + conversationId + (query == null ? "" : "?" + query));
    }

    /** Opens the socket (not yet authenticated); fails as the handshake fails. */
    static SocketProbe open(URI uri) throws ExecutionException, InterruptedException, TimeoutException {
        SocketProbe probe = new SocketProbe();
        probe.socket = CLIENT.newWebSocketBuilder().buildAsync(uri, probe).get(10, TimeUnit.SECONDS);
        return probe;
    }

    /** The refusal of an upgrade the server does not take: its status and body. */
    static WebSocketHandshakeException refusal(URI uri) throws InterruptedException, TimeoutException {
        try {
            open(uri).socket().abort();
            throw new AssertionError("the upgrade was accepted: " + uri);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused;
            }
            throw new AssertionError("the upgrade failed otherwise: " + e.getCause(), e.getCause());
        }
    }

    SocketProbe auth(String key) {
        socket.sendText("{\"type\":\"auth\",\"session_api_key\":\"" + key + "\"}", true)
                .join();
        return this;
    }

    WebSocket socket() {
        return socket;
    }

    /** The next frame, or null if none comes within {@code wait}. */
    JsonNode next(Duration wait) throws InterruptedException {
        String frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        return frame == null ? null : DemoHttp.parse(frame);
    }

    /** Exactly {@code count} frames, each within {@code wait} of the one before. */
    List<JsonNode> next(int count, Duration wait) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        while (out.size() < count) {
            JsonNode frame = next(wait);
            if (frame == null) {
                throw new AssertionError("only " + out.size() + " of " + count + " frames came: " + ids(out));
            }
            out.add(frame);
        }
        return out;
    }

    /** Every frame that comes until none has come for {@code quiet}. */
    List<JsonNode> drain(Duration quiet) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode frame; (frame = next(quiet)) != null; ) {
            out.add(frame);
        }
        return out;
    }

    ByteBuffer pong(Duration wait) throws InterruptedException {
        return pongs.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    Ending ending(Duration wait) throws Exception {
        return ending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean ended() {
        return ending.isDone();
    }

    static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.path("id").asText()).toList();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pongs.add(message);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ending.complete(new Ending(statusCode, reason, null));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ending.complete(new Ending(1006, "", error));
    }
}

package dev.ohtop.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.MessageEvent;
import dev.ohtop.api.events.UnknownEvent;
import dev.ohtop.testing.SocketServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventSocketTest {
    static final String KEY = "sess-live-0123456789abcdefSECRET";
    static final String CID = "c0ffee00000000000000000000000001";

    private SocketServer server;
    private final Heard heard = new Heard();

    /** What a listener heard, in order. */
    static final class Heard implements EventSocket.Listener {
        final BlockingQueue<Object> calls = new LinkedBlockingQueue<>();

        @Override
        public void opened() {
            calls.add("opened");
        }

        @Override
        public void event(Event event) {
            calls.add(event);
        }

        @Override
        public void closed(EventSocket.Closed closed) {
            calls.add(closed);
        }

        Object next() throws InterruptedException {
            Object o = calls.poll(5, TimeUnit.SECONDS);
            assertNotNull(o, "the listener heard nothing within 5 s");
            return o;
        }

        Event nextEvent() throws InterruptedException {
            return assertInstanceOf(Event.class, next());
        }

        EventSocket.Closed nextClosed() throws InterruptedException {
            Object o;
            do {
                o = next();
            } while (!(o instanceof EventSocket.Closed));
            return (EventSocket.Closed) o;
        }
    }

    static String message(String id, String text) {
        return "{\"kind\":\"MessageEvent\",\"id\":\"" + id + "\",\"timestamp\":\"2026-12-04T10:15:0"
                + id.length() % 10 + ".000001\",\"source\":\"user\",\"llm_message\":{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"" + text + "\"}]}}";
    }

    @BeforeEach
    void start() throws Exception {
        server = new SocketServer().started();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private EventSocket open(String afterTimestamp, ClientOptions options) {
        return EventSocket.open(
                HttpCore.newHttpClient(options),
                new AgentEndpoint(server.httpUrl(), Credential.sessionKey(KEY)),
                options,
                CID,
                afterTimestamp,
                Clock.systemUTC(),
                heard);
    }

    private EventSocket open(String afterTimestamp) {
        return open(afterTimestamp, ClientOptions.defaults());
    }

    @Test
    void theSessionKeyGoesOnlyInTheFirstFrameNeverInTheUrlOrAHeader() throws Exception {
        EventSocket socket = open(null);
        SocketServer.Connection c = server.nextConnection(Duration.ofSeconds(5));

        assertEquals("{\"type\":\"auth\",\"session_api_key\":\"" + KEY + "\"}", c.nextFrame());
        assertFalse(c.resource.contains(KEY.substring(0, 8)), c.resource);
        assertTrue(c.keyHeader == null || c.keyHeader.isEmpty(), "no key header: " + c.keyHeader);
        assertTrue(c.userAgent.startsWith("ohtop/"), c.userAgent);
        assertFalse(socket.toString().contains(KEY.substring(0, 8)), socket.toString());
        socket.close();
    }

    @Test
    void withNothingHeldEveryEventIsAskedForAndAHeldTimestampIsPassedBackUntouched() throws Exception {
        open(null);
        assertEquals(
                "/sockets/events/" + CID + "?resend_mode=all", server.nextConnection(Duration.ofSeconds(5)).resource);

        open("2026-12-04T10:15:02.123456");
        assertEquals(
                "/sockets/events/" + CID + "?resend_mode=since&after_timestamp=2026-12-04T10%3A15%3A02.123456",
                server.nextConnection(Duration.ofSeconds(5)).resource);
    }

    @Test
    void httpsBecomesWssAndAPathInTheServersAddressIsKept() {
        URI uri = EventSocket.uri(URI.create("https://agent.example/sandboxes/s1/"), CID, null);

        assertEquals("wss://agent.example/sandboxes/s1/sockets/events/" + CID + "?resend_mode=all", uri.toString());
    }

    @Test
    void anEventSentInPartsArrivesWholeAndParsedAsRestWouldParseIt() throws Exception {
        open(null);
        SocketServer.Connection c = server.nextConnection(Duration.ofSeconds(5));
        assertEquals("opened", heard.next());

        c.sendInParts(message("e1", "hello in parts"), 7);

        MessageEvent event = assertInstanceOf(MessageEvent.class, heard.nextEvent());
        assertEquals("e1", event.id());
        assertEquals("hello in parts", event.text());
    }

    @Test
    void aFrameThatIsNotJsonIsSkippedAndAnUnknownKindArrivesAsUnknown() throws Exception {
        EventSocket socket = open(null);
        SocketServer.Connection c = server.nextConnection(Duration.ofSeconds(5));
        assertEquals("opened", heard.next());

        c.send("{not json");
        c.send("{\"kind\":\"BrandNewEvent\",\"id\":\"n1\"}");
        c.send(message("e2", "after"));

        assertInstanceOf(UnknownEvent.class, heard.nextEvent());
        assertEquals("e2", heard.nextEvent().id());
        assertEquals(1, socket.skippedFrames());
    }

    @Test
    void aFrameOverTheCapEndsTheSocketInPlainWordsWithoutHoldingIt() throws Exception {
        ClientOptions small =
                new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(5), RetryPolicy.standard(), false, 4096);
        open(null, small);
        SocketServer.Connection c = server.nextConnection(Duration.ofSeconds(5));
        assertEquals("opened", heard.next());

        c.sendInParts(message("big", "x".repeat(50_000)), 1000);

        EventSocket.Closed closed = heard.nextClosed();
        assertEquals(EventSocket.Ending.TOO_LARGE, closed.ending());
        assertEquals("a live event was larger than 4.0 KiB: catching up over REST", closed.message());
        assertTrue(c.closed.await(5, TimeUnit.SECONDS), "the socket was given up");
    }

    @ParameterizedTest
    @CsvSource({
        "4001, REFUSED_KEY, the agent server refused the session key",
        "4004, NO_SUCH_CONVERSATION, the agent server has no such conversation",
        "1013, BUSY, the agent server has too many connections: trying later",
        "1000, CLOSED, the agent server closed the live connection"
    })
    void aCloseIsSaidInOnePlainLine(int code, EventSocket.Ending ending, String message) throws Exception {
        open(null);
        SocketServer.Connection c = server.nextConnection(Duration.ofSeconds(5));
        c.nextFrame();

        c.close(code);

        EventSocket.Closed closed = heard.nextClosed();
        assertEquals(ending, closed.ending());
        assertEquals(code, closed.code());
        assertEquals(message, closed.message());
    }

    @Test
    void aRefusedKeySuggestsLookingTheServerUpAgainAndABusyOneDoesNot() {
        assertTrue(EventSocket.fromClose(4001).suggestsMoved());
        assertFalse(EventSocket.fromClose(1013).suggestsMoved());
        assertFalse(EventSocket.fromClose(4004).suggestsMoved());
    }

    @Test
    void aProxyThatRefusesTheUpgradeIsSaidWithItsStatus() throws Exception {
        try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket s = proxy.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException ignored) {
                    // the test fails on what the client heard
                }
            });
            answer.start();
            EventSocket.open(
                    HttpCore.newHttpClient(ClientOptions.defaults()),
                    new AgentEndpoint(
                            URI.create("http://127.0.0.1:" + proxy.getLocalPort()), Credential.sessionKey(KEY)),
                    ClientOptions.defaults(),
                    CID,
                    null,
                    Clock.systemUTC(),
                    heard);

            EventSocket.Closed closed = heard.nextClosed();
            assertEquals(EventSocket.Ending.UPGRADE_REFUSED, closed.ending());
            assertEquals("the agent server refused the live connection (HTTP 502)", closed.message());
            assertTrue(closed.suggestsMoved(), "a gateway error: the sandbox may have moved");
        }
    }

    @Test
    void plainHttpOffLoopbackNeverSendsTheKey() throws Exception {
        EventSocket.open(
                HttpCore.newHttpClient(ClientOptions.defaults()),
                new AgentEndpoint(URI.create("http://agent.example"), Credential.sessionKey(KEY)),
                ClientOptions.defaults(),
                CID,
                null,
                Clock.systemUTC(),
                heard);

        EventSocket.Closed closed = heard.nextClosed();
        assertEquals(EventSocket.Ending.INSECURE, closed.ending());
        assertTrue(closed.message().contains("will not send credentials over plain http"), closed.message());
    }

    @Test
    void aPongCountsAsHeard() throws Exception {
        EventSocket socket = open(null);
        server.nextConnection(Duration.ofSeconds(5)).nextFrame();
        assertNull(socket.lastHeard());

        socket.ping();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (socket.lastHeard() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertNotNull(socket.lastHeard(), "the pong was heard");
    }

    @Test
    void closingOurselvesEndsItOnceAsStopped() throws Exception {
        EventSocket socket = open(null);
        SocketServer.Connection c = server.nextConnection(Duration.ofSeconds(5));
        assertEquals("opened", heard.next());

        socket.close();
        socket.close();

        assertEquals(EventSocket.Ending.STOPPED, heard.nextClosed().ending());
        assertTrue(c.closed.await(5, TimeUnit.SECONDS));
        assertNull(heard.calls.poll(200, TimeUnit.MILLISECONDS), "told once");
    }
}

package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent server's events WebSocket as the demo serves it, seen from a client. */
class EventSocketTest {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    final DemoFixture demo = new DemoFixture();

    private ConversationSnapshot conversation;

    @BeforeEach
    void pickARunningConversation() {
        conversation = demo.running();
    }

    @Test
    void theFirstFrameIsTheConversationsWholeStateAndResendAllSendsEveryEventOnce() throws Exception {
        List<String> stored = SocketProbe.ids(searchable(demo.server().world().events(conversation.id())));

        SocketProbe socket = authed(conversation, "resend_mode=all");

        JsonNode state = socket.next(WAIT);
        assertEquals("ConversationStateUpdateEvent", state.path("kind").asText());
        assertEquals("full_state", state.path("key").asText());
        assertEquals("running", state.path("value").path("execution_status").asText());
        assertFalse(stored.contains(state.path("id").asText()), "the state is an event of its own");
        assertEquals(stored, SocketProbe.ids(socket.next(stored.size(), WAIT)));
        assertNull(socket.next(QUIET), "nothing more until the conversation moves on");
    }

    @Test
    void eachFrameIsExactlyTheJsonTheRestSearchServes() throws Exception {
        JsonNode page = demo.http()
                .agentJson(
                        conversation.sandboxId(),
                        "GET",
                        "/api/conversations/" + conversation.id() + "/events/search?limit=5",
                        null);
        SocketProbe socket = authed(conversation, "resend_mode=all");
        socket.next(WAIT);

        for (JsonNode served : page.path("items")) {
            assertEquals(served, socket.next(WAIT));
        }
    }

    @Test
    void resendSinceSendsWhatHappenedFromThatMomentOnAndLiveEventsFollowWithoutRepeats() throws Exception {
        List<JsonNode> before = demo.server().world().events(conversation.id());
        String after = before.get(before.size() / 2).path("timestamp").asText();

        SocketProbe socket = authed(conversation, "resend_mode=since&after_timestamp=" + encode(after));
        socket.next(WAIT);
        List<JsonNode> resent = socket.drain(QUIET);
        demo.clock().advanceSeconds(60);
        List<JsonNode> now = demo.server().world().events(conversation.id());
        List<JsonNode> pushed = socket.drain(Duration.ofSeconds(1));

        assertEquals(
                SocketProbe.ids(searchable(before).stream()
                        .filter(e -> e.path("timestamp").asText().compareTo(after) >= 0)
                        .toList()),
                SocketProbe.ids(resent));
        assertFalse(pushed.isEmpty(), "a minute of a running agent brings events");
        assertEquals(SocketProbe.ids(published(now.subList(before.size(), now.size()))), SocketProbe.ids(pushed));
        List<String> received = new ArrayList<>(SocketProbe.ids(resent));
        received.addAll(SocketProbe.ids(pushed));
        assertEquals(received.size(), new HashSet<>(received).size(), "an event came twice");
    }

    @Test
    void withoutAResendModeOnlyTheStateAndNewEventsCome() throws Exception {
        SocketProbe socket = authed(conversation, null);

        assertEquals("full_state", socket.next(WAIT).path("key").asText());
        assertNull(socket.next(QUIET));
    }

    @Test
    void aMessageSentOverRestReachesTheSocketAtOnce() throws Exception {
        SocketProbe socket = authed(conversation, null);
        socket.next(WAIT);

        long sentAt = System.nanoTime();
        demo.http()
                .agentJson(
                        conversation.sandboxId(),
                        "POST",
                        "/api/conversations/" + conversation.id() + "/events",
                        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello socket\"}]}");
        JsonNode message = socket.next(WAIT);
        long tookMillis = (System.nanoTime() - sentAt) / 1_000_000;

        assertNotNull(message, "the message never came");
        assertEquals("MessageEvent", message.path("kind").asText());
        assertTrue(message.toString().contains("hello socket"));
        assertTrue(tookMillis < 1_000, "took " + tookMillis + " ms");
    }

    @Test
    void eventsTheAgentMakesArriveInOrderOnceTheWorldReachesThem() throws Exception {
        SocketProbe socket = authed(conversation, null);
        socket.next(WAIT);
        int before = published(demo.server().world().events(conversation.id())).size();

        demo.clock().advanceSeconds(30);
        List<JsonNode> all = published(demo.server().world().events(conversation.id()));
        List<JsonNode> pushed = socket.next(all.size() - before, WAIT);

        assertEquals(SocketProbe.ids(all.subList(before, all.size())), SocketProbe.ids(pushed));
    }

    @Test
    void aWrongKeyIsClosedWith4001() throws Exception {
        SocketProbe socket = SocketProbe.open(uri(conversation, null)).auth("not-the-key");

        SocketProbe.Ending ending = socket.ending(WAIT);
        assertEquals(4001, ending.code());
        assertEquals("Authentication failed", ending.reason());
    }

    @Test
    void aFirstFrameThatIsNotAnAuthFrameIsClosedWith4001() throws Exception {
        SocketProbe socket = SocketProbe.open(uri(conversation, null));
        socket.socket()
                .sendText("{\"session_api_key\": \"" + sessionKey() + "\"", true)
                .join();

        assertEquals(4001, socket.ending(WAIT).code());
    }

    @Test
    void noAuthFrameWithinTenSecondsIsClosedWith4001() throws Exception {
        SocketProbe socket = SocketProbe.open(uri(conversation, null));

        assertNull(socket.next(Duration.ofSeconds(8)));
        assertFalse(socket.ended(), "closed before the ten seconds were up");
        SocketProbe.Ending ending = socket.ending(Duration.ofSeconds(5));
        assertEquals(4001, ending.code());
        assertEquals("Authentication failed", ending.reason());
    }

    @Test
    void afterTheKeyRotatesOnlyTheNewKeyOpensTheSocket() throws Exception {
        String old = sessionKey();
        demo.server().world().rotateSessionKey(conversation.sandboxId());

        assertEquals(
                4001,
                SocketProbe.open(uri(conversation, null)).auth(old).ending(WAIT).code());
        SocketProbe socket = SocketProbe.open(uri(conversation, null)).auth(sessionKey());
        assertEquals("full_state", socket.next(WAIT).path("key").asText());
    }

    @Test
    void anUnknownConversationIsClosedWith4004AfterAuthentication() throws Exception {
        URI unknown = SocketProbe.uri(
                demo.server().agentServerUrl(conversation.sandboxId()),
                UUID.randomUUID().toString(),
                null);

        SocketProbe.Ending ending = SocketProbe.open(unknown).auth(sessionKey()).ending(WAIT);

        assertEquals(4004, ending.code());
        assertEquals("Conversation not found", ending.reason());
    }

    @Test
    void aPausedSandboxRefusesTheUpgradeAsItsProxyRefusesRest() throws Exception {
        ConversationSnapshot paused = demo.server().world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.PAUSED)
                .findFirst()
                .orElseThrow();

        WebSocketHandshakeException refused = SocketProbe.refusal(uri(paused, null));

        assertEquals(503, refused.getResponse().statusCode());
        assertTrue(String.valueOf(refused.getResponse().body()).contains("503 Service Temporarily Unavailable"));
    }

    @Test
    void anUnknownSandboxRefusesTheUpgradeWith404() throws Exception {
        URI unknown = SocketProbe.uri(demo.server().agentServerUrl("nosuchsandbox"), conversation.id(), null);

        assertEquals(404, SocketProbe.refusal(unknown).getResponse().statusCode());
    }

    @Test
    void pausingTheSandboxDropsItsOpenSocketsAndAResumedOneTakesNewOnes() throws Exception {
        SocketProbe socket = authed(conversation, null);
        socket.next(WAIT);

        demo.http().app("POST", "/sandboxes/" + conversation.sandboxId() + "/pause", null);

        assertTrue(socket.ending(WAIT).abnormal(), "closed as a pod that went away: " + socket.ending(WAIT));
        assertEquals(
                503, SocketProbe.refusal(uri(conversation, null)).getResponse().statusCode());
        demo.http().app("POST", "/sandboxes/" + conversation.sandboxId() + "/resume", null);
        demo.clock().advance(DemoWorld.RESUME_TIME.plusSeconds(1));
        assertEquals(
                "full_state", authed(conversation, null).next(WAIT).path("key").asText());
    }

    @Test
    void theSocketAnswersPings() throws Exception {
        SocketProbe socket = authed(conversation, null);

        socket.socket().sendPing(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3})).join();

        assertNotNull(socket.pong(WAIT));
    }

    /** What the agent server's search serves (and so its resend sends): no deltas, no stored snapshot. */
    private static List<JsonNode> searchable(List<JsonNode> events) {
        return published(events).stream()
                .filter(e -> !e.path("kind").asText().equals("StreamingDeltaEvent"))
                .toList();
    }

    /** What the agent server publishes as it happens: all but the snapshot the app server stored. */
    private static List<JsonNode> published(List<JsonNode> events) {
        return events.stream()
                .filter(e -> !e.path("key").asText().equals("full_state"))
                .toList();
    }

    private SocketProbe authed(ConversationSnapshot c, String query) throws Exception {
        return SocketProbe.open(uri(c, query)).auth(demo.http().sessionKey(c.sandboxId()));
    }

    private URI uri(ConversationSnapshot c, String query) {
        return SocketProbe.uri(demo.server().agentServerUrl(c.sandboxId()), c.id(), query);
    }

    private String sessionKey() {
        return demo.http().sessionKey(conversation.sandboxId());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

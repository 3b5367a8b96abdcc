package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The socket faults tests switch on through {@link DemoProxy}: refused upgrades, stalls and cuts. */
class EventSocketFaultTest {
    static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final DemoFixture demo = new DemoFixture();

    private ConversationSnapshot conversation;

    @BeforeEach
    void pickARunningConversation() {
        conversation = demo.running();
    }

    @Test
    void aProxyThatRefusesUpgradesAnswersWithAPageUntilTheRuleIsRemoved() throws Exception {
        FaultRule rule = demo.proxy().faults().always(Fault.upgradeRefused(200), FaultSwitch.Target.AGENT);

        WebSocketHandshakeException refused = SocketProbe.refusal(uri());
        HttpResponse<String> rest =
                demo.http().agent(conversation.sandboxId(), "GET", "/api/conversations/" + conversation.id(), null);

        assertEquals(200, refused.getResponse().statusCode());
        assertTrue(String.valueOf(refused.getResponse().body()).contains("<html"));
        assertEquals(200, rest.statusCode(), "REST passes the same proxy untouched");
        demo.proxy().faults().remove(rule);
        assertEquals("full_state", authed().next(WAIT).path("key").asText());
        assertEquals(1, rule.hits());
    }

    @Test
    void aRefusalCanComeAsTheProxysForbiddenPage() throws Exception {
        demo.proxy().faults().next(1, Fault.upgradeRefused(403), FaultSwitch.Target.AGENT);

        assertEquals(403, SocketProbe.refusal(uri()).getResponse().statusCode());
        assertEquals("full_state", authed().next(WAIT).path("key").asText());
    }

    @Test
    void aRestFaultDoesNotHitTheSocketAndASocketFaultDoesNotHitRest() throws Exception {
        demo.proxy().faults().always(Fault.status(503), FaultSwitch.Target.AGENT);
        assertEquals("full_state", authed().next(WAIT).path("key").asText());
        demo.proxy().faults().clear();

        demo.proxy().faults().always(Fault.socketCut(), FaultSwitch.Target.AGENT);
        assertEquals(
                200,
                demo.http()
                        .agent(conversation.sandboxId(), "GET", "/api/conversations/" + conversation.id(), null)
                        .statusCode());
    }

    @Test
    void aCutDropsAnOpenSocketWithoutACloseFrame() throws Exception {
        SocketProbe socket = authed();
        socket.next(WAIT);

        FaultRule rule = demo.proxy().faults().next(1, Fault.socketCut(), FaultSwitch.Target.AGENT);

        assertTrue(socket.ending(WAIT).abnormal(), "ended with " + socket.ending(WAIT));
        assertEquals(1, rule.hits());
        assertEquals("full_state", authed().next(WAIT).path("key").asText(), "the next socket is whole");
    }

    @Test
    void aStalledSocketSendsNoEventsAndNoPongsAndStaysConnected() throws Exception {
        SocketProbe stalled = authed();
        stalled.next(WAIT);

        FaultRule rule = demo.proxy().faults().always(Fault.socketStalled(), FaultSwitch.Target.AGENT);
        demo.clock().advanceSeconds(30);
        demo.server().world().events(conversation.id());
        stalled.socket().sendPing(ByteBuffer.wrap(new byte[] {7})).join();

        assertNull(stalled.next(Duration.ofSeconds(1)), "an event came through a stall");
        assertNull(stalled.pong(Duration.ofMillis(500)), "a pong came through a stall");
        assertFalse(stalled.ended(), "a stall does not close");
        demo.proxy().faults().remove(rule);
        SocketProbe fresh = authed();
        assertEquals("full_state", fresh.next(WAIT).path("key").asText());
        assertNull(stalled.next(Duration.ofMillis(300)), "a stalled socket stays stalled");
    }

    @Test
    void aStallRuleHitsSocketsThatOpenWhileItStands() throws Exception {
        demo.proxy().faults().always(Fault.socketStalled(), FaultSwitch.Target.AGENT);

        SocketProbe socket = authed();

        assertNull(socket.next(Duration.ofSeconds(1)), "the state came through a stall");
    }

    private SocketProbe authed() throws Exception {
        return SocketProbe.open(uri()).auth(demo.http().sessionKey(conversation.sandboxId()));
    }

    private URI uri() {
        return SocketProbe.uri(demo.server().agentServerUrl(conversation.sandboxId()), conversation.id(), null);
    }
}

package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.ServerRole;
import dev.ohtop.keymap.Action;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ohtop attached to one agent server ({@code --agent-server}): the demo's agent server of one
 * sandbox, with its session key, and no app server asked anything.
 */
class AttachedScreenTest {
    private VirtualOhtop ohtop;

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
    }

    private VirtualOhtop attached(VirtualOhtop.Setup setup) throws Exception {
        ohtop = VirtualOhtop.attachedToDemo(setup);
        return ohtop;
    }

    /** The sandbox attached to: the one of the demo's first running conversation. */
    private ConversationSnapshot running() {
        return ohtop.demo.world().conversations().stream()
                .filter(c -> "running".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow();
    }

    private List<ConversationSnapshot> held() {
        String sandbox = running().sandboxId();
        return ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxId().equals(sandbox))
                .toList();
    }

    private void select(ConversationSnapshot c) {
        ohtop.type("/").type(c.id().substring(0, 8)).press(KeyType.Enter);
        ohtop.until(
                "only " + c.id(),
                o -> o.selectedLine() != null && o.selectedLine().contains(c.id().substring(0, 8)));
    }

    @Test
    void theAgentServersConversationsAreListedUnderItsNameAndNoAppServerIsAsked() throws Exception {
        attached(VirtualOhtop.Setup.defaults());
        List<ConversationSnapshot> held = held();
        ohtop.untilShows(held.size() + " total");

        assertTrue(ohtop.header().contains("agent server 127.0.0.1:"), ohtop.header());
        for (ConversationSnapshot c : held) {
            assertTrue(ohtop.shows(c.id().substring(0, 8)), "listed: " + c.title() + "\n" + ohtop.text());
        }
        assertFalse(
                ohtop.text().contains("RUNNING"), "no sandbox word for a server without sandboxes\n" + ohtop.text());
        assertEquals(
                List.of(),
                ohtop.proxy.requests().all().stream()
                        .filter(r -> r.server() == ServerRole.APP)
                        .map(r -> r.method() + " " + r.path())
                        .toList());
    }

    @Test
    void aConversationsEventsComeFromTheAgentServersOwnSearch() throws Exception {
        attached(VirtualOhtop.Setup.defaults());
        ConversationSnapshot c = running();
        ohtop.untilShows(" total");
        select(c);

        ohtop.press(Action.OPEN).untilShows("events of " + c.id().substring(0, 8));
        ohtop.until(
                "events listed",
                o -> o.proxy.requests().all().stream().anyMatch(r -> r.path().endsWith("/events/search")));

        assertTrue(
                ohtop.proxy.requests().all().stream()
                        .filter(r -> r.path().contains("/events/"))
                        .allMatch(
                                r -> r.server() == ServerRole.AGENT && r.path().contains("/api/conversations/")),
                "events read from the agent server");
    }

    @Test
    void theSandboxesScreenAndANewConversationSayTheyNeedTheAppServer() throws Exception {
        attached(VirtualOhtop.Setup.defaults());
        ohtop.untilShows(" total");

        ohtop.press(Action.OPEN_SANDBOXES)
                .until("said", o -> o.status().contains("the sandboxes screen needs the app server"));
        assertTrue(ohtop.header().contains("conversations"), ohtop.header());
        ohtop.press(Action.NEW_CONVERSATION)
                .until("said", o -> o.status().contains("starting a conversation needs the app server"));
    }

    @Test
    void pauseAndRunAskTheAgentServerItself() throws Exception {
        attached(VirtualOhtop.Setup.defaults());
        ConversationSnapshot c = running();
        ohtop.untilShows(" total");
        select(c);

        ohtop.press(Action.PAUSE_AGENT).until("paused", o -> o.status().contains("paused the agent of"));
        assertEquals(
                "paused", ohtop.demo.world().conversation(c.id()).orElseThrow().executionStatus());
        assertTrue(ohtop.proxy.requests().all().stream()
                .anyMatch(r -> r.method().equals("POST") && r.path().endsWith("/pause")));

        ohtop.press(Action.RUN_AGENT).until("running", o -> o.status().contains("set running the agent of"));
        assertEquals(
                "running", ohtop.demo.world().conversation(c.id()).orElseThrow().executionStatus());
    }

    @Test
    void readonlyRefusesPauseAndSendsNothing() throws Exception {
        attached(VirtualOhtop.Setup.defaults().asReadonly());
        ConversationSnapshot c = running();
        ohtop.untilShows(" total");
        select(c);

        ohtop.type("z").until("refused", o -> o.status().contains("read-only"));
        ohtop.settle();
        assertTrue(
                ohtop.proxy.requests().all().stream().allMatch(r -> r.method().equals("GET")));
        assertEquals(
                "running", ohtop.demo.world().conversation(c.id()).orElseThrow().executionStatus());
    }
}

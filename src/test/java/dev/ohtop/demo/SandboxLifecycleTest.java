package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.testing.ManualClock;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SandboxLifecycleTest {
    private static final String MESSAGE =
            "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"run\":true}";

    @RegisterExtension
    final DemoFixture demo = new DemoFixture();

    private ManualClock clock;
    private DemoServer server;
    private DemoHttp http;
    private ConversationSnapshot running;

    @BeforeEach
    void useDemo() {
        clock = demo.clock();
        server = demo.server();
        http = demo.http();
        running = demo.running();
    }

    @Test
    void pausingASandboxHidesItsConversationsAgentServer() {
        String sandboxId = running.sandboxId();
        assertEquals(
                "{\"success\":true}",
                http.app("POST", "/sandboxes/" + sandboxId + "/pause", null).body());

        JsonNode sandbox = http.appJson("/sandboxes?id=" + sandboxId).get(0);
        assertEquals("PAUSED", sandbox.get("status").asText());
        assertFalse(sandbox.has("exposed_urls"));
        JsonNode conversation =
                http.appJson("/app-conversations?ids=" + running.id()).get(0);
        assertEquals("PAUSED", conversation.get("sandbox_status").asText());
        assertFalse(conversation.has("conversation_url"));
        assertFalse(conversation.has("session_api_key"));
        assertFalse(conversation.has("execution_status"));

        HttpResponse<String> agent = http.agent(sandboxId, "GET", "/api/conversations/search", null);
        assertEquals(503, agent.statusCode());
        assertEquals(
                503,
                http.send(http.agentRequest(sandboxId, "/alive"), "GET", null).statusCode());
    }

    @Test
    void aPausedSandboxsConversationStopsGainingEvents() {
        http.app("POST", "/sandboxes/" + running.sandboxId() + "/pause", null);
        String before =
                http.appGet("/conversation/" + running.id() + "/events/count").body();

        clock.advanceSeconds(120);

        assertEquals(
                before,
                http.appGet("/conversation/" + running.id() + "/events/count").body());
    }

    @Test
    void sendMessageIsRefusedWhilePausedAndGoneWhenMissing() {
        http.app("POST", "/sandboxes/" + running.sandboxId() + "/pause", null);
        HttpResponse<String> paused = http.app("POST", "/app-conversations/" + running.id() + "/send-message", MESSAGE);
        assertEquals(409, paused.statusCode());
        assertTrue(DemoHttp.parse(paused.body()).get("detail").isTextual());

        ConversationSnapshot missing = server.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.MISSING)
                .findFirst()
                .orElseThrow();
        assertEquals(
                410,
                http.app("POST", "/app-conversations/" + missing.id() + "/send-message", MESSAGE)
                        .statusCode());
    }

    @Test
    void resumeStartsTheSandboxAndItRunsAgainAFewSecondsLater() {
        String sandboxId = running.sandboxId();
        http.app("POST", "/sandboxes/" + sandboxId + "/pause", null);
        String pausedCount =
                http.appGet("/conversation/" + running.id() + "/events/count").body();

        assertEquals(
                "{\"success\":true}",
                http.app("POST", "/sandboxes/" + sandboxId + "/resume", null).body());
        assertEquals(
                "STARTING",
                http.appJson("/sandboxes?id=" + sandboxId).get(0).get("status").asText());
        assertEquals(
                503,
                http.agent(sandboxId, "GET", "/api/conversations/search", null).statusCode());

        clock.advanceSeconds(5);
        JsonNode conversation =
                http.appJson("/app-conversations?ids=" + running.id()).get(0);
        assertEquals("RUNNING", conversation.get("sandbox_status").asText());
        assertEquals("running", conversation.get("execution_status").asText());
        assertEquals(
                200,
                http.agent(sandboxId, "GET", "/api/conversations/search", null).statusCode());

        clock.advanceSeconds(30);
        assertTrue(Integer.parseInt(http.appGet("/conversation/" + running.id() + "/events/count")
                        .body())
                > Integer.parseInt(pausedCount));
    }

    @Test
    void theStartingSandboxOfTheCatalogueComesUpByItself() {
        SandboxSnapshot starting = server.world().sandboxes().stream()
                .filter(s -> s.status() == SandboxStatus.STARTING)
                .findFirst()
                .orElseThrow();

        clock.advance(WorldCatalog.FIRST_START);

        assertEquals(
                "RUNNING",
                http.appJson("/sandboxes?id=" + starting.id())
                        .get(0)
                        .get("status")
                        .asText());
    }

    @Test
    void unknownSandboxesAre404() {
        assertEquals(404, http.app("POST", "/sandboxes/nope/pause", null).statusCode());
        assertEquals(404, http.app("POST", "/sandboxes/nope/resume", null).statusCode());
        assertTrue(http.appJson("/sandboxes?id=nope").get(0).isNull());
        assertEquals(
                404, http.send(http.agentRequest("nope", "/alive"), "GET", null).statusCode());
    }

    @Test
    void sandboxSearchIsNewestFirstAndPages() {
        JsonNode first = http.appJson("/sandboxes/search?limit=3");
        assertEquals(3, first.get("items").size());
        JsonNode second = http.appJson(
                "/sandboxes/search?limit=3&page_id=" + first.get("next_page_id").asText());
        String last = first.get("items").get(2).get("created_at").asText();
        assertTrue(second.get("items").get(0).get("created_at").asText().compareTo(last) <= 0);
    }
}

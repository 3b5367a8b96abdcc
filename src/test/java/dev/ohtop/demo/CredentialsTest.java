package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CredentialsTest {
    @RegisterExtension
    final DemoFixture demo = new DemoFixture();

    private DemoServer server;
    private DemoProxy proxy;
    private DemoHttp http;
    private String sandboxId;

    @BeforeEach
    void useDemo() {
        server = demo.server();
        proxy = demo.proxy();
        http = demo.http();
        sandboxId = demo.running().sandboxId();
    }

    @Test
    void appServerRejectsAMissingOrWrongKeyWithCloudsErrorShape() {
        HttpResponse<String> missing = http.send(http.appRequest("/users/me"), "GET", null);
        HttpResponse<String> wrong =
                http.send(http.appRequest("/users/me").header("Authorization", "Bearer nope"), "GET", null);

        for (HttpResponse<String> response : List.of(missing, wrong)) {
            assertEquals(401, response.statusCode());
            assertEquals("{\"error\":\"Invalid API key\"}", response.body());
        }
    }

    @Test
    void appServerAcceptsTheBearerKey() {
        var me = http.appJson("/users/me");

        assertEquals(server.world().userId(), me.get("id").asText());
        assertTrue(me.has("email"));
    }

    @Test
    void aSessionKeyIsNoCredentialForTheAppServer() {
        HttpResponse<String> response = http.send(
                http.appRequest("/users/me").header("X-Session-API-Key", http.sessionKey(sandboxId)), "GET", null);

        assertEquals(401, response.statusCode());
    }

    @Test
    void agentServerRejectsAMissingOrWrongSessionKey() {
        HttpResponse<String> missing =
                http.send(http.agentRequest(sandboxId, "/api/conversations/search"), "GET", null);
        HttpResponse<String> wrong = http.send(
                http.agentRequest(sandboxId, "/api/conversations/search").header("X-Session-API-Key", "sess-wrong"),
                "GET",
                null);

        for (HttpResponse<String> response : List.of(missing, wrong)) {
            assertEquals(401, response.statusCode());
            assertEquals("{\"detail\":\"Unauthorized\"}", response.body());
        }
    }

    @Test
    void theBearerKeyIsNoCredentialForAnAgentServer() {
        HttpResponse<String> response = http.send(
                http.agentRequest(sandboxId, "/api/conversations/search")
                        .header("Authorization", "Bearer " + server.apiKey()),
                "GET",
                null);

        assertEquals(401, response.statusCode());
    }

    @Test
    void anotherSandboxsKeyDoesNotOpenThisOne() {
        String other = server.world().sandboxes().stream()
                .filter(s -> s.status() == SandboxStatus.RUNNING && !s.id().equals(sandboxId))
                .findFirst()
                .orElseThrow()
                .id();
        HttpResponse<String> response = http.send(
                http.agentRequest(sandboxId, "/api/conversations/search")
                        .header("X-Session-API-Key", http.sessionKey(other)),
                "GET",
                null);

        assertEquals(401, response.statusCode());
    }

    @Test
    void healthAndServerInfoNeedNoKey() {
        for (String path : List.of("/alive", "/health")) {
            HttpResponse<String> response = http.send(http.agentRequest(sandboxId, path), "GET", null);
            assertEquals(200, response.statusCode(), path);
            assertEquals("{\"status\":\"ok\"}", response.body());
        }
        var info = DemoHttp.parse(http.send(http.agentRequest(sandboxId, "/server_info"), "GET", null)
                .body());
        assertTrue(info.has("version") && info.has("uptime") && info.has("idle_time"), info.toString());
    }

    @Test
    void requestLogShowsWhichCredentialWentWhere() {
        long mark = proxy.requests().mark();
        http.appGet("/users/me");
        http.agent(sandboxId, "GET", "/api/conversations/search", null);

        List<SeenRequest> seen = proxy.requests().since(mark);
        assertEquals(2, seen.size());
        SeenRequest app = seen.get(0);
        SeenRequest agent = seen.get(1);
        assertEquals(ServerRole.APP, app.server());
        assertEquals("Bearer " + server.apiKey(), app.authorization());
        assertNull(app.sessionApiKey());
        assertEquals("/api/v1/users/me", app.path());
        assertEquals(200, app.status());
        assertEquals(ServerRole.AGENT, agent.server());
        assertNull(agent.authorization());
        assertEquals(http.sessionKey(sandboxId), agent.sessionApiKey());
    }

    @Test
    void unknownRoutesAnswerFastApisNotFound() {
        HttpResponse<String> app = http.appGet("/no-such-route");
        HttpResponse<String> agent = http.agent(sandboxId, "GET", "/api/no-such-route", null);

        assertEquals(404, app.statusCode());
        assertEquals("{\"detail\":\"Not Found\"}", app.body());
        assertEquals(404, agent.statusCode());
        assertEquals("{\"detail\":\"Not Found\"}", agent.body());
    }
}

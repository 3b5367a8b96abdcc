package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ohtop.api.Json;
import dev.ohtop.demo.DemoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** A user's message to a demo conversation, as the web app sends it. */
final class DemoMessages {
    private DemoMessages() {}

    /** Through the app server, the agent not asked to act on it: one MessageEvent from the user. */
    static void send(DemoServer demo, String conversationId, String text) throws Exception {
        String body = Json.MAPPER.writeValueAsString(
                Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", text)), "run", false));
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(demo.appServerUrl() + "/api/v1/app-conversations/"
                                        + conversationId + "/send-message"))
                                .header("Authorization", "Bearer " + demo.apiKey())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }
}

package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain java.net.http calls against a demo server, as any client would make them. */
final class DemoHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private final DemoServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoHttp(DemoServer server) {
        this.server = server;
    }

    /** An app-server call with the right Bearer key; {@code path} is relative to {@code /api/v1}. */
    HttpResponse<String> app(String method, String path, String jsonBody) {
        return send(appRequest(path).header("Authorization", "Bearer " + server.apiKey()), method, jsonBody);
    }

    HttpResponse<String> appGet(String path) {
        return app("GET", path, null);
    }

    JsonNode appJson(String path) {
        HttpResponse<String> response = appGet(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return parse(response.body());
    }

    HttpRequest.Builder appRequest(String path) {
        return HttpRequest.newBuilder(URI.create(server.appServerUrl() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(20));
    }

    /** An agent-server call with the sandbox's own session key. */
    HttpResponse<String> agent(String sandboxId, String method, String path, String jsonBody) {
        return send(agentRequest(sandboxId, path).header("X-Session-API-Key", sessionKey(sandboxId)), method, jsonBody);
    }

    JsonNode agentJson(String sandboxId, String method, String path, String jsonBody) {
        HttpResponse<String> response = agent(sandboxId, method, path, jsonBody);
        if (response.statusCode() != 200) {
            throw new AssertionError(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return parse(response.body());
    }

    HttpRequest.Builder agentRequest(String sandboxId, String path) {
        return HttpRequest.newBuilder(URI.create(server.agentServerUrl(sandboxId) + path))
                .timeout(Duration.ofSeconds(60));
    }

    String sessionKey(String sandboxId) {
        return server.world().sandboxes().stream()
                .filter(s -> s.id().equals(sandboxId))
                .findFirst()
                .orElseThrow()
                .sessionApiKey();
    }

    HttpResponse<String> send(HttpRequest.Builder request, String method, String jsonBody) {
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method,
                jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpClient client() {
        return client;
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The first conversation the world holds with this execution status (sandbox RUNNING). */
    static ConversationSnapshot withExecutionStatus(DemoServer server, String status) {
        return server.world().conversations().stream()
                .filter(c -> status.equals(c.executionStatus()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no conversation is " + status));
    }
}

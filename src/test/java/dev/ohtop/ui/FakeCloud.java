package dev.ohtop.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * An app server (WireMock on loopback) that says exactly what a test wants: the account, a list
 * of conversations on one running sandbox, and each conversation's events with a server count.
 * Every string is whatever the test put in, control characters included (Jackson writes them as
 * JSON escapes, which is what a hostile server would send).
 */
final class FakeCloud implements AutoCloseable {
    static final String KEY = "fake-cloud-key";
    static final String SANDBOX = "sbx1";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private final List<ObjectNode> conversations = new ArrayList<>();
    private final Map<String, List<ObjectNode>> events = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private String email = "someone@example.com";
    private String agentServer = "http://127.0.0.1:1";
    private String sessionKey = "sess-1";

    FakeCloud() {
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    FakeCloud email(String who) {
        this.email = who;
        return this;
    }

    /** Conversations added after this have their agent server at {@code base}, with {@code key} as its session key. */
    FakeCloud agentServer(URI base, String key) {
        this.agentServer = base.toString();
        this.sessionKey = key;
        return this;
    }

    /** The WireMock behind it, for a test to answer some route differently (the newest stub wins). */
    WireMockServer wire() {
        return server;
    }

    /** Adds a conversation; {@code updatedMinutesAgo} orders the list (newest first after the running ones). */
    FakeCloud conversation(String id, String title, String repository, String branch, String model,
                           String executionStatus, int updatedMinutesAgo) {
        ObjectNode c = JSON.objectNode();
        c.put("id", id);
        c.put("created_by_user_id", "u1");
        c.put("sandbox_id", SANDBOX);
        c.put("selected_repository", repository);
        c.put("selected_branch", branch);
        c.put("git_provider", "github");
        c.put("title", title);
        c.put("trigger", "gui");
        c.putArray("pr_number");
        c.put("llm_model", model);
        c.put("agent_kind", "llm");
        c.putObject("metrics").put("model_name", model).put("accumulated_cost", 1.25);
        c.putArray("sub_conversation_ids");
        c.putObject("tags");
        String at = java.time.Instant.parse("2026-11-27T10:15:30Z").minusSeconds(60L * updatedMinutesAgo).toString();
        c.put("created_at", at);
        c.put("updated_at", at);
        c.put("sandbox_status", "RUNNING");
        c.put("execution_status", executionStatus);
        c.put("conversation_url", agentServer + "/api/conversations/" + id);
        c.put("session_api_key", sessionKey);
        conversations.add(c);
        return this;
    }

    /** The events of a conversation, oldest first, and what {@code /events/count} answers. */
    FakeCloud events(String conversationId, int serverCount, List<ObjectNode> list) {
        events.put(conversationId, List.copyOf(list));
        counts.put(conversationId, serverCount);
        return this;
    }

    /** Installs the stubs; call once everything is added. */
    FakeCloud serve() {
        server.stubFor(get(urlPathEqualTo("/api/v1/users/me"))
                .willReturn(okJson(JSON.objectNode().put("id", "u1").put("email", email).toString())));
        server.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/search"))
                .willReturn(okJson(page(conversations))));
        // One conversation by id, as the consoles and transfers fetch it to find its agent server.
        conversations.forEach(c -> server.stubFor(get(urlPathEqualTo("/api/v1/app-conversations"))
                .withQueryParam("ids", equalTo(c.get("id").asText()))
                .willReturn(okJson(JSON.arrayNode().add(c).toString()))));
        server.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/count"))
                .willReturn(okJson(String.valueOf(conversations.size()))));
        ObjectNode sandbox = JSON.objectNode().put("id", SANDBOX).put("created_by_user_id", "u1")
                .put("sandbox_spec_id", "spec").put("status", "RUNNING").put("session_api_key", sessionKey)
                .put("created_at", "2026-11-27T09:00:00Z");
        sandbox.putArray("exposed_urls");
        server.stubFor(get(urlPathEqualTo("/api/v1/sandboxes/search")).willReturn(okJson(page(List.of(sandbox)))));
        events.forEach((id, list) -> {
            server.stubFor(get(urlPathEqualTo("/api/v1/conversation/" + id + "/events/search"))
                    .willReturn(okJson(page(list))));
            server.stubFor(get(urlPathEqualTo("/api/v1/conversation/" + id + "/events/count"))
                    .willReturn(okJson(String.valueOf(counts.get(id)))));
        });
        return this;
    }

    private static String page(List<ObjectNode> items) {
        ObjectNode page = JSON.objectNode();
        ArrayNode array = page.putArray("items");
        items.forEach(array::add);
        page.putNull("next_page_id");
        return page.toString();
    }

    // ---- events, in the shapes of the spec's examples ------------------------------------

    static ObjectNode message(String id, String time, String role, String text) {
        ObjectNode e = base("MessageEvent", id, time, role);
        ObjectNode message = e.putObject("llm_message").put("role", role);
        message.putArray("content").addObject().put("type", "text").put("text", text);
        e.putArray("activated_skills");
        e.putArray("extended_content");
        return e;
    }

    static ObjectNode action(String id, String time, String toolCallId, String command, String summary) {
        ObjectNode e = base("ActionEvent", id, time, "agent");
        e.putArray("thought").addObject().put("type", "text").put("text", "thinking about " + command);
        e.putObject("action").put("kind", "TerminalAction").put("command", command).put("is_input", false);
        e.put("tool_name", "terminal");
        e.put("tool_call_id", toolCallId);
        e.put("security_risk", "LOW");
        e.put("summary", summary);
        return e;
    }

    static ObjectNode observation(String id, String time, String actionId, String toolCallId, String command,
                                  String output) {
        ObjectNode e = base("ObservationEvent", id, time, "environment");
        e.put("tool_name", "terminal");
        e.put("tool_call_id", toolCallId);
        e.put("action_id", actionId);
        ObjectNode o = e.putObject("observation").put("kind", "TerminalObservation");
        o.putArray("content").addObject().put("type", "text").put("text", output);
        o.put("is_error", false).put("command", command).put("exit_code", 0);
        return e;
    }

    static ObjectNode event(String kind, String id, String time, String source) {
        return base(kind, id, time, source);
    }

    private static ObjectNode base(String kind, String id, String time, String source) {
        return JSON.objectNode().put("kind", kind).put("id", id).put("timestamp", time).put("source", source);
    }

    @Override
    public void close() {
        server.stop();
    }
}

package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConversationEventsTest {
    private static final String ACTION_EVENT = "openhands.sdk.event.llm_convertible.action.ActionEvent";

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
    void runningConversationsGainPairedActionsAndObservationsAsTheClockAdvances() {
        int before = count(running.id(), "");
        clock.advanceSeconds(60);
        int after = count(running.id(), "");
        assertTrue(after > before + 10, before + " -> " + after);

        List<JsonNode> events = allEvents(running.id());
        Map<String, JsonNode> actions = new HashMap<>();
        Map<String, String> actionByToolCall = new HashMap<>();
        Set<String> observed = new HashSet<>();
        for (JsonNode event : events) {
            String kind = event.get("kind").asText();
            if (kind.equals("ActionEvent")) {
                actions.put(event.get("id").asText(), event);
                actionByToolCall.put(
                        event.get("tool_call_id").asText(), event.get("id").asText());
            } else if (kind.equals("AgentErrorEvent")) {
                // A tool call the server could not run (fidelity #8): an ActionEvent without "action",
                // answered by this error through its tool_call_id, with no action_id.
                String actionId = actionByToolCall.get(event.get("tool_call_id").asText());
                assertNotNull(actionId, "agent error without its action: " + event);
                assertFalse(event.has("action_id"), event.toString());
                assertFalse(actions.get(actionId).has("action"), "a failed tool call has no action");
                assertTrue(observed.add(actionId), "second answer: " + event);
            } else if (kind.equals("ObservationEvent")) {
                JsonNode action = actions.get(event.get("action_id").asText());
                assertNotNull(action, "observation before or without its action: " + event);
                assertEquals(action.get("tool_call_id"), event.get("tool_call_id"));
                assertTrue(observed.add(event.get("action_id").asText()), "second observation: " + event);
                if (event.get("tool_name").asText().equals("terminal")) {
                    assertTrue(event.get("observation").has("exit_code"));
                    assertEquals(
                            action.get("action").get("command"),
                            event.get("observation").get("command"));
                }
            }
        }
        assertTrue(observed.size() >= actions.size() - 1, "at most the latest action may wait for its answer");
    }

    @Test
    void eventsFollowTheSpecShapes() {
        clock.advanceSeconds(30);
        Set<String> kinds = new HashSet<>();
        for (JsonNode event : allEvents(running.id())) {
            kinds.add(event.get("kind").asText());
            assertTrue(
                    event.get("id")
                            .asText()
                            .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                    event.toString());
            assertTrue(
                    event.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"),
                    event.get("timestamp").asText());
            assertTrue(Set.of("agent", "user", "environment", "hook")
                    .contains(event.get("source").asText()));
            assertFalse(event.has("parent_id"), "null fields are left out");
        }
        assertTrue(
                kinds.containsAll(List.of(
                        "SystemPromptEvent",
                        "MessageEvent",
                        "ActionEvent",
                        "ObservationEvent",
                        "ConversationStateUpdateEvent",
                        "AgentErrorEvent",
                        "HookExecutionEvent",
                        "SomeFutureEvent")),
                kinds.toString());
    }

    @Test
    void appServerFiltersByShortKindAndSortsNewestFirst() {
        JsonNode actions = http.appJson("/conversation/" + running.id() + "/events/search?kind__eq=ActionEvent"
                        + "&sort_order=TIMESTAMP_DESC")
                .get("items");
        assertTrue(actions.size() > 3);
        for (int i = 0; i < actions.size(); i++) {
            assertEquals("ActionEvent", actions.get(i).get("kind").asText());
            if (i > 0) {
                assertTrue(actions.get(i - 1)
                                .get("timestamp")
                                .asText()
                                .compareTo(actions.get(i).get("timestamp").asText())
                        >= 0);
            }
        }
        assertEquals(
                String.valueOf(actions.size()),
                http.appGet("/conversation/" + running.id() + "/events/count?kind__eq=ActionEvent")
                        .body());
    }

    @Test
    void appServerFiltersByNaiveTimestamps() {
        List<JsonNode> events = allEvents(running.id());
        String middle = events.get(events.size() / 2).get("timestamp").asText();

        JsonNode later = http.appJson("/conversation/" + running.id() + "/events/search?timestamp__gte=" + middle)
                .get("items");
        JsonNode earlier = http.appJson("/conversation/" + running.id() + "/events/search?timestamp__lt=" + middle)
                .get("items");

        later.forEach(e -> assertTrue(e.get("timestamp").asText().compareTo(middle) >= 0));
        earlier.forEach(e -> assertTrue(e.get("timestamp").asText().compareTo(middle) < 0));
        assertEquals(events.size(), later.size() + earlier.size());
    }

    @Test
    void appServerPagesEventsWithOpaquePageIds() {
        List<JsonNode> all = allEvents(running.id());
        List<String> paged = new ArrayList<>();
        String pageId = null;
        do {
            JsonNode page = http.appJson("/conversation/" + running.id() + "/events/search?limit=9"
                    + (pageId == null ? "" : "&page_id=" + URLEncoder.encode(pageId, StandardCharsets.UTF_8)));
            page.get("items").forEach(e -> paged.add(e.get("id").asText()));
            pageId = page.has("next_page_id") ? page.get("next_page_id").asText() : null;
        } while (pageId != null);

        assertEquals(all.stream().map(e -> e.get("id").asText()).toList(), paged);
    }

    @Test
    void agentServerTakesTheQualifiedOrShortKindAndPagesByEventId() {
        String base = "/api/conversations/" + running.id() + "/events/search";

        JsonNode qualified =
                http.agentJson(running.sandboxId(), "GET", base + "?kind=" + ACTION_EVENT + "&limit=3", null);
        JsonNode shortKind = http.agentJson(running.sandboxId(), "GET", base + "?kind=ActionEvent", null);
        JsonNode wrongModule =
                http.agentJson(running.sandboxId(), "GET", base + "?kind=openhands.sdk.event.ActionEvent", null);

        assertEquals(3, qualified.get("items").size());
        qualified
                .get("items")
                .forEach(e -> assertEquals("ActionEvent", e.get("kind").asText()));
        assertTrue(shortKind.get("items").size() >= 3, "the real server (1.58.2) takes the short name too");
        shortKind
                .get("items")
                .forEach(e -> assertEquals("ActionEvent", e.get("kind").asText()));
        assertEquals(0, wrongModule.get("items").size(), "only the defining module's name qualifies");

        String next = qualified.get("next_page_id").asText();
        JsonNode second = http.agentJson(
                running.sandboxId(), "GET", base + "?kind=" + ACTION_EVENT + "&limit=3&page_id=" + next, null);
        assertEquals(next, second.get("items").get(0).get("id").asText());
    }

    @Test
    void agentServerFiltersBySourceAndBodyText() {
        String base = "/api/conversations/" + running.id() + "/events/search";
        JsonNode user = http.agentJson(running.sandboxId(), "GET", base + "?source=user", null)
                .get("items");
        user.forEach(e -> assertEquals("user", e.get("source").asText()));
        assertTrue(user.size() >= 1);

        JsonNode found = http.agentJson(running.sandboxId(), "GET", base + "?body=RUN+THE+TESTS", null)
                .get("items");
        assertTrue(found.size() >= 1);
        found.forEach(e -> assertEquals("MessageEvent", e.get("kind").asText()));
    }

    /** As the real app server 1.11.0 does: it stores what the agent server only broadcasts. */
    @Test
    void theAppServerAloneStoresAStreamedDeltaAndAFullStateUpdate() {
        clock.advanceSeconds(30);
        List<JsonNode> stored = allEvents(running.id());
        List<JsonNode> deltas = stored.stream()
                .filter(e -> e.get("kind").asText().equals("StreamingDeltaEvent"))
                .toList();
        List<JsonNode> fullStates = stored.stream()
                .filter(e -> "full_state".equals(e.path("key").asText()))
                .toList();
        JsonNode agentSide = http.agentJson(
                        running.sandboxId(),
                        "GET",
                        "/api/conversations/" + running.id() + "/events/search?limit=100",
                        null)
                .get("items");

        assertEquals(1, deltas.size());
        assertFalse(
                deltas.get(0).get("content").asText().isBlank(), deltas.get(0).toString());
        assertEquals(1, fullStates.size());
        assertEquals("full_state", stored.get(0).path("key").asText(), "the full state comes first");
        assertEquals(
                "idle", fullStates.get(0).get("value").get("execution_status").asText());
        agentSide.forEach(e -> assertFalse(
                e.get("kind").asText().equals("StreamingDeltaEvent")
                        || "full_state".equals(e.path("key").asText()),
                "the agent server's search has it: " + e));
        assertEquals(stored.size() - 2, agentSide.size());
    }

    @Test
    void sendingAMessageAppendsItAndRestartsAFinishedConversation() {
        ConversationSnapshot finished = DemoHttp.withExecutionStatus(server, "finished");
        HttpResponse<String> response = http.app(
                "POST",
                "/app-conversations/" + finished.id() + "/send-message",
                "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"One more thing\"}],\"run\":true}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode last = http.appJson("/conversation/" + finished.id() + "/events/search?kind__eq=MessageEvent"
                        + "&sort_order=TIMESTAMP_DESC&limit=1")
                .get("items")
                .get(0);
        assertEquals(
                "One more thing",
                last.get("llm_message").get("content").get(0).get("text").asText());
        assertEquals(
                "running",
                server.world().conversation(finished.id()).orElseThrow().executionStatus());

        clock.advanceSeconds(120);
        assertEquals(
                "finished",
                server.world().conversation(finished.id()).orElseThrow().executionStatus());
    }

    @Test
    void agentServerControlPausesAndRunsAConversation() {
        String base = "/api/conversations/" + running.id();
        assertEquals(
                "{\"success\":true}",
                http.agent(running.sandboxId(), "POST", base + "/pause", null).body());
        assertEquals(
                "paused",
                server.world().conversation(running.id()).orElseThrow().executionStatus());

        assertEquals(
                200,
                http.agent(running.sandboxId(), "POST", base + "/run", null).statusCode());
        assertEquals(
                409,
                http.agent(running.sandboxId(), "POST", base + "/run", null).statusCode());

        JsonNode info = http.agentJson(running.sandboxId(), "GET", base, null);
        assertEquals("running", info.get("execution_status").asText());
    }

    @Test
    void downloadIsAZipOfMetaAndNumberedEvents() throws Exception {
        HttpResponse<byte[]> response = http.send(
                http.appRequest("/app-conversations/" + running.id() + "/download")
                        .header("Authorization", "Bearer " + server.apiKey())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertEquals(
                "application/zip", response.headers().firstValue("Content-Type").orElse(""));
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        List<JsonNode> events = allEvents(running.id());
        assertEquals("meta.json", names.get(0));
        assertEquals("event_000000_" + events.get(0).get("id").asText() + ".json", names.get(1));
        assertEquals(events.size() + 1, names.size());
        assertEquals(
                404,
                http.appGet("/app-conversations/0123456789abcdef0123456789abcdef/download")
                        .statusCode());
    }

    @Test
    void aConversationThatRunsOnFinishesAndSomeKeepRunning() {
        clock.advanceSeconds(15 * 60);
        long stillRunning = server.world().conversations().stream()
                .filter(c -> "running".equals(c.executionStatus()))
                .count();
        // Of the two that run on at start-up, one fails a couple of minutes in (for the notices to show).
        assertTrue(stillRunning >= 1, "a lively demo keeps a conversation running");
        assertNull(
                server.world().conversations().stream()
                        .filter(c -> c.parentConversationId() != null && "running".equals(c.executionStatus()))
                        .findFirst()
                        .orElse(null),
                "sub-conversations finished by now");
    }

    private int count(String conversationId, String query) {
        return Integer.parseInt(http.appGet("/conversation/" + conversationId + "/events/count" + query)
                .body());
    }

    private List<JsonNode> allEvents(String conversationId) {
        List<JsonNode> out = new ArrayList<>();
        String pageId = null;
        do {
            JsonNode page = http.appJson("/conversation/" + conversationId + "/events/search"
                    + (pageId == null ? "" : "?page_id=" + pageId));
            page.get("items").forEach(out::add);
            pageId = page.has("next_page_id") ? page.get("next_page_id").asText() : null;
        } while (pageId != null);
        return out;
    }
}

package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.testing.ManualClock;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StartTaskTest {
    private static final String START = "{\"initial_message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\","
            + "\"text\":\"Investigate flaky tests\"}],\"run\":true},\"selected_repository\":\"%s\","
            + "\"selected_branch\":\"main\"}";

    @RegisterExtension
    final DemoFixture demo = new DemoFixture();

    private ManualClock clock;
    private DemoServer server;
    private DemoHttp http;

    @BeforeEach
    void useDemo() {
        clock = demo.clock();
        server = demo.server();
        http = demo.http();
    }

    @Test
    void startTaskWorksThroughEveryStepToReady() {
        JsonNode task = startTask("acme/api");
        String taskId = task.get("id").asText();
        assertTrue(taskId.matches("[0-9a-f]{32}"));
        assertFalse(task.has("app_conversation_id"));
        assertEquals("acme/api", task.get("request").get("selected_repository").asText());

        List<String> statuses = new ArrayList<>();
        JsonNode current = task;
        for (int second = 0; second <= 20 && !current.get("status").asText().equals("READY"); second++) {
            current =
                    http.appJson("/app-conversations/start-tasks?ids=" + taskId).get(0);
            String status = current.get("status").asText();
            if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
                statuses.add(status);
            }
            clock.advanceSeconds(1);
        }

        assertEquals(
                List.of(
                        "WORKING",
                        "WAITING_FOR_SANDBOX",
                        "PREPARING_REPOSITORY",
                        "RUNNING_SETUP_SCRIPT",
                        "SETTING_UP_GIT_HOOKS",
                        "SETTING_UP_SKILLS",
                        "STARTING_CONVERSATION",
                        "READY"),
                statuses);
        String conversationId = current.get("app_conversation_id").asText();
        String sandboxId = current.get("sandbox_id").asText();
        assertEquals(
                server.agentServerUrl(sandboxId).toString(),
                current.get("agent_server_url").asText());

        JsonNode conversation =
                http.appJson("/app-conversations?ids=" + conversationId).get(0);
        assertEquals("RUNNING", conversation.get("sandbox_status").asText());
        assertEquals("running", conversation.get("execution_status").asText());
        assertEquals("acme/api", conversation.get("selected_repository").asText());

        JsonNode events = http.appJson("/conversation/" + conversationId + "/events/search")
                .get("items");
        // As on the real app server (1.11.0): the whole state first, then the system prompt and the task.
        assertEquals("full_state", events.get(0).get("key").asText());
        assertEquals("SystemPromptEvent", events.get(1).get("kind").asText());
        assertEquals("MessageEvent", events.get(2).get("kind").asText());
        assertEquals(
                "Investigate flaky tests",
                events.get(2)
                        .get("llm_message")
                        .get("content")
                        .get(0)
                        .get("text")
                        .asText());
    }

    @Test
    void startTaskForARepositoryNamedFailEndsInError() {
        String taskId = startTask("acme/fail-repo").get("id").asText();

        clock.advanceSeconds(30);
        JsonNode task =
                http.appJson("/app-conversations/start-tasks?ids=" + taskId).get(0);

        assertEquals("ERROR", task.get("status").asText());
        assertTrue(task.get("detail").asText().contains("acme/fail-repo"), task.toString());
        assertFalse(task.has("app_conversation_id"));
    }

    @Test
    void aStartTaskIdIsNoConversationId() {
        String taskId = startTask("acme/api").get("id").asText();
        clock.advanceSeconds(20);

        assertEquals(
                404, http.appGet("/app-conversations/" + taskId + "/download").statusCode());
        assertTrue(http.appJson("/app-conversations?ids=" + taskId).get(0).isNull());
    }

    @Test
    void startTaskBatchGetHasNullForUnknownIdsAndSearchFindsByConversation() {
        String taskId = startTask("acme/api").get("id").asText();
        JsonNode batch =
                http.appJson("/app-conversations/start-tasks?ids=0123456789abcdef0123456789abcdef&ids=" + taskId);
        assertTrue(batch.get(0).isNull());
        assertEquals(taskId, batch.get(1).get("id").asText());

        clock.advanceSeconds(20);
        String conversationId = http.appJson("/app-conversations/start-tasks?ids=" + taskId)
                .get(0)
                .get("app_conversation_id")
                .asText();
        JsonNode found = http.appJson("/app-conversations/start-tasks/search?conversation_id__eq=" + conversationId);
        assertEquals(1, found.get("items").size());
        assertEquals(taskId, found.get("items").get(0).get("id").asText());
    }

    @Test
    void aStartedConversationIsRenamedFromItsMessageOnceTheAgentActs() {
        String taskId = startTask("acme/api").get("id").asText();
        clock.advanceSeconds(14);
        String conversationId = http.appJson("/app-conversations/start-tasks?ids=" + taskId)
                .get(0)
                .get("app_conversation_id")
                .asText();
        assertEquals(
                "Conversation " + conversationId.substring(0, 5),
                http.appJson("/app-conversations?ids=" + conversationId)
                        .get(0)
                        .get("title")
                        .asText());

        clock.advanceSeconds(30);
        assertEquals(
                "Investigate flaky tests",
                http.appJson("/app-conversations?ids=" + conversationId)
                        .get(0)
                        .get("title")
                        .asText());
    }

    private JsonNode startTask(String repository) {
        HttpResponse<String> response = http.app("POST", "/app-conversations", String.format(START, repository));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode task = DemoHttp.parse(response.body());
        assertNotNull(task.get("status"));
        return task;
    }
}

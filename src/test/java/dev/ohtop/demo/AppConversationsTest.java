package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.testing.ManualClock;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AppConversationsTest {
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
    void limitAbove100IsAValidationError() {
        HttpResponse<String> response = http.appGet("/app-conversations/search?limit=101");

        assertEquals(422, response.statusCode());
        JsonNode item = DemoHttp.parse(response.body()).get("detail").get(0);
        assertEquals("less_than_equal", item.get("type").asText());
        assertEquals("[\"query\",\"limit\"]", item.get("loc").toString());
        assertEquals("101", item.get("input").asText());
        assertEquals(100, item.get("ctx").get("le").asInt());
        assertTrue(item.has("msg"));
    }

    @Test
    void limitBelow1IsAValidationErrorToo() {
        assertEquals(422, http.appGet("/app-conversations/search?limit=0").statusCode());
        assertEquals(
                422,
                http.appGet("/conversation/0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a/events/search?limit=500")
                        .statusCode());
    }

    @Test
    void pagingWithOpaquePageIdsReturnsEveryConversationExactlyOnce() {
        List<String> seen = new ArrayList<>();
        String pageId = null;
        int pages = 0;
        do {
            JsonNode page = http.appJson("/app-conversations/search?limit=7"
                    + (pageId == null ? "" : "&page_id=" + URLEncoder.encode(pageId, StandardCharsets.UTF_8)));
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            pageId = page.has("next_page_id") ? page.get("next_page_id").asText() : null;
            pages++;
        } while (pageId != null);

        assertEquals(30, seen.size());
        assertEquals(30, new HashSet<>(seen).size());
        assertEquals(5, pages);
        assertEquals("30", http.appGet("/app-conversations/count").body());
    }

    @Test
    void searchIsNewestCreatedFirst() {
        JsonNode items = http.appJson("/app-conversations/search").get("items");
        for (int i = 1; i < items.size(); i++) {
            Instant newer = Instant.parse(items.get(i - 1).get("created_at").asText());
            Instant older = Instant.parse(items.get(i).get("created_at").asText());
            assertFalse(older.isAfter(newer), "out of order at " + i);
        }
    }

    @Test
    void firstPageCoversEverySandboxAndExecutionStatus() {
        JsonNode items = http.appJson("/app-conversations/search?limit=20").get("items");
        Set<String> sandboxStatuses = new HashSet<>();
        Set<String> executionStatuses = new HashSet<>();
        items.forEach(item -> {
            sandboxStatuses.add(item.get("sandbox_status").asText());
            if (item.has("execution_status")) {
                executionStatuses.add(item.get("execution_status").asText());
            }
        });

        assertEquals(Set.of("STARTING", "RUNNING", "PAUSED", "ERROR", "MISSING"), sandboxStatuses);
        assertEquals(
                Set.of("idle", "running", "paused", "waiting_for_confirmation", "finished", "error", "stuck"),
                executionStatuses);
    }

    @Test
    void conversationsFollowTheWireFormats() {
        for (JsonNode item : http.appJson("/app-conversations/search").get("items")) {
            String id = item.get("id").asText();
            assertTrue(id.matches("[0-9a-f]{32}"), id);
            assertTrue(item.get("created_at").asText().endsWith("Z"));
            assertTrue(item.get("updated_at").asText().endsWith("+00:00"));
            assertTrue(item.get("sandbox_id").asText().matches("[0-9A-Za-z]{22}"));
            item.fields().forEachRemaining(field -> assertFalse(field.getValue().isNull(), "null " + field.getKey()));
            boolean running = item.get("sandbox_status").asText().equals("RUNNING");
            assertEquals(running, item.has("conversation_url"), id);
            assertEquals(running, item.has("session_api_key"), id);
            assertEquals(running, item.has("execution_status"), id);
            if (running) {
                String url = item.get("conversation_url").asText();
                String api = item.get("agent_kind").asText().equals("acp")
                        ? "/api/acp/conversations/"
                        : "/api/conversations/";
                assertEquals(server.agentServerUrl(item.get("sandbox_id").asText()) + api + id, url);
            }
        }
    }

    @Test
    void runningSandboxesExposeTheirAgentServer() {
        JsonNode sandboxes = http.appJson("/sandboxes/search").get("items");
        int running = 0;
        for (JsonNode sandbox : sandboxes) {
            boolean isRunning = sandbox.get("status").asText().equals("RUNNING");
            assertEquals(isRunning, sandbox.has("exposed_urls"));
            if (isRunning) {
                running++;
                JsonNode agent = sandbox.get("exposed_urls").get(0);
                assertEquals("AGENT_SERVER", agent.get("name").asText());
                assertEquals(
                        server.agentServerUrl(sandbox.get("id").asText()).toString(),
                        agent.get("url").asText());
                assertEquals(4, sandbox.get("exposed_urls").size());
            }
        }
        assertTrue(running >= 4);
    }

    @Test
    void batchGetAnswersInRequestOrderWithNullForUnknownIds() {
        JsonNode items = http.appJson("/app-conversations/search?limit=2").get("items");
        String first = items.get(0).get("id").asText();
        String second = items.get(1).get("id").asText();
        String dashedSecond = second.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");

        JsonNode batch = http.appJson("/app-conversations?ids=" + second + "&ids=0123456789abcdef0123456789abcdef&ids="
                + first + "&ids=" + dashedSecond);

        assertEquals(4, batch.size());
        assertEquals(second, batch.get(0).get("id").asText());
        assertTrue(batch.get(1).isNull());
        assertEquals(first, batch.get(2).get("id").asText());
        assertEquals(second, batch.get(3).get("id").asText());
    }

    @Test
    void batchGetOfMoreThan99IdsIsRejected() {
        StringBuilder query = new StringBuilder("/app-conversations?ids=x");
        for (int i = 0; i < 99; i++) {
            query.append("&ids=").append(String.format("%032x", i));
        }
        HttpResponse<String> response = http.appGet(query.toString());

        assertEquals(400, response.statusCode());
        assertTrue(DemoHttp.parse(response.body()).get("detail").isTextual());
    }

    @Test
    void singleConversationGetAnswersTheWebAppsHtml() {
        String id = http.appJson("/app-conversations/search?limit=1")
                .get("items")
                .get(0)
                .get("id")
                .asText();
        HttpResponse<String> response = http.appGet("/app-conversations/" + id);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().startsWith("<!DOCTYPE html>"));
    }

    @Test
    void subConversationsAreHiddenUnlessAskedFor() {
        int without = http.appJson("/app-conversations/search").get("items").size();
        JsonNode with = http.appJson("/app-conversations/search?include_sub_conversations=true")
                .get("items");
        long subs = 0;
        for (JsonNode item : with) {
            if (item.has("parent_conversation_id")) {
                subs++;
            }
        }
        assertEquals(2, subs);
        assertEquals(without + 2, with.size());
        assertEquals(
                String.valueOf(without + 2),
                http.appGet("/app-conversations/count?include_sub_conversations=true")
                        .body());
    }

    @Test
    void searchFiltersByTitleSandboxAndTime() {
        JsonNode first =
                http.appJson("/app-conversations/search?limit=1").get("items").get(0);
        String sandboxId = first.get("sandbox_id").asText();

        JsonNode bySandbox = http.appJson("/app-conversations/search?sandbox_id__eq=" + sandboxId)
                .get("items");
        bySandbox.forEach(item -> assertEquals(sandboxId, item.get("sandbox_id").asText()));
        assertTrue(bySandbox.size() >= 1);

        JsonNode byTitle =
                http.appJson("/app-conversations/search?title__contains=flaky").get("items");
        byTitle.forEach(item -> assertTrue(item.get("title").asText().contains("flaky")));
        assertTrue(byTitle.size() >= 1);
        // Cloud's LIKE on PostgreSQL: case-sensitive, and _ stands for any one character.
        assertEquals(
                0,
                http.appJson("/app-conversations/search?title__contains=FLAKY")
                        .get("items")
                        .size());
        assertEquals(
                byTitle.size(),
                http.appJson("/app-conversations/search?title__contains=fl_ky")
                        .get("items")
                        .size());

        String since = URLEncoder.encode(clock.instant().minusSeconds(3600).toString(), StandardCharsets.UTF_8);
        JsonNode recent = http.appJson("/app-conversations/search?created_at__gte=" + since)
                .get("items");
        recent.forEach(item -> assertFalse(Instant.parse(item.get("created_at").asText())
                .isBefore(clock.instant().minusSeconds(3600))));
        assertTrue(recent.size() >= 3 && recent.size() < 30);
        assertEquals(
                String.valueOf(recent.size()),
                http.appGet("/app-conversations/count?created_at__gte=" + since).body());
    }

    @Test
    void patchRenamesAndDeleteRemoves() {
        String id = http.appJson("/app-conversations/search?limit=1")
                .get("items")
                .get(0)
                .get("id")
                .asText();

        HttpResponse<String> patched = http.app("PATCH", "/app-conversations/" + id, "{\"title\":\"Renamed\"}");
        assertEquals(200, patched.statusCode());
        assertEquals("Renamed", DemoHttp.parse(patched.body()).get("title").asText());

        HttpResponse<String> deleted = http.app("DELETE", "/app-conversations/" + id, null);
        assertEquals("{\"success\":true}", deleted.body());
        assertTrue(http.appJson("/app-conversations?ids=" + id).get(0).isNull());
        assertEquals("29", http.appGet("/app-conversations/count").body());
    }

    @Test
    void updatedAtAndCostGrowWhileAConversationRuns() {
        ConversationSnapshot running = DemoHttp.withExecutionStatus(server, "running");
        JsonNode before = http.appJson("/app-conversations?ids=" + running.id()).get(0);

        clock.advanceSeconds(60);
        JsonNode after = http.appJson("/app-conversations?ids=" + running.id()).get(0);

        assertTrue(Instant.parse(after.get("updated_at").asText().replace("+00:00", "Z"))
                .isAfter(Instant.parse(before.get("updated_at").asText().replace("+00:00", "Z"))));
        assertTrue(after.get("metrics").get("accumulated_cost").asDouble()
                > before.get("metrics").get("accumulated_cost").asDouble());
    }

    @Test
    void aHundredConversationsPageInFullPages() throws Exception {
        try (DemoServer big = DemoServer.start(DemoConfig.defaults()
                .withClock(clock)
                .withConversationCount(100)
                .withScratchRoot(demo.scratch().resolve("big")))) {
            DemoHttp bigHttp = new DemoHttp(big);
            JsonNode first = bigHttp.appJson("/app-conversations/search");
            assertEquals(100, first.get("items").size());
            assertNull(first.get("next_page_id"));
            JsonNode half = bigHttp.appJson("/app-conversations/search?limit=50");
            assertEquals("NTA", half.get("next_page_id").asText());
        }
    }

    @Test
    void theSameSeedAndClockBuildTheSameWorld() throws Exception {
        try (DemoServer twin = DemoServer.start(DemoConfig.defaults()
                .withClock(clock)
                .withScratchRoot(demo.scratch().resolve("twin")))) {
            assertEquals(server.world().conversations(), twin.world().conversations());
            String id = server.world().conversations().get(0).id();
            assertEquals(server.world().events(id), twin.world().events(id));
        }
    }
}

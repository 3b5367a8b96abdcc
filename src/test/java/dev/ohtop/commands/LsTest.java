package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SeenRequest;
import dev.ohtop.testing.CommandRun;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ohtop ls}: the newest conversations for scripts, in one request. */
class LsTest {
    /** Clear screen, window title (OSC with BEL), NUL, a right-to-left override and a pop: what a title must not do. */
    private static final String HOSTILE = "\u001b[2J\u001b]0;pwned\u0007Fix \u202eevil\u202c login\u0000 bug";

    private final DemoProxy proxy = new DemoProxy();
    private DemoServer demo;

    /** A world that stands still, so that two runs see the same conversations at the same ages. */
    private DemoServer demo() throws IOException {
        demo = proxy.startDemo(DemoConfig.defaults().withClock(ManualClock.atDemoStart()));
        return demo;
    }

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void jsonIsOneArrayWithTheDocumentedFieldNamesAndNoSessionKey() throws IOException {
        DemoServer demo = demo();

        CommandRun run = CommandRun.against(demo, "ls", "--json");

        assertEquals(Exit.OK, run.exit(), run.toString());
        JsonNode list = run.json();
        assertTrue(list.isArray(), run.toString());
        long topLevel = demo.world().conversations().stream()
                .filter(c -> c.parentConversationId() == null)
                .count();
        assertEquals(topLevel, list.size(), "the search lists conversations, not their sub-conversations");
        for (JsonNode c : list) {
            for (String field : List.of("id", "title", "sandbox_id", "sandbox_status", "created_at", "updated_at")) {
                assertTrue(c.hasNonNull(field), field + " in " + c);
            }
            assertFalse(c.has("session_api_key"), c.toString());
        }
        assertTrue(list.findValues("execution_status").size() > 0, "a running sandbox's conversations say it");
        for (SandboxSnapshot sandbox : demo.world().sandboxes()) {
            assertFalse(run.out().contains(sandbox.sessionApiKey()), "a sandbox's key is never printed");
        }
        assertFalse(run.out().contains("session_api_key"), run.out());
    }

    @Test
    void runningConversationsComeFirst() throws IOException {
        CommandRun run = CommandRun.against(demo(), "ls", "--json");

        List<String> statuses = new ArrayList<>();
        run.json().forEach(c -> statuses.add(c.path("execution_status").asText()));
        int firstNotRunning = statuses.indexOf(
                statuses.stream().filter(s -> !s.equals("running")).findFirst().orElseThrow());
        assertTrue(firstNotRunning > 0, "the demo has running conversations: " + statuses);
        assertTrue(
                statuses.subList(firstNotRunning, statuses.size()).stream().noneMatch(s -> s.equals("running")),
                statuses.toString());
    }

    @Test
    void runningListsOnlyTheRunningOnes() throws IOException {
        DemoServer demo = demo();
        long running = demo.world().conversations().stream()
                .filter(c -> "running".equals(c.executionStatus()))
                .count();

        CommandRun run = CommandRun.against(demo, "ls", "--running", "--json");

        assertEquals(Exit.OK, run.exit(), run.toString());
        assertEquals(running, run.json().size(), run.toString());
        run.json()
                .forEach(c -> assertEquals("running", c.path("execution_status").asText(), c.toString()));
    }

    @Test
    void limitIsHonouredAndTheNoteThatMoreExistGoesToStderr() throws IOException {
        CommandRun run = CommandRun.against(demo(), "ls", "--limit", "5");

        assertEquals(Exit.OK, run.exit(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("SANDBOX"), run.toString());
        assertEquals(5, lines.size() - 1, run.toString());
        assertTrue(run.err().contains("more conversations exist"), run.toString());
        assertFalse(run.out().contains("more conversations"), run.toString());
    }

    @Test
    void oneListIsExactlyOneRequest() throws IOException {
        demo();
        for (List<String> args : List.of(List.of("ls"), List.of("ls", "--json", "--running", "--limit", "100"))) {
            long mark = proxy.requests().mark();

            CommandRun run = CommandRun.against(demo, args.toArray(String[]::new));

            assertEquals(Exit.OK, run.exit(), run.toString());
            List<SeenRequest> seen = proxy.requests().since(mark);
            assertEquals(1, seen.size(), args + " sent " + seen);
            assertEquals("GET /api/v1/app-conversations/search", seen.get(0).route(), seen.toString());
        }
    }

    @Test
    void aHostileTitleIsInertInTheTableAndExactInJson() throws Exception {
        DemoServer demo = demo();
        String id = demo.world().conversations().get(0).id();
        rename(demo, id, HOSTILE + " " + "and a title far longer than its column of forty".repeat(2));

        CommandRun table = CommandRun.against(demo, "ls");
        CommandRun json = CommandRun.against(demo, "ls", "--json");

        String row = rowOf(table.out(), id);
        assertFalse(row.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f || ch == '\u202e' || ch == '\u202c'), row);
        assertTrue(
                row.contains("^[") && row.contains("far longer than its column of forty"), "whole in a pipe: " + row);
        JsonNode listed = find(json.json(), id);
        assertEquals(
                HOSTILE + " " + "and a title far longer than its column of forty".repeat(2),
                listed.path("title").asText());
    }

    @Test
    void onATerminalTheTitleIsCutToItsColumn() throws Exception {
        DemoServer demo = demo();
        String id = demo.world().conversations().get(0).id();
        String title = "T" + "x".repeat(60) + " the end";
        rename(demo, id, title);
        Map<String, String> env = new HashMap<>(Map.of("LANG", "C.UTF-8", "OPENHANDS_CLOUD_API_KEY", demo.apiKey()));

        CommandRun onTerminal =
                CommandRun.run(env, "", true, "--base-url", demo.appServerUrl().toString(), "ls");
        CommandRun inPipe =
                CommandRun.run(env, "", false, "--base-url", demo.appServerUrl().toString(), "ls");

        assertFalse(rowOf(onTerminal.out(), id).contains("the end"), onTerminal.out());
        assertTrue(rowOf(onTerminal.out(), id).contains("T" + "x".repeat(30)), onTerminal.out());
        assertTrue(rowOf(inPipe.out(), id).contains(title), inPipe.out());
    }

    @Test
    void aServerThatIsDownExitsThreeWithOneLine() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }

        CommandRun run = CommandRun.against(URI.create("http://127.0.0.1:" + port), "key-not-to-show", "", "ls");

        assertEquals(Exit.SERVER, run.exit(), run.toString());
        assertEquals("", run.out(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertFalse(run.err().contains("key-not-to-show"), run.toString());
    }

    @Test
    void aRateLimitIsWaitedOutOnceAndTheListFollows() throws IOException {
        demo();
        proxy.faults().next(1, Fault.rateLimited(1), FaultSwitch.Target.APP);
        long mark = proxy.requests().mark();

        CommandRun run = CommandRun.against(demo, "ls");

        assertEquals(Exit.OK, run.exit(), run.toString());
        assertTrue(run.out().startsWith("SANDBOX"), run.toString());
        assertEquals(2, proxy.requests().since(mark).size(), "the refused request and its one retry");
    }

    @Test
    void malformedJsonExitsThree() throws IOException {
        demo();
        proxy.faults().always(Fault.malformedJson(), FaultSwitch.Target.APP);

        CommandRun run = CommandRun.against(demo, "ls");

        assertEquals(Exit.SERVER, run.exit(), run.toString());
        assertEquals("", run.out(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
    }

    @Test
    void aBadLimitIsAUsageErrorAndSendsNothing() throws IOException {
        demo();
        for (String limit : List.of("0", "101", "many")) {
            long mark = proxy.requests().mark();

            CommandRun run = CommandRun.against(demo, "ls", "--limit", limit);

            assertEquals(Exit.USAGE, run.exit(), run.toString());
            assertEquals("", run.out(), run.toString());
            assertTrue(run.err().contains("--limit"), run.toString());
            assertEquals(List.of(), proxy.requests().since(mark), "no request for --limit " + limit);
        }
    }

    @Test
    void listOptionGivesTheSameAsLs() throws IOException {
        DemoServer demo = demo();

        CommandRun ls = CommandRun.against(demo, "ls");
        CommandRun list = CommandRun.against(demo, "--list");

        assertEquals(Exit.OK, list.exit(), list.toString());
        assertEquals(ls.out(), list.out());
        assertEquals(ls.err(), list.err());
    }

    private static String rowOf(String table, String id) {
        return table.lines()
                .filter(line -> line.contains(id.substring(0, 8)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + id + " in\n" + table));
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode c : list) {
            if (id.equals(c.path("id").asText())) {
                return c;
            }
        }
        throw new AssertionError("no " + id + " in " + list);
    }

    /** As the web app renames a conversation. */
    private static void rename(DemoServer demo, String id, String title) throws Exception {
        String body = dev.ohtop.api.Json.MAPPER.writeValueAsString(Map.of("title", title));
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(demo.appServerUrl() + "/api/v1/app-conversations/" + id))
                                .header("Authorization", "Bearer " + demo.apiKey())
                                .header("Content-Type", "application/json")
                                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }
}

package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.Main;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.testing.CommandRun;
import dev.ohtop.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ohtop start}: a conversation from a prompt file, followed to READY. */
class StartCommandTest {
    private static final String PROMPT = "Find why the nightly build is slow\nand say what to change.";

    @TempDir
    Path dir;

    @Test
    void startPrintsTheIdOfANewConversationWhoseFirstMessageIsThePrompt() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            CommandRun run = demo.run("start", "--prompt-file", prompt(PROMPT), "--repo", "acme/api");

            assertEquals(0, run.exit(), run.toString());
            String id = run.out().strip();
            assertTrue(id.matches("[0-9a-f]{32}"), run.toString());
            ConversationSnapshot started =
                    demo.server.world().conversation(id).orElseThrow(() -> new AssertionError(run.toString()));
            assertEquals("acme/api", started.selectedRepository());
            assertTrue(
                    firstUserMessage(demo.server, id).contains(PROMPT),
                    demo.server.world().events(id).toString());
            assertTrue(run.err().contains(": READY"), "progress in status words:\n" + run);
            assertEquals(1, run.err().split("WORKING", -1).length - 1, "each status said once:\n" + run);
            assertTrue(run.err().contains("/conversations/" + id), "the web address on stderr:\n" + run);
        }
    }

    @Test
    void thePromptMayComeFromStdin() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            CommandRun run = demo.runWithStdin(PROMPT, "start", "--prompt-file", "-", "--title", "From a pipe");

            assertEquals(0, run.exit(), run.toString());
            String id = run.out().strip();
            assertEquals(
                    "From a pipe",
                    demo.server.world().conversation(id).orElseThrow().title());
            assertTrue(firstUserMessage(demo.server, id).contains(PROMPT));
        }
    }

    @Test
    void noWaitPrintsTheStartTaskIdAndSaysItIsNoConversationId() throws Exception {
        try (CommandDemo demo = CommandDemo.at(ManualClock.atDemoStart())) {
            int before = demo.server.world().conversations().size();

            CommandRun run = demo.run("start", "--prompt-file", prompt(PROMPT), "--no-wait");

            assertEquals(0, run.exit(), run.toString());
            String taskId = run.out().strip();
            assertTrue(taskId.matches("[0-9a-f]{32}"), run.toString());
            assertTrue(run.err().contains("start task id"), run.toString());
            assertTrue(demo.server.world().conversation(taskId).isEmpty(), "a task id is no conversation id");
            assertEquals(before, demo.server.world().conversations().size(), "not waited for: nothing started yet");
            assertEquals(
                    List.of("GET /api/v1/app-conversations/search", "POST /api/v1/app-conversations"),
                    demo.proxy.requests().all().stream().map(r -> r.route()).toList(),
                    "the running count in one search, then the start, and no reading of the task");
        }
    }

    @Test
    void jsonIsTheFinalStartTaskWithTheServersFields() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            CommandRun run = demo.run("start", "--prompt-file", prompt(PROMPT), "--json", "--branch", "main");

            assertEquals(0, run.exit(), run.toString());
            JsonNode task = run.json();
            assertEquals("READY", task.get("status").asText());
            String id = task.get("app_conversation_id").asText();
            assertTrue(demo.server.world().conversation(id).isPresent(), run.toString());
            assertEquals("main", task.get("request").get("selected_branch").asText());
            assertTrue(task.get("id").asText().matches("[0-9a-f]{32}"));
            assertTrue(task.has("sandbox_id") && task.has("agent_server_url") && task.has("created_at"), run.out());
        }
    }

    @Test
    void noWaitJsonIsTheTaskAsTheStartAnsweredIt() throws Exception {
        try (CommandDemo demo = CommandDemo.at(ManualClock.atDemoStart())) {
            CommandRun run = demo.run("start", "--prompt-file", prompt(PROMPT), "--no-wait", "--json");

            assertEquals(0, run.exit(), run.toString());
            assertEquals("WORKING", run.json().get("status").asText());
            assertFalse(run.json().has("app_conversation_id"));
        }
    }

    @Test
    void fiveOrMoreRunningAmongTheNewestBringsAWarningWithTheirCount() throws Exception {
        ManualClock clock = ManualClock.atDemoStart();
        try (CommandDemo demo = CommandDemo.at(clock)) {
            while (running(demo) < 5) {
                assertEquals(
                        0,
                        demo.run("start", "--prompt-file", prompt(PROMPT), "--no-wait")
                                .exit());
                clock.advanceSeconds(20); // started, and its agent still at work
            }
            long running = running(demo);

            CommandRun run = demo.run("start", "--prompt-file", prompt(PROMPT), "--no-wait");

            assertEquals(0, run.exit(), run.toString());
            assertTrue(run.err().contains(running + " conversations are already running"), run.toString());
            assertFalse(run.out().contains("running"), "the warning is not data:\n" + run);
        }
    }

    private static long running(CommandDemo demo) {
        return demo.server.world().conversations().stream()
                .filter(c -> "running".equals(c.executionStatus()))
                .count();
    }

    @Test
    void fewerThanFiveRunningBringsNoWarning() throws Exception {
        try (CommandDemo demo = CommandDemo.at(ManualClock.atDemoStart())) {
            for (SandboxSnapshot s : demo.server.world().sandboxes()) {
                if (s.status() == SandboxStatus.RUNNING) {
                    assertEquals(
                            0, demo.run("pause", s.conversationIds().get(0)).exit());
                }
            }

            CommandRun run = demo.run("start", "--prompt-file", prompt(PROMPT), "--no-wait");

            assertEquals(0, run.exit(), run.toString());
            assertFalse(run.err().contains("already running"), run.toString());
        }
    }

    @Test
    void aStartThatEndsInErrorPrintsTheServersReasonAndExits3() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            CommandRun run = demo.run("start", "--prompt-file", prompt(PROMPT), "--repo", "acme/fail-repo");

            assertEquals(3, run.exit(), run.toString());
            assertEquals("", run.out(), run.toString());
            assertTrue(run.err().contains("Failed to clone repository acme/fail-repo"), run.toString());
        }
    }

    @Test
    void aHostileReasonIsShownInert() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            CommandRun run =
                    demo.run("start", "--prompt-file", prompt(PROMPT), "--repo", "acme/fail\u001b]0;owned\u0007");

            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.err().contains("acme/fail^[]0;owned"), run.toString());
            assertFalse(run.err().contains("\u001b") || run.err().contains("\u0007"), "no escape reaches the terminal");
        }
    }

    @Test
    void aMissingPromptFileExits2InOneLineBeforeAnyRequest() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            CommandRun run = demo.run(
                    "start", "--prompt-file", dir.resolve("nothing-here.md").toString());

            assertEquals(2, run.exit(), run.toString());
            assertEquals(1, run.err().lines().count(), run.toString());
            assertTrue(run.err().contains("no prompt file"), run.toString());
            assertEquals(0, demo.proxy.requests().total(), "nothing asked of the server");
        }
    }

    @Test
    void anEmptyPromptExits2BeforeAnyRequest() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            CommandRun fromFile = demo.run("start", "--prompt-file", prompt("  \n"));
            CommandRun fromStdin = demo.runWithStdin("", "start", "--prompt-file", "-");

            assertEquals(2, fromFile.exit(), fromFile.toString());
            assertTrue(fromFile.err().contains("is empty"), fromFile.toString());
            assertEquals(2, fromStdin.exit(), fromStdin.toString());
            assertEquals(0, demo.proxy.requests().total(), "nothing asked of the server");
        }
    }

    @Test
    void aStartStillStartingAfterTheTrackersLimitExits3WithItsTaskId() throws Exception {
        // The demo's clock stands still (the task stays WORKING); ohtop's jumps past the limit once it asked.
        ManualClock ohtopClock = ManualClock.atDemoStart();
        try (CommandDemo demo = CommandDemo.at(ManualClock.atDemoStart())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String[] args = {
                "--base-url", demo.server.appServerUrl().toString(), "start", "--prompt-file", prompt(PROMPT)
            };
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(
                    args,
                    Map.of("LANG", "C.UTF-8", "OPENHANDS_CLOUD_API_KEY", demo.server.apiKey()),
                    new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    false,
                    ohtopClock));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (demo.proxy.requests().all().stream()
                    .noneMatch(r -> r.method().equals("POST"))) {
                assertTrue(System.nanoTime() < deadline, "no start was asked for");
                Thread.sleep(20);
            }
            ohtopClock.advance(Duration.ofMinutes(11));

            assertEquals(3, exit.get(20, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
            assertTrue(
                    err.toString(StandardCharsets.UTF_8)
                            .matches("(?s).*still starting after 10 min: start task [0-9a-f]{32}\n"),
                    err.toString(StandardCharsets.UTF_8));
            assertEquals("", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void attachedToAnAgentServerStartIsAUsageError() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            SandboxSnapshot sandbox = demo.server.world().sandboxes().stream()
                    .filter(s -> s.status() == SandboxStatus.RUNNING)
                    .findFirst()
                    .orElseThrow();
            CommandRun run = CommandRun.attached(
                    sandbox.agentServerUrl(), sandbox.sessionApiKey(), "start", "--prompt-file", prompt(PROMPT));

            assertEquals(2, run.exit(), run.toString());
            assertTrue(run.err().contains("needs the app server"), run.toString());
        }
    }

    @Test
    void underReadonlyStartIsRefusedWithNoRequest() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            CommandRun run = demo.run("--readonly", "start", "--prompt-file", prompt(PROMPT));

            assertEquals(2, run.exit(), run.toString());
            assertTrue(run.err().contains("--readonly"), run.toString());
            assertEquals(0, demo.proxy.requests().total(), "nothing asked of the server");
        }
    }

    private String prompt(String text) throws Exception {
        Path file = Files.createTempFile(dir, "prompt-", ".md");
        Files.writeString(file, text);
        return file.toString();
    }

    /** The text of the conversation's first message from the user, as the demo holds it. */
    static String firstUserMessage(DemoServer demo, String conversationId) {
        return demo.world().events(conversationId).stream()
                .filter(e -> "MessageEvent".equals(e.path("kind").asText())
                        && "user".equals(e.path("source").asText()))
                .map(e -> e.path("llm_message")
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText())
                .findFirst()
                .orElse("");
    }
}

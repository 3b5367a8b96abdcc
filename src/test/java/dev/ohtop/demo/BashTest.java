package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BashTest {
    @RegisterExtension
    final DemoFixture demo = new DemoFixture();

    private DemoServer server;
    private DemoHttp http;
    private String sandboxId;

    @BeforeEach
    void useDemo() {
        server = demo.server();
        http = demo.http();
        sandboxId = demo.running().sandboxId();
    }

    @Test
    void executeReturnsTheFinalOutputWithExitCodeAndStderr() {
        JsonNode output = execute("{\"command\":\"echo out; echo err >&2; exit 3\"}");

        assertEquals("BashOutput", output.get("kind").asText());
        assertEquals(3, output.get("exit_code").asInt());
        assertEquals("out\n", output.get("stdout").asText());
        assertEquals("err\n", output.get("stderr").asText());
        assertEquals(0, output.get("order").asInt());
        assertTrue(output.get("id").asText().matches("[0-9a-f]{32}"));
        assertTrue(output.get("command_id").asText().matches("[0-9a-f]{32}"));
    }

    @Test
    void anEmptyStreamIsLeftOut() {
        JsonNode output = execute("{\"command\":\"true\"}");
        assertEquals(0, output.get("exit_code").asInt());
        assertFalse(output.has("stdout"));
        assertFalse(output.has("stderr"));
    }

    @Test
    void commandsRunInTheSandboxAndPrintSandboxPaths() {
        assertEquals(
                SandboxFiles.PROJECT + "\n",
                execute("{\"command\":\"pwd\"}").get("stdout").asText());
        assertEquals(
                "/tmp\n",
                execute("{\"command\":\"pwd\",\"cwd\":\"/tmp\"}").get("stdout").asText());
        assertEquals(
                "README.md\nsrc\ntests\n",
                execute("{\"command\":\"ls\"}").get("stdout").asText());
        assertEquals(
                "/home/openhands\n",
                execute("{\"command\":\"echo $HOME\"}").get("stdout").asText());
        assertEquals(
                SandboxFiles.readme(sandboxId),
                execute("{\"command\":\"cat " + SandboxFiles.PROJECT + "/README.md\"}")
                        .get("stdout")
                        .asText());
        assertEquals(
                "/usr/bin\n",
                execute("{\"command\":\"cd /usr/bin && pwd\"}").get("stdout").asText());
    }

    @Test
    void aCwdOutsideTheSandboxIsRejected() {
        HttpResponse<String> response = http.agent(
                sandboxId, "POST", "/api/bash/execute_bash_command", "{\"command\":\"pwd\",\"cwd\":\"/../../..\"}");
        assertEquals(400, response.statusCode());
        assertTrue(DemoHttp.parse(response.body()).get("detail").isTextual());
    }

    @Test
    void aMissingCwdIsReportedAsTheAgentServerDoes() {
        JsonNode output = execute("{\"command\":\"pwd\",\"cwd\":\"/nowhere\"}");
        assertEquals(-1, output.get("exit_code").asInt());
        assertTrue(output.get("stderr").asText().contains("No such file or directory"));
    }

    @Test
    void aTimeoutKillsTheWholeTreeAndReportsMinusOne() throws Exception {
        long start = System.nanoTime();
        JsonNode output = execute("{\"command\":\"echo started; sleep 31 & sleep 31; wait\",\"timeout\":1}");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(-1, output.get("exit_code").asInt());
        assertEquals("started\n", output.get("stdout").asText());
        assertTrue(millis < 5_000, "took " + millis + " ms");
        assertTrue(noProcessRuns("sleep 31"), "a process of the timed-out command survived");
    }

    /** Killed processes can take a moment to disappear from the process table. */
    static boolean noProcessRuns(String commandLine) throws InterruptedException {
        for (int attempt = 0; attempt < 40; attempt++) {
            boolean found = ProcessHandle.allProcesses()
                    .anyMatch(p ->
                            p.isAlive() && p.info().commandLine().orElse("").contains(commandLine));
            if (!found) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void outputAboveOneMebibyteArrivesInOrderedChunks() {
        // 2.5 MiB of stdout: stored as chunks 0 and 1 of 1 MiB and a final one with the rest and the
        // exit code; the execute answer, like the real agent server's, joins them all.
        JsonNode last = execute("{\"command\":\"head -c 2621440 /dev/zero | tr '\\\\0' x\"}");
        assertEquals(2, last.get("order").asInt());
        assertEquals(0, last.get("exit_code").asInt());
        assertEquals(2621440, last.get("stdout").asText().length());

        JsonNode items = http.agentJson(
                        sandboxId,
                        "GET",
                        "/api/bash/bash_events/search?command_id__eq="
                                + last.get("command_id").asText()
                                + "&kind__eq=BashOutput&sort_order=TIMESTAMP&limit=100",
                        null)
                .get("items");
        assertEquals(3, items.size());
        long total = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode chunk = items.get(i);
            assertEquals(i, chunk.get("order").asInt());
            assertEquals(i < 2, !chunk.has("exit_code"));
            total += chunk.get("stdout").asText().length();
        }
        assertEquals(2621440, total);
        JsonNode later = http.agentJson(
                        sandboxId,
                        "GET",
                        "/api/bash/bash_events/search?command_id__eq="
                                + last.get("command_id").asText() + "&order__gt=0",
                        null)
                .get("items");
        assertEquals(2, later.size());
    }

    @Test
    void chunksNeverSplitAMultibyteCharacter() {
        // 'é' is two bytes; 600k of them straddle the 1 MiB mark.
        JsonNode last = execute("{\"command\":\"for i in $(seq 600); do printf 'é%.0s' $(seq 1000); done\"}");
        JsonNode items = http.agentJson(
                        sandboxId,
                        "GET",
                        "/api/bash/bash_events/search?command_id__eq="
                                + last.get("command_id").asText(),
                        null)
                .get("items");
        int characters = 0;
        for (JsonNode chunk : items) {
            String text = chunk.path("stdout").asText("");
            assertFalse(text.contains("\uFFFD"), "a character was cut in two");
            characters += text.length();
        }
        assertEquals(600_000, characters);
    }

    @Test
    void startReturnsTheCommandAtOnceAndSearchFindsItsOutput() throws Exception {
        HttpResponse<String> response =
                http.agent(sandboxId, "POST", "/api/bash/start_bash_command", "{\"command\":\"sleep 0.3; echo done\"}");
        JsonNode command = DemoHttp.parse(response.body());
        assertEquals("BashCommand", command.get("kind").asText());
        assertEquals("sleep 0.3; echo done", command.get("command").asText());
        assertEquals(300, command.get("timeout").asInt());

        JsonNode finalOutput = null;
        for (int attempt = 0; attempt < 100 && finalOutput == null; attempt++) {
            JsonNode items = http.agentJson(
                            sandboxId,
                            "GET",
                            "/api/bash/bash_events/search?command_id__eq="
                                    + command.get("id").asText() + "&kind__eq=BashOutput",
                            null)
                    .get("items");
            for (JsonNode item : items) {
                if (item.has("exit_code")) {
                    finalOutput = item;
                }
            }
            Thread.sleep(50);
        }
        assertEquals("done\n", finalOutput.get("stdout").asText());
    }

    @Test
    void bashEventSearchPagesByEventId() {
        for (int i = 0; i < 5; i++) {
            execute("{\"command\":\"echo " + i + "\"}");
        }
        List<String> ids = new ArrayList<>();
        String pageId = null;
        do {
            JsonNode page = http.agentJson(
                    sandboxId,
                    "GET",
                    "/api/bash/bash_events/search?limit=3" + (pageId == null ? "" : "&page_id=" + pageId),
                    null);
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
            pageId = page.has("next_page_id") ? page.get("next_page_id").asText() : null;
            if (pageId != null) {
                assertEquals(
                        pageId,
                        http.agentJson(sandboxId, "GET", "/api/bash/bash_events/search?limit=1&page_id=" + pageId, null)
                                .get("items")
                                .get(0)
                                .get("id")
                                .asText());
            }
        } while (pageId != null);
        assertEquals(10, ids.size());
        assertNull(http.agentJson(sandboxId, "GET", "/api/bash/bash_events/search?kind__eq=BashCommand&limit=100", null)
                .get("next_page_id"));
    }

    @Test
    void aRequestWithoutACommandIsAValidationError() {
        HttpResponse<String> response = http.agent(sandboxId, "POST", "/api/bash/execute_bash_command", "{}");
        assertEquals(422, response.statusCode());
        assertEquals(
                "missing",
                DemoHttp.parse(response.body()).get("detail").get(0).get("type").asText());
    }

    private JsonNode execute(String body) {
        return http.agentJson(sandboxId, "POST", "/api/bash/execute_bash_command", body);
    }
}

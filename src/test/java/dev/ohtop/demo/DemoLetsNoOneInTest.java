package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's sandboxes run real bash as the user who started ohtop, on loopback of what may be a
 * shared machine: only the holder of this run's keys gets in, and its scratch folders are the
 * user's alone. Two demos of the same seed are the same world, but never the same keys.
 */
@Tag("security")
@DisplayName("The demo lets no one else in")
class DemoLetsNoOneInTest {
    @TempDir
    Path scratch;

    private DemoServer start(String name) throws IOException {
        return DemoServer.start(DemoConfig.defaults().withClock(ManualClock.atDemoStart())
                .withScratchRoot(scratch.resolve(name)));
    }

    /** The API key, every sandbox's session key, and the new key one sandbox gets as after a resume. */
    private static List<String> keysOf(DemoServer server) {
        String first = server.world().sandboxes().get(0).id();
        server.world().rotateSessionKey(first);
        List<String> keys = new ArrayList<>(List.of(server.apiKey()));
        server.world().sandboxes().forEach(s -> keys.add(s.sessionApiKey()));
        return keys;
    }

    @Test
    void twoDemoRunsShareNoKey(TestReporter reporter) throws IOException {
        try (DemoServer one = start("one"); DemoServer two = start("two")) {
            assertEquals(one.world().conversations().stream().map(ConversationSnapshot::id).toList(),
                    two.world().conversations().stream().map(ConversationSnapshot::id).toList(),
                    "the same seed makes the same world: only the keys differ");
            List<String> keysOne = keysOf(one);
            List<String> keysTwo = keysOf(two);
            Set<String> common = new HashSet<>(keysOne);
            common.retainAll(keysTwo);

            assertEquals(Set.of(), common, "keys both runs handed out");
            assertEquals(keysOne.size(), new HashSet<>(keysOne).size(), "every key of a run is its own");
            reporter.publishEntry("seen", "first sandbox's key: " + mask(keysOne.get(1)) + " and "
                    + mask(keysTwo.get(1)));
        }
    }

    @Test
    void theAgentServerRefusesACommandWithoutTheKeyOfThatRun(TestReporter reporter) throws IOException {
        try (DemoServer mine = start("mine"); DemoServer other = start("other")) {
            String sandboxId = DemoHttp.withExecutionStatus(mine, "running").sandboxId();
            DemoHttp http = new DemoHttp(mine);
            String otherRunsKey = new DemoHttp(other).sessionKey(sandboxId);
            String body = "{\"command\":\"touch /workspace/project/intruder-was-here\"}";
            String path = "/api/bash/execute_bash_command";

            HttpResponse<String> withoutKey = http.send(http.agentRequest(sandboxId, path), "POST", body);
            HttpResponse<String> withOtherRunsKey = http.send(http.agentRequest(sandboxId, path)
                    .header("X-Session-API-Key", otherRunsKey), "POST", body);

            assertEquals(401, withoutKey.statusCode());
            assertEquals(401, withOtherRunsKey.statusCode(), "the same sandbox of another run has another key");
            assertFalse(Files.exists(mine.sandboxRoot(sandboxId).resolve("workspace/project/intruder-was-here")),
                    "the command did not run");
            reporter.publishEntry("seen", "HTTP " + withOtherRunsKey.statusCode() + " " + withOtherRunsKey.body());
        }
    }

    @Test
    void theScratchFoldersAreTheUsersAlone(TestReporter reporter) throws IOException {
        try (DemoServer given = start("given"); DemoServer temporary = DemoServer.start(DemoConfig.defaults())) {
            for (DemoServer server : List.of(given, temporary)) {
                Path sandbox = server.sandboxRoot(server.world().sandboxes().get(0).id());
                new DemoHttp(server).agent(server.world().sandboxes().get(0).id(), "POST",
                        "/api/bash/execute_bash_command", "{\"command\":\"true\"}");
                for (Path folder : List.of(sandbox.getParent(), sandbox, sandbox.getParent().resolve(".bash"))) {
                    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)),
                            folder.toString());
                }
            }
            reporter.publishEntry("seen", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    temporary.sandboxRoot(temporary.world().sandboxes().get(0).id()).getParent())));
        }
    }

    /** A key's first characters only: the report is a committed file. */
    private static String mask(String key) {
        return key.substring(0, Math.min(8, key.length())) + "…";
    }
}

package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.testing.ManualClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's sandboxes run real bash as the user who started ohtop, on loopback of what may be a
 * shared machine: only the holder of this run's keys gets in, and its scratch folders are the
 * user's alone. Two demos of the same seed are the same world, but never the same keys.
 */
@Tag("security")
@DisplayName("The demo lets no one else in")
class DemoLetsNoOneInTest {
    /** Secrets a user of ohtop may well have exported. */
    private static final Map<String, String> CANARIES = Map.of(
            "OPENHANDS_CLOUD_API_KEY", "sk-oh-canary-cloud-key-7f3a",
            "AWS_SECRET_ACCESS_KEY", "canary-aws-secret-91c2",
            "AWS_ACCESS_KEY_ID", "AKIACANARY0000000000",
            "SSH_AUTH_SOCK", "/tmp/ssh-canary/agent.4242",
            "GITHUB_TOKEN", "ghp_canaryGithubToken0000");

    @TempDir
    Path scratch;

    private DemoServer start(String name) throws IOException {
        return start(name, ManualClock.atDemoStart());
    }

    private DemoServer start(String name, ManualClock clock) throws IOException {
        return DemoServer.start(DemoConfig.defaults().withClock(clock).withScratchRoot(scratch.resolve(name)));
    }

    /**
     * The API key and every sandbox's session key: those of the world as it starts, of the sandbox
     * a new conversation gets, and the new key one sandbox gets as after a resume.
     */
    private static List<String> keysOf(DemoServer server, ManualClock clock) {
        int before = server.world().sandboxes().size();
        new DemoHttp(server)
                .app(
                        "POST",
                        "/app-conversations",
                        "{\"initial_message\":{\"role\":\"user\","
                                + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]},\"selected_repository\":\"acme/app\"}");
        clock.advanceSeconds(60);
        assertEquals(before + 1, server.world().sandboxes().size(), "the new conversation got a sandbox");
        server.world().rotateSessionKey(server.world().sandboxes().get(1).id());
        List<String> keys = new ArrayList<>(List.of(server.apiKey()));
        server.world().sandboxes().forEach(s -> keys.add(s.sessionApiKey()));
        return keys;
    }

    @Test
    void twoDemoRunsShareNoKey(TestReporter reporter) throws IOException {
        ManualClock clockOne = ManualClock.atDemoStart();
        ManualClock clockTwo = ManualClock.atDemoStart();
        try (DemoServer one = start("one", clockOne);
                DemoServer two = start("two", clockTwo)) {
            assertEquals(
                    one.world().conversations().stream()
                            .map(ConversationSnapshot::id)
                            .toList(),
                    two.world().conversations().stream()
                            .map(ConversationSnapshot::id)
                            .toList(),
                    "the same seed makes the same world: only the keys differ");
            List<String> keysOne = keysOf(one, clockOne);
            List<String> keysTwo = keysOf(two, clockTwo);
            Set<String> common = new HashSet<>(keysOne);
            common.retainAll(keysTwo);

            assertEquals(Set.of(), common, "keys both runs handed out");
            assertEquals(keysOne.size(), new HashSet<>(keysOne).size(), "every key of a run is its own");
            reporter.publishEntry("seen", keysOne.size() + " keys in each run, " + common.size() + " in common");
        }
    }

    @Test
    void theAgentServerRefusesACommandWithoutTheKeyOfThatRun(TestReporter reporter) throws IOException {
        try (DemoServer mine = start("mine");
                DemoServer other = start("other")) {
            String sandboxId = DemoHttp.withExecutionStatus(mine, "running").sandboxId();
            DemoHttp http = new DemoHttp(mine);
            String otherRunsKey = new DemoHttp(other).sessionKey(sandboxId);
            String body = "{\"command\":\"touch " + SandboxFiles.PROJECT + "/intruder-was-here\"}";
            String path = "/api/bash/execute_bash_command";

            HttpResponse<String> withoutKey = http.send(http.agentRequest(sandboxId, path), "POST", body);
            HttpResponse<String> withOtherRunsKey = http.send(
                    http.agentRequest(sandboxId, path).header("X-Session-API-Key", otherRunsKey), "POST", body);

            assertEquals(401, withoutKey.statusCode());
            assertEquals(401, withOtherRunsKey.statusCode(), "the same sandbox of another run has another key");
            assertFalse(
                    Files.exists(mine.sandboxRoot(sandboxId)
                            .resolve(SandboxFiles.PROJECT.substring(1) + "/intruder-was-here")),
                    "the command did not run");
            reporter.publishEntry("seen", "HTTP " + withOtherRunsKey.statusCode() + " " + withOtherRunsKey.body());
        }
    }

    @Test
    void theScratchFoldersAreTheUsersAlone(TestReporter reporter) throws IOException {
        try (DemoServer given = start("given");
                DemoServer temporary = DemoServer.start(DemoConfig.defaults())) {
            for (DemoServer server : List.of(given, temporary)) {
                Path sandbox =
                        server.sandboxRoot(server.world().sandboxes().get(0).id());
                new DemoHttp(server)
                        .agent(
                                server.world().sandboxes().get(0).id(),
                                "POST",
                                "/api/bash/execute_bash_command",
                                "{\"command\":\"true\"}");
                for (Path folder : List.of(
                        sandbox.getParent(), sandbox, sandbox.getParent().resolve(".bash"))) {
                    assertEquals(
                            "rwx------",
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)),
                            folder.toString());
                }
            }
            reporter.publishEntry(
                    "seen",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(temporary
                            .sandboxRoot(temporary.world().sandboxes().get(0).id())
                            .getParent())));
        }
    }

    @Test
    void aDemoCommandsEnvironmentKeepsOnlyWhatAShellNeeds() {
        Map<String, String> ohtops = new TreeMap<>(CANARIES);
        ohtops.putAll(Map.of(
                "PATH",
                "/usr/bin:/bin",
                "LANG",
                "C.UTF-8",
                "LC_TIME",
                "en_GB.UTF-8",
                "TERM",
                "xterm",
                "USER",
                "ada",
                "HOME",
                "/home/ada",
                "TMPDIR",
                "/tmp/ada",
                "PWD",
                "/home/ada/ohtop"));

        Map<String, String> seen =
                CommandEnvironment.of(ohtops, Path.of("/scratch/s1/home/openhands"), Path.of("/scratch/s1/tmp"));

        assertEquals(
                Map.of(
                        "PATH",
                        "/usr/bin:/bin",
                        "LANG",
                        "C.UTF-8",
                        "LC_TIME",
                        "en_GB.UTF-8",
                        "TERM",
                        "xterm",
                        "USER",
                        "ada",
                        "HOME",
                        "/scratch/s1/home/openhands",
                        "TMPDIR",
                        "/scratch/s1/tmp"),
                seen);
    }

    /**
     * The test JVM's own environment stands in for ohtop's: whatever it holds beyond the allowlist
     * (Maven's and the machine's variables) must not reach a demo command.
     */
    @Test
    void aDemoCommandSeesNothingOfThisProcesssEnvironmentBeyondTheAllowlist() throws IOException {
        List<String> beyond = System.getenv().keySet().stream()
                .filter(n -> !allowed(n))
                .sorted()
                .toList();
        assertFalse(beyond.isEmpty(), "the test needs a variable beyond the allowlist in its own environment");
        try (DemoServer server = start("env")) {
            String sandboxId = DemoHttp.withExecutionStatus(server, "running").sandboxId();
            String env = commandOutput(new DemoHttp(server), sandboxId);

            Set<String> names = names(env);
            assertEquals(List.of(), beyond.stream().filter(names::contains).toList(), env);
            assertTrue(names.stream().allMatch(DemoLetsNoOneInTest::allowed), "only the allowlist: " + names);
        }
    }

    /** ohtop's case exactly: the demo in a process of its own, started with secrets in its environment. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a child JVM that never prints would block the read
    void aDemoCommandSeesNoneOfTheSecretsInOhtopsEnvironment(TestReporter reporter) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DemoServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(CANARIES);
        Process demo = builder.start();
        try {
            Map<String, String> printed = new TreeMap<>();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
            for (String line; printed.size() < 3 && (line = out.readLine()) != null; ) {
                printed.put(
                        line.substring(0, line.indexOf(':')),
                        line.substring(line.indexOf(':') + 1).strip());
            }
            String env = childCommandOutput(printed.get("app server"), printed.get("api key"), "env");

            assertTrue(env.contains("PATH="), env);
            for (Map.Entry<String, String> canary : CANARIES.entrySet()) {
                assertFalse(env.contains(canary.getValue()), canary.getKey() + " reached the command:\n" + env);
            }
            reporter.publishEntry("seen", String.join(" ", names(env)));
        } finally {
            demo.destroy(); // SIGTERM: the demo's shutdown hook removes its scratch folder
            if (!demo.waitFor(20, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    /** The allowlist, and what bash itself exports to the commands it starts. */
    private static boolean allowed(String name) {
        return Set.of("PATH", "LANG", "TERM", "HOME", "TMPDIR", "USER", "PWD", "OLDPWD", "SHLVL", "_")
                        .contains(name)
                || name.startsWith("LC_");
    }

    private static Set<String> names(String env) {
        return env.lines()
                .filter(l -> l.matches("[A-Za-z_][A-Za-z0-9_]*=.*"))
                .map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String commandOutput(DemoHttp http, String sandboxId) {
        return http.agentJson(sandboxId, "POST", "/api/bash/execute_bash_command", "{\"command\":\"env\"}")
                .get("stdout")
                .asText();
    }

    /** Runs {@code command} in a RUNNING sandbox of the demo at {@code appServer}, found as ohtop finds it. */
    private static String childCommandOutput(String appServer, String apiKey, String command) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest search = HttpRequest.newBuilder(URI.create(appServer + "/sandboxes/search"))
                .header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofSeconds(20))
                .build();
        JsonNode sandbox = null;
        for (JsonNode item : DemoHttp.parse(
                        client.send(search, BodyHandlers.ofString()).body())
                .get("items")) {
            if ("RUNNING".equals(item.path("status").asText()) && sandbox == null) {
                sandbox = item;
            }
        }
        String agent = sandbox.get("exposed_urls").get(0).get("url").asText();
        HttpRequest execute = HttpRequest.newBuilder(URI.create(agent + "/api/bash/execute_bash_command"))
                .header("X-Session-API-Key", sandbox.get("session_api_key").asText())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"" + command + "\"}"))
                .build();
        return DemoHttp.parse(client.send(execute, BodyHandlers.ofString()).body())
                .get("stdout")
                .asText();
    }
}

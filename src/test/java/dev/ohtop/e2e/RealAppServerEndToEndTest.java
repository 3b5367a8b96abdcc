package dev.ohtop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.real.RealAppServer;
import dev.ohtop.real.ScriptedLlm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * ohtop in a real terminal (a private tmux server) against the real OpenHands app server with
 * process sandboxes and the scripted LLM: a conversation started from the form, followed to its
 * end, its sandbox paused and resumed from the sandboxes screen, its trajectory saved; then the
 * bash console, an upload and a download in the same conversation, in the sandbox's own folder
 * (which is not {@code /workspace/project}: ohtop reads it from the sandbox).
 */
@Tag("e2e")
@Tag("real-app-server")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RealAppServerEndToEndTest {
    private static final String PROMPT = "e2e$";
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofSeconds(20);
    /** Start task to READY takes 12-15 s on an idle machine, over a minute on a loaded one. */
    private static final Duration CONVERSATION_START = Duration.ofMinutes(4);
    /** What the scripted LLM names the conversation: not the contract test's title, so its row is told apart. */
    private static final String TITLE = "Notes of the e2e run";
    /** Typed into the form: the real app server 1.11.0 ignores it. */
    private static final String GIVEN_TITLE = "Given e2e title";

    private static Path dir;
    private static Launcher launcher;
    private static Tmux tmux;
    private static ScriptedLlm llm;
    private Tmux.Pane pane;

    @BeforeAll
    static void startTmux() throws Exception {
        RealAppServer server = RealAppServer.shared();
        if (server == null) {
            return;
        }
        llm = new ScriptedLlm(
                List.of(
                        ScriptedLlm.Step.of("terminal", "command", "echo from-e2e > e2e.txt"),
                        ScriptedLlm.Step.of("finish", "message", "Wrote e2e.txt.")),
                TITLE);
        server.useLlm(llm.baseUrl());
        dir = Files.createTempDirectory("ohtop-real-e2e");
        launcher = Launcher.fromTestClassPath();
        Path bin = launcher.writeScript(dir.resolve("bin")).getParent();
        Map<String, String> env = Tmux.shellEnvironment(bin, PROMPT);
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("OPENHANDS_BASE_URL", server.url.toString());
        env.put("OPENHANDS_CLOUD_API_KEY", RealAppServer.API_KEY);
        tmux = Tmux.create(dir, env);
    }

    @AfterAll
    static void stopTmux() {
        if (tmux != null) {
            tmux.close();
        }
        if (launcher != null) {
            launcher.killLeftovers();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @BeforeEach
    void needsTheRealServer() {
        RealAppServer.assumeAvailable();
    }

    @Test
    @Order(1)
    void aConversationStartedFromTheFormRunsToItsEndAndItsSandboxPausesResumesAndGivesItsTrajectory() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        pane = tmux.session("real", 120, 30, work, "bash", "--norc", "--noprofile");
        pane.await("the shell prompt", STEP, s -> s.contains(PROMPT));
        pane.typeLine("ohtop; echo EXIT=$?");
        pane.await(
                "the conversations list",
                START,
                s -> s.lines().get(0).contains("›  conversations") && s.anyLineMatches(" refreshed \\d+s ago.*"));

        step("n", "the new-conversation form", s -> s.contains("New conversation"), STEP);
        pane.keys("-l", "Write e2e.txt.");
        pane.keys("Tab", "Tab", "Tab"); // past repository and branch to the title
        pane.keys("-l", GIVEN_TITLE);
        Tmux.Screen events = step(
                "C-d",
                "the new conversation's events, once READY",
                s -> s.lines().get(0).matches(" ohtop .*›  events of [0-9a-f]{8}\\s*"),
                CONVERSATION_START);
        String shortId = events.lines().get(0).replaceAll(".*events of ([0-9a-f]{8}).*", "$1");
        pane.await(
                "the run followed to its finish",
                CONVERSATION_START,
                s -> s.contains("Wrote e2e.txt.") && s.contains("echo from-e2e"));
        // The server ignores the given title and names the conversation after its LLM has read
        // the task; the events header follows the list's row.
        pane.await(
                "the LLM's title in the events header",
                STEP,
                s -> s.lines().get(1).contains(TITLE));

        step(
                "Escape",
                "the list, without the given title",
                s -> s.lines().get(0).contains("›  conversations") && !s.contains(GIVEN_TITLE),
                STEP);
        selectOurs();

        // The sandboxes screen opens on the selected conversation's sandbox.
        step(
                "S",
                "the sandboxes with a running one",
                s -> s.lines().get(0).contains("›  sandboxes") && s.anyLineMatches(".*RUNNING.*"),
                STEP);
        step("p", "the pause question", s -> s.contains("pause sandbox"), STEP);
        step("y", "the sandbox paused", s -> s.anyLineMatches(".*PAUSED.*"), STEP);
        step("R", "the resume question", s -> s.contains("resume sandbox"), STEP);
        step(
                "y",
                "the sandbox running again",
                s -> s.anyLineMatches(".*RUNNING.*") && !s.anyLineMatches(".*PAUSED.*"),
                STEP);
        step("Escape", "the conversations", s -> s.lines().get(0).contains("›  conversations"), STEP);

        step("T", "the trajectory form", s -> s.contains("trajectory"), STEP);
        step("Enter", "the trajectory saved", s -> s.contains("saved the trajectory"), STEP);
        Path zip = work.resolve("trajectory-" + shortId + ".zip");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertTrue(names.contains("meta.json"), names.toString());
            assertTrue(names.stream().filter(n -> n.startsWith("event_")).count() >= 5, names.toString());
        }

        step("Escape", "the conversations", s -> s.lines().get(0).contains("›  conversations"), STEP);
        step("q", "ohtop to end with status 0", s -> s.anyLineMatches("EXIT=0"), STEP);
    }

    /**
     * Works in the conversation the test above started. The console comes first: were the folder
     * assumed, it would fail there, before an upload could create that folder on this machine.
     */
    @Test
    @Order(2)
    void theConsoleAnUploadAndADownloadWorkInTheSandboxesOwnFolder() throws Exception {
        Path local = Files.createDirectories(dir.resolve("transfers"));
        Files.writeString(local.resolve("up.txt"), "uploaded\n");
        pane = tmux.session("console", 120, 30, local, "bash", "--norc", "--noprofile");
        pane.await("the shell prompt", STEP, s -> s.contains(PROMPT));
        pane.typeLine("ohtop; echo EXIT=$?");
        pane.await(
                "the conversations list",
                START,
                s -> s.lines().get(0).contains("›  conversations") && s.anyLineMatches(".*RUNNING.*"));

        selectOurs();
        step("b", "the console's prompt", s -> s.contains("›  console of ") && s.anyLineMatches(".* \\$ .*"), STEP);
        pane.typeLine("pwd; ls; cat e2e.txt; echo round > r.txt; cat r.txt");
        pane.await(
                "the commands' output and exit code",
                STEP,
                s -> s.anyLineMatches(" +from-e2e")
                        && s.anyLineMatches(" +round")
                        && s.anyLineMatches(". exit 0 in .*"));
        step("Escape", "the conversations", s -> s.lines().get(0).contains("›  conversations"), STEP);

        step("u", "the upload form", s -> s.contains("›  upload"), STEP);
        pane.keys("-l", "up.txt");
        step("Enter", "the upload done", s -> s.anyLineMatches(" ✓ uploaded .*"), STEP);
        step("Escape", "the conversations", s -> s.lines().get(0).contains("›  conversations"), STEP);
        step("b", "the console's prompt", s -> s.contains("›  console of "), STEP);
        pane.typeLine("cat up.txt");
        pane.await("the uploaded file read back", STEP, s -> s.anyLineMatches(" +uploaded"));
        step("Escape", "the conversations", s -> s.lines().get(0).contains("›  conversations"), STEP);

        step("d", "the download form", s -> s.contains("›  download from "), STEP);
        pane.keys("-l", "r.txt");
        pane.keys("Tab", "C-u");
        pane.keys("-l", local.toString());
        step("Enter", "the download done", s -> s.anyLineMatches(" ✓ downloaded .*"), STEP);
        assertEquals("round\n", Files.readString(local.resolve("r.txt")));

        step("Escape", "the conversations", s -> s.lines().get(0).contains("›  conversations"), STEP);
        step("q", "ohtop to end with status 0", s -> s.anyLineMatches("EXIT=0"), STEP);
    }

    /**
     * Other tests' conversations may be listed too, and above ours (a finished conversation is
     * placed by its last update): the list filtered by the title the LLM gave ours leaves only it.
     */
    private void selectOurs() throws Exception {
        pane.keys("/");
        pane.keys("-l", TITLE);
        step(
                "Enter",
                "only the new conversation, under the title the LLM gave it",
                s -> s.anyLineMatches(".*RUNNING.*" + TITLE + ".*") && !s.contains(ScriptedLlm.TITLE),
                STEP);
    }

    private Tmux.Screen step(String key, String what, Predicate<Tmux.Screen> done, Duration limit) throws Exception {
        pane.keys(key);
        return pane.await(what + " (after " + key + ")", limit, done);
    }
}

package dev.ohtop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ohtop.api.AgentServerClient;
import dev.ohtop.real.RealAgentServer;
import dev.ohtop.real.ScriptedLlm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ohtop attached straight to the real OpenHands agent server, in a real terminal (a private tmux
 * server), as the README says to run it: the session key in {@code OH_SESSION_API_KEY}, then
 * {@code ohtop --agent-server URL}. A conversation made there (idle: no first message) is listed,
 * its events open, a bash command runs in its console, and its agent is paused and set running
 * again by the agent server's own pause and run, which sends the scripted LLM's steps.
 */
@Tag("e2e")
@Tag("real-agent-server")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RealAgentServerAttachTest {
    private static final String PROMPT = "attach$";
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofSeconds(20);

    private static RealAgentServer server;
    private static Path dir;
    private static Launcher launcher;
    private static Tmux tmux;
    private static ScriptedLlm llm;
    private static String conversationId;

    @BeforeAll
    static void startTmux() throws Exception {
        server = RealAgentServer.shared();
        if (server == null) {
            return;
        }
        dir = Files.createTempDirectory("ohtop-attach-e2e");
        Path project = Files.createDirectories(dir.resolve("project"));
        llm = new ScriptedLlm(List.of(
                ScriptedLlm.Step.of("terminal", "command", "echo ran-after-$((6*7))"),
                ScriptedLlm.Step.of("finish", "message", "Attached run done.")));
        conversationId = server.startConversation(llm, project, null);
        launcher = Launcher.fromTestClassPath();
        Path bin = launcher.writeScript(dir.resolve("bin")).getParent();
        Map<String, String> env = Tmux.shellEnvironment(bin, PROMPT);
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
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
        RealAgentServer.assumeAvailable();
    }

    @Test
    void attachedToTheAgentServerItsConversationIsListedOpenedRunInAPausedAndRunAgain() throws Exception {
        String shortId = conversationId.replace("-", "").substring(0, 8);
        Tmux.Pane pane = tmux.session("attach", 120, 30, dir, "bash", "--norc", "--noprofile");
        pane.await("the shell prompt", STEP, s -> s.contains(PROMPT));
        // The README's instructions, word for word but for the key and the port.
        pane.typeLine(" export OH_SESSION_API_KEY=" + server.sessionKey);
        pane.typeLine("ohtop --agent-server " + server.url + "; echo EXIT=$?");
        pane.await(
                "the agent server's conversations under its name",
                START,
                s -> s.lines().get(0).contains("agent server " + server.url.getAuthority())
                        && s.lines().get(0).contains("›  conversations")
                        && s.anyLineMatches(".*idle.*" + shortId + ".*"));

        pane.keys("/");
        pane.keys("-l", shortId);
        step(pane, "Enter", "only our conversation", s -> s.anyLineMatches(".*idle.*" + shortId + ".*"));
        step(pane, "Enter", "its events", s -> s.lines().get(0).contains("events of " + shortId));
        step(pane, "Escape", "the conversations", s -> s.lines().get(0).contains("›  conversations"));

        step(pane, "b", "the console's prompt", s -> s.contains("›  console of ") && s.anyLineMatches(".* \\$ .*"));
        pane.typeLine("echo attach-$((6*7))");
        pane.await(
                "the command's output",
                STEP,
                s -> s.anyLineMatches(" +attach-42") && s.anyLineMatches(". exit 0 in .*"));
        step(pane, "Escape", "the conversations", s -> s.lines().get(0).contains("›  conversations"));

        AgentServerClient agent = server.client();
        step(pane, "z", "the agent paused", s -> s.contains("paused the agent of " + shortId));
        assertEquals("paused", agent.conversation(conversationId).executionStatus());
        pane.await("the list saying paused", STEP, s -> s.anyLineMatches(".*paused.*" + shortId + ".*"));

        step(pane, "Z", "the agent set running", s -> s.contains("set running the agent of " + shortId));
        awaitStatus(agent, "finished");
        step(pane, "Enter", "its events", s -> s.lines().get(0).contains("events of " + shortId));
        pane.await(
                "the run's steps among its events",
                STEP,
                s -> s.contains("ran-after-") && s.contains("Attached run done."));
        step(pane, "Escape", "the conversations", s -> s.lines().get(0).contains("›  conversations"));
        step(pane, "q", "ohtop to end with status 0", s -> s.anyLineMatches("EXIT=0"));
    }

    private static void awaitStatus(AgentServerClient agent, String wanted) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        String status = null;
        while (Instant.now().isBefore(deadline)) {
            status = agent.conversation(conversationId).executionStatus();
            if (wanted.equals(status)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("conversation " + conversationId + " still " + status);
    }

    private static Tmux.Screen step(Tmux.Pane pane, String key, String what, Predicate<Tmux.Screen> done)
            throws Exception {
        pane.keys(key);
        return pane.await(what + " (after " + key + ")", STEP, done);
    }
}

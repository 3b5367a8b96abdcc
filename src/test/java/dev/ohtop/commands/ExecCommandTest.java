package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultRule;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.testing.CommandRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ohtop exec} against the demo server, whose sandboxes run bash for real. */
class ExecCommandTest {
    private static final String HOSTILE = "printf 'a\\033]0;pwned\\007b\\033[2Jc\\n'";

    private static DemoProxy proxy;
    private static DemoServer demo;
    private static String running;

    @BeforeAll
    static void startDemo() throws IOException {
        proxy = new DemoProxy();
        demo = proxy.startDemo(DemoConfig.defaults());
        running = DemoConversations.withSandbox(demo, "RUNNING");
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    @Test
    void theCommandsStdoutStderrAndExitCodeAreOurs() {
        CommandRun run = CommandRun.against(demo, "exec", running, "--", "sh", "-c", "echo out; echo err >&2; exit 7");

        assertEquals(7, run.exit(), run.toString());
        assertEquals("out\n", run.out(), run.toString());
        assertTrue(run.err().contains("err\n"), run.toString());
    }

    @Test
    void aUniquePrefixNamesTheConversation() {
        CommandRun run = CommandRun.against(demo, "exec", running.substring(0, 8), "--", "echo", "hi");

        assertEquals(0, run.exit(), run.toString());
        assertEquals("hi\n", run.out());
    }

    @Test
    void aWordWithSpacesAndQuotesArrivesAsOneArgument() {
        CommandRun run = CommandRun.against(
                demo, "exec", running, "--", "printf", "[%s]\\n", "a b", "it's \"quoted\" $HOME `x`");

        assertEquals(0, run.exit(), run.toString());
        assertEquals("[a b]\n[it's \"quoted\" $HOME `x`]\n", run.out());
    }

    @Test
    void itRunsInTheSandboxsFolderUnlessCwdSays() {
        CommandRun here = CommandRun.against(demo, "exec", running, "--", "pwd");
        CommandRun there = CommandRun.against(demo, "exec", running, "--cwd", "/tmp", "--", "pwd");

        assertEquals(DemoServer.SANDBOX_FOLDER + "\n", here.out(), here.toString());
        assertEquals("/tmp\n", there.out(), there.toString());
    }

    @Test
    void hostileOutputIsInertOnATerminalAndExactInAPipe() {
        CommandRun piped = CommandRun.against(demo, "exec", running, "--", "sh", "-c", HOSTILE + " >&2; " + HOSTILE);
        CommandRun shown = onTerminal("exec", running, "--", "sh", "-c", HOSTILE + " >&2; " + HOSTILE);

        assertEquals("a\033]0;pwned\007b\033[2Jc\n", piped.out(), "exact in a pipe: " + piped);
        assertTrue(piped.err().contains("a\033]0;pwned\007b\033[2Jc\n"), piped.toString());
        assertEquals(0, shown.exit(), shown.toString());
        assertFalse(shown.out().contains("\033") || shown.err().contains("\033"), shown.toString());
        assertFalse(shown.out().contains("\007") || shown.err().contains("\007"), shown.toString());
        assertTrue(shown.out().startsWith("a^[]0;pwned"), shown.toString());
        assertTrue(shown.out().endsWith("c\n"), "line breaks kept: " + shown);
        assertTrue(shown.err().contains("a^[]0;pwned"), shown.toString());
    }

    @Test
    void aPausedSandboxIsSaidAndResumeRunsTheCommandOnceItRuns() {
        String paused = DemoConversations.withSandbox(demo, "PAUSED");

        CommandRun refused = CommandRun.against(demo, "exec", paused, "--", "echo", "woke");
        assertEquals(Exit.SERVER, refused.exit(), refused.toString());
        assertTrue(
                refused.err().contains("is paused; ohtop exec --resume " + paused + " -- ... resumes it first"),
                refused.toString());
        assertEquals("", refused.out());

        CommandRun resumed = CommandRun.against(demo, "exec", "--resume", paused, "--", "echo", "woke");
        assertEquals(0, resumed.exit(), resumed.toString());
        assertEquals("woke\n", resumed.out());
        assertTrue(resumed.err().contains("resuming the sandbox"), resumed.toString());
    }

    @Test
    void anUnknownIdExits4() {
        CommandRun run = CommandRun.against(demo, "exec", "ffffffff", "--", "true");

        assertEquals(Exit.NOT_FOUND, run.exit(), run.toString());
        assertTrue(run.err().contains("no conversation id starts with ffffffff"), run.toString());
    }

    @Test
    void aServerThatIsDownExits3() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CommandRun run = CommandRun.against(
                URI.create("http://127.0.0.1:" + port), demo.apiKey(), "", "exec", running, "--", "true");

        assertEquals(Exit.SERVER, run.exit(), run.toString());
        assertEquals("", run.out());
    }

    @Test
    void underReadonlyItIsRefusedBeforeAnyRequestLeaves() {
        long mark = proxy.requests().mark();

        CommandRun run = CommandRun.against(demo, "--readonly", "exec", running, "--", "touch", "x");

        assertEquals(Exit.USAGE, run.exit(), run.toString());
        assertTrue(run.err().contains("--readonly: exec changes things"), run.toString());
        assertEquals(java.util.List.of(), proxy.requests().since(mark));
    }

    @Test
    void withoutACommandItIsAUsageError() {
        CommandRun run = CommandRun.against(demo, "exec", running);

        assertEquals(Exit.USAGE, run.exit(), run.toString());
        assertTrue(run.err().contains("missing the command"), run.toString());
    }

    @Test
    void aCommandKilledAtItsTimeoutExits124AndSaysSo() {
        CommandRun run = CommandRun.against(demo, "exec", running, "--timeout", "1", "--", "sleep", "10");

        assertEquals(Exec.TIMED_OUT, run.exit(), run.toString());
        assertTrue(run.err().contains("timed out after 1 s"), run.toString());
    }

    @Test
    void whenTheEndIsNeverReportedItSaysTheCommandMayStillBeRunning() {
        String sandboxId = DemoConversations.sandboxOf(demo, running);
        FaultRule outputsFail = proxy.faults()
                .add(
                        Fault.serverError(),
                        FaultSwitch.Target.AGENT,
                        "/sandboxes/" + sandboxId + "/api/bash/bash_events",
                        FaultRule.UNTIL_CLEARED);
        CommandRun run;
        try {
            run = CommandRun.against(demo, "exec", running, "--timeout", "1", "--", "echo", "lost");
        } finally {
            proxy.faults().remove(outputsFail);
        }

        assertEquals(Exit.SERVER, run.exit(), run.toString());
        assertTrue(run.err().contains("could not read the command's output"), run.toString());
        assertTrue(run.err().matches("(?s).*no answer in \\d+ s: the command may still be running\n"), run.toString());
        assertFalse(run.err().contains("failed"), "never says it failed: " + run);
    }

    private static CommandRun onTerminal(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--base-url";
        all[1] = demo.appServerUrl().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CommandRun.run(Map.of("LANG", "C.UTF-8", "OPENHANDS_CLOUD_API_KEY", demo.apiKey()), "", true, all);
    }
}

package dev.ohtop.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ohtop exec} and {@code ohtop cp} attached to the real agent server, as a script would
 * call them: {@code --agent-server URL} with the session key in {@code OH_SESSION_API_KEY}, on an
 * idle conversation whose folder is a project on this machine.
 */
@Tag("real-agent-server")
class RealAgentServerCommandsTest {
    private static RealAgentServer server;
    private static ScriptedLlm llm;
    private static Path project;
    private static String conversationId;

    @TempDir
    Path local;

    @BeforeAll
    static void conversation() throws Exception {
        server = RealAgentServer.shared();
        if (server == null) {
            return;
        }
        project = Files.createDirectories(server.workdir.resolve("commands-" + System.nanoTime()));
        llm = new ScriptedLlm(List.of(ScriptedLlm.Step.of("finish", "message", "Done.")));
        conversationId = server.startConversation(llm, project, null); // idle: nothing runs in it
    }

    @AfterAll
    static void stopLlm() {
        if (llm != null) {
            llm.close();
        }
    }

    @BeforeEach
    void needsTheRealServer() {
        RealAgentServer.assumeAvailable();
    }

    @Test
    void execGivesTheCommandsStdoutStderrAndExitCodeInTheConversationsFolder() throws Exception {
        CommandRun run = ohtop(
                "exec",
                conversationId,
                "--",
                "sh",
                "-c",
                "echo out; pwd; echo err >&2; printf '[%s]' \"$1\"; exit 7",
                "sh",
                "a b 'c'");

        assertEquals(7, run.exit(), run.toString());
        assertEquals("out\n" + project.toRealPath() + "\n[a b 'c']", run.out(), run.toString());
        assertTrue(run.err().contains("err\n"), run.toString());
    }

    @Test
    void execOfACommandKilledBySignalExitsAsAShellWouldSayIt() {
        CommandRun run = ohtop("exec", conversationId, "--", "sh", "-c", "kill -KILL $$");

        assertEquals(128 + 9, run.exit(), run.toString());
    }

    @Test
    void attachedThereIsNoSandboxToResumeAndResumeSaysSo() {
        CommandRun run = ohtop("exec", "--resume", conversationId, "--", "true");

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.err().contains("there is no sandbox to resume: --resume does nothing"), run.toString());
    }

    @Test
    void cpUploadsAndDownloadsABinaryFileByteForByte() throws Exception {
        byte[] bytes = new byte[150_000];
        new Random(3).nextBytes(bytes);
        Path file = Files.write(local.resolve("up.bin"), bytes);

        CommandRun up = ohtop("cp", file.toString(), conversationId.substring(0, 8) + ":up.bin");
        assertEquals(0, up.exit(), up.toString());
        assertArrayEquals(bytes, Files.readAllBytes(project.resolve("up.bin")), "in the conversation's folder");

        Path back = local.resolve("back.bin");
        CommandRun down = ohtop("cp", conversationId + ":" + project.resolve("up.bin"), back.toString());
        assertEquals(0, down.exit(), down.toString());
        assertArrayEquals(bytes, Files.readAllBytes(back));
        assertEquals("", up.out() + down.out(), "nothing on stdout");
    }

    @Test
    void cpOfAMissingSandboxFileExits4() {
        CommandRun run =
                ohtop("cp", conversationId + ":no-such-file", local.resolve("x").toString());

        assertEquals(4, run.exit(), run.toString());
        assertTrue(run.err().contains("no such file in the sandbox"), run.toString());
    }

    private static CommandRun ohtop(String... args) {
        return CommandRun.attached(server.url, server.sessionKey, args);
    }
}

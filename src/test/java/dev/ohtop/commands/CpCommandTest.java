package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.testing.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ohtop cp} both ways against the demo server, whose sandboxes keep their files on this machine. */
class CpCommandTest {
    private static DemoProxy proxy;
    private static DemoServer demo;
    private static String running;
    /** The running sandbox's project folder, as this machine holds it. */
    private static Path project;

    @TempDir
    Path local;

    @BeforeAll
    static void startDemo() throws IOException {
        proxy = new DemoProxy();
        demo = proxy.startDemo(DemoConfig.defaults());
        running = DemoConversations.withSandbox(demo, "RUNNING");
        project = demo.sandboxRoot(DemoConversations.sandboxOf(demo, running))
                .resolve(DemoServer.SANDBOX_FOLDER.substring(1));
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    @Test
    void aBinaryFileDownloadsByteForByteFromAPathRelativeToTheSandboxsFolder() throws IOException {
        byte[] bytes = binary(300_000);
        Files.write(project.resolve("down.bin"), bytes);
        Path target = local.resolve("got.bin");

        CommandRun run = CommandRun.against(demo, "cp", running + ":down.bin", target.toString());

        assertEquals(0, run.exit(), run.toString());
        assertArrayEquals(bytes, Files.readAllBytes(target));
        assertEquals("", run.out(), "nothing on stdout");
        assertTrue(run.err().contains("downloaded 293.0 KiB to " + target), run.toString());
    }

    @Test
    void aBinaryFileUploadsByteForByte() throws IOException {
        byte[] bytes = binary(200_000);
        Path file = Files.write(local.resolve("up.bin"), bytes);

        CommandRun run = CommandRun.against(
                demo, "cp", file.toString(), running.substring(0, 8) + ":" + DemoServer.SANDBOX_FOLDER + "/up.bin");

        assertEquals(0, run.exit(), run.toString());
        assertArrayEquals(bytes, Files.readAllBytes(project.resolve("up.bin")));
        assertEquals("", run.out());
        assertTrue(
                run.err().contains("uploaded 195.3 KiB to " + DemoServer.SANDBOX_FOLDER + "/up.bin"), run.toString());
    }

    @Test
    void anUploadToAFolderPathKeepsTheLocalName() throws IOException {
        Path file = Files.writeString(local.resolve("kept.txt"), "kept\n");

        CommandRun run = CommandRun.against(demo, "cp", file.toString(), running + ":sub/");

        assertEquals(0, run.exit(), run.toString());
        assertEquals("kept\n", Files.readString(project.resolve("sub/kept.txt")));
    }

    @Test
    void intoALocalFolderTheFileKeepsItsSandboxName() throws IOException {
        CommandRun run = CommandRun.against(demo, "cp", running + ":README.md", local.toString());

        assertEquals(0, run.exit(), run.toString());
        assertArrayEquals(
                Files.readAllBytes(project.resolve("README.md")), Files.readAllBytes(local.resolve("README.md")));
    }

    @Test
    void anExistingLocalFileIsReplaced() throws IOException {
        Files.writeString(project.resolve("new.txt"), "new\n");
        Path target = Files.writeString(local.resolve("old.txt"), "old, and longer than the new\n");

        CommandRun run = CommandRun.against(demo, "cp", running + ":new.txt", target.toString());

        assertEquals(0, run.exit(), run.toString());
        assertEquals("new\n", Files.readString(target));
    }

    @Test
    void aDashIsStdoutForADownloadAndStdinForAnUpload() throws IOException {
        Files.writeString(project.resolve("out.txt"), "to stdout\n");

        CommandRun down = CommandRun.against(demo, "cp", running + ":out.txt", "-");
        CommandRun up =
                CommandRun.against(demo.appServerUrl(), demo.apiKey(), "from stdin\n", "cp", "-", running + ":in.txt");

        assertEquals(0, down.exit(), down.toString());
        assertEquals("to stdout\n", down.out());
        assertEquals(0, up.exit(), up.toString());
        assertEquals("from stdin\n", Files.readString(project.resolve("in.txt")));
    }

    @Test
    void aDownloadOntoATerminalIsRefused() {
        CommandRun run = CommandRun.run(
                Map.of("LANG", "C.UTF-8", "OPENHANDS_CLOUD_API_KEY", demo.apiKey()),
                "",
                true,
                "--base-url",
                demo.appServerUrl().toString(),
                "cp",
                running + ":README.md",
                "-");

        assertEquals(Exit.USAGE, run.exit(), run.toString());
        assertEquals("", run.out());
        assertTrue(run.err().contains("stdout is a terminal"), run.toString());
    }

    @Test
    void aMissingLocalFileExits2WithoutAskingTheServer() {
        long mark = proxy.requests().mark();

        CommandRun run =
                CommandRun.against(demo, "cp", local.resolve("nope.txt").toString(), running + ":x");

        assertEquals(Exit.USAGE, run.exit(), run.toString());
        assertEquals("ohtop: no such local file: " + local.resolve("nope.txt") + "\n", run.err());
        assertEquals(List.of(), proxy.requests().since(mark));
    }

    @Test
    void aMissingSandboxFileExits4AndLeavesNothingLocally() {
        Path target = local.resolve("never.txt");

        CommandRun run = CommandRun.against(demo, "cp", running + ":no-such-file.txt", target.toString());

        assertEquals(Exit.NOT_FOUND, run.exit(), run.toString());
        assertTrue(
                run.err().contains("no such file in the sandbox: " + DemoServer.SANDBOX_FOLDER + "/no-such-file.txt"),
                run.toString());
        assertFalse(Files.exists(target));
    }

    @Test
    void underReadonlyAnUploadIsRefusedBeforeAnyRequestAndADownloadWorks() throws IOException {
        Path file = Files.writeString(local.resolve("ro.txt"), "ro\n");
        long mark = proxy.requests().mark();

        CommandRun up = CommandRun.against(demo, "--readonly", "cp", file.toString(), running + ":ro.txt");

        assertEquals(Exit.USAGE, up.exit(), up.toString());
        assertTrue(up.err().contains("--readonly: cp changes things"), up.toString());
        assertEquals(List.of(), proxy.requests().since(mark));
        assertFalse(Files.exists(project.resolve("ro.txt")));

        CommandRun down = CommandRun.against(demo, "--readonly", "cp", running + ":README.md", local.toString());
        assertEquals(0, down.exit(), down.toString());
    }

    @Test
    void aPausedSandboxIsSaidAndResumeCopiesOnceItRuns() throws IOException {
        String paused = DemoConversations.withSandbox(demo, "PAUSED");
        Path target = local.resolve("readme.md");

        CommandRun refused = CommandRun.against(demo, "cp", paused + ":README.md", target.toString());
        assertEquals(Exit.SERVER, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("is paused; ohtop cp --resume " + paused + ":README.md"), refused.toString());
        assertFalse(Files.exists(target));

        CommandRun resumed = CommandRun.against(demo, "cp", "--resume", paused + ":README.md", target.toString());
        assertEquals(0, resumed.exit(), resumed.toString());
        assertTrue(Files.readString(target).contains("ohtop demo"), Files.readString(target));
    }

    @Test
    void bothOrNeitherSideInASandboxIsAUsageError() {
        CommandRun both = CommandRun.against(demo, "cp", running + ":a", running + ":b");
        CommandRun neither = CommandRun.against(demo, "cp", "a", "b");

        assertEquals(Exit.USAGE, both.exit(), both.toString());
        assertEquals(Exit.USAGE, neither.exit(), neither.toString());
    }

    private static byte[] binary(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        bytes[0] = 0;
        bytes[1] = (byte) 0xff;
        bytes[2] = '\r';
        return bytes;
    }
}

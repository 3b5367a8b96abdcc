package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultRule;
import dev.ohtop.demo.FaultSwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox console against the demo's real bash: commands run for real, so waits are real but bounded. */
@DisplayName("Console: commands, their directory and saved output")
class SandboxConsoleTest {
    @TempDir
    Path scratch;

    @TempDir
    Path state;

    private DemoSandbox sandbox;
    private ScheduledExecutorService worker;

    @BeforeEach
    void start() throws IOException {
        sandbox = new DemoSandbox(scratch);
        worker = Executors.newScheduledThreadPool(4);
    }

    @AfterEach
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        sandbox.close();
    }

    /** The sandbox's folder, as the demo's agent server says it. */
    private static final String HOME = DemoServer.SANDBOX_FOLDER;

    private SandboxConsole console(SandboxConsole.Agent agent) {
        return new SandboxConsole(
                agent,
                new CommandHistory(state.resolve("history")),
                worker,
                worker,
                Clock.systemUTC(),
                SandboxConsole.Settings.defaults().withPollEvery(Duration.ofMillis(20)),
                () -> {});
    }

    private SandboxConsole console() {
        return console(sandbox.access);
    }

    @Test
    void bothStreamsAreToldApartAndTheExitCodeShown() {
        SandboxConsole console = console();
        assertTrue(console.submit("echo hi; echo err >&2; exit 3"));

        ConsoleSnapshot done = awaitIdle(console);
        assertEquals(List.of("echo hi; echo err >&2; exit 3"), texts(done, ConsoleLine.Source.COMMAND));
        assertEquals(List.of("hi"), texts(done, ConsoleLine.Source.STDOUT));
        assertEquals(List.of("err"), texts(done, ConsoleLine.Source.STDERR));
        assertEquals(ConsoleSnapshot.Ending.EXITED, done.last().ending());
        assertEquals(3, done.last().exitCode());
        assertTrue(done.last().summary().startsWith("exit 3 in "), done.last().summary());
        assertNull(done.problem());
    }

    @Test
    void cdIsRememberedAndSentWithTheNextCommand() {
        SandboxConsole console = console();
        assertEquals(HOME, await(console, s -> s.cwd() != null).cwd(), "it starts in the sandbox's folder");

        console.submit("cd /tmp");
        assertEquals("/tmp", awaitIdle(console).cwd());
        console.submit("pwd");
        assertEquals(List.of("/tmp"), texts(awaitIdle(console), ConsoleLine.Source.STDOUT));

        console.submit("cd");
        assertEquals(HOME, awaitIdle(console).cwd());
    }

    @Test
    void aSandboxWhoseFolderCannotBeReadSaysSoAndRunsCommandsWhereItsServerRuns() {
        SandboxConsole console = console(new SandboxConsole.Agent() {
            @Override
            public <T> T call(SandboxAccess.AgentCall<T> call) throws IOException {
                return sandbox.access.call(call);
            }

            @Override
            public SandboxFolder folder() {
                return SandboxFolder.unknown("the agent server's record of this conversation names no folder");
            }
        });
        ConsoleSnapshot told = await(console, s -> s.problem() != null);

        assertEquals(
                "the agent server's record of this conversation names no folder; "
                        + "commands run in its agent server's own folder",
                told.problem());
        assertEquals("the agent server's own folder", told.where());
        console.submit("pwd");
        assertEquals(List.of(HOME), texts(awaitIdle(console), ConsoleLine.Source.STDOUT), "the demo server's own");
    }

    @Test
    void relativeCdAndDotDotAreJoinedToTheCurrentDirectory() {
        SandboxConsole console = console();
        console.submit("mkdir -p 'sub dir/deeper'");
        awaitIdle(console);

        console.submit("cd 'sub dir'");
        assertEquals(HOME + "/sub dir", awaitIdle(console).cwd());
        console.submit("cd deeper");
        assertEquals(HOME + "/sub dir/deeper", awaitIdle(console).cwd());
        console.submit("cd ..");
        assertEquals(HOME + "/sub dir", awaitIdle(console).cwd());
    }

    @Test
    void cdToAMissingDirectoryKeepsTheOldOneAndSaysSo() {
        SandboxConsole console = console();
        console.submit("cd /no/such/dir");
        ConsoleSnapshot done = awaitIdle(console);

        assertEquals(HOME, done.cwd());
        assertNotNull(done.problem());
        assertTrue(done.problem().contains("no such directory: /no/such/dir"), done.problem());
    }

    @Test
    void aCommandOverItsTimeoutEndsWithMinusOneAndSaysItTimedOut() {
        SandboxConsole console = console();
        console.setTimeoutSeconds(1);
        console.submit("echo started; sleep 20");
        ConsoleSnapshot done = awaitIdle(console);

        assertEquals(ConsoleSnapshot.Ending.TIMED_OUT, done.last().ending());
        assertEquals(-1, done.last().exitCode());
        assertTrue(done.problem().contains("timed out"), done.problem());
        assertTrue(done.last().summary().contains("timed out"), done.last().summary());
        assertEquals(List.of("started"), texts(done, ConsoleLine.Source.STDOUT));
    }

    @Test
    void aLongCommandShowsAsRunningAndStoppingTheWaitReturnsAtOnce() throws Exception {
        SandboxConsole console = console();
        console.submit("echo going; sleep 5; echo never");
        ConsoleSnapshot running = console.snapshot();
        assertNotNull(running.running(), "submit shows the command as running at once");
        assertEquals("echo going; sleep 5; echo never", running.running().command());
        Thread.sleep(300); // long enough for the command to have started in the sandbox

        long before = System.nanoTime();
        console.stopWaiting();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

        assertTrue(tookMillis < 200, "stopWaiting took " + tookMillis + " ms");
        assertNull(console.snapshot().running());
        assertEquals(ConsoleSnapshot.Ending.STOPPED, console.snapshot().last().ending());
        ConsoleSnapshot told =
                await(console, s -> s.problem() != null && s.problem().contains("sandbox stopped"));
        assertFalse(texts(told, ConsoleLine.Source.STDOUT).contains("never"));
        assertTrue(console.submit("echo next"), "a new command can be run straight away");
        assertEquals(0, awaitIdle(console).last().exitCode());
    }

    @Test
    void onAServerWithoutAStopRouteTheConsoleSaysTheCommandMayStillRun() throws Exception {
        sandbox.proxy
                .faults()
                .add(
                        Fault.status(404),
                        FaultSwitch.Target.AGENT,
                        "/sandboxes/" + sandbox.conversation.sandboxId() + "/api/bash/bash_commands/",
                        FaultRule.UNTIL_CLEARED);
        SandboxConsole console = console();
        console.submit("echo going; sleep 5");
        Thread.sleep(300);

        console.stopWaiting();

        ConsoleSnapshot told =
                await(console, s -> s.problem() != null && s.problem().contains("may still be running"));
        assertTrue(told.problem().contains("no remote cancel on this server"), told.problem());
    }

    @Test
    void aCommandWhoseEndIsNeverReportedIsGivenUpOnPastItsTimeout() {
        dev.ohtop.testing.ManualClock clock = dev.ohtop.testing.ManualClock.atDemoStart();
        SandboxConsole console = new SandboxConsole(
                sandbox.access,
                new CommandHistory(null),
                worker,
                worker,
                clock,
                SandboxConsole.Settings.defaults().withPollEvery(Duration.ofMillis(20)),
                () -> {});
        console.setTimeoutSeconds(5);
        console.submit("sleep 4");
        await(console, s -> s.running() != null);

        // On the console's clock the sandbox is now long past killing it, yet no end has come.
        clock.advance(Duration.ofSeconds(5).plus(SandboxConsole.END_GRACE).plusSeconds(1));
        ConsoleSnapshot done = awaitIdle(console);

        assertEquals(ConsoleSnapshot.Ending.FAILED, done.last().ending());
        assertTrue(
                done.problem().contains("never reported the end of the command; it may still be running"),
                done.problem());
    }

    @Test
    void outputOverOneMebibyteArrivesWholeAndInOrder() {
        SandboxConsole console = new SandboxConsole(
                sandbox.access,
                new CommandHistory(null),
                worker,
                worker,
                Clock.systemUTC(),
                SandboxConsole.Settings.defaults()
                        .withPollEvery(Duration.ofMillis(20))
                        .withMaxLines(400_000),
                () -> {});
        console.submit("seq 1 300000");
        ConsoleSnapshot done = awaitIdle(console);

        List<String> got = texts(done, ConsoleLine.Source.STDOUT);
        assertEquals(300000, got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(Integer.toString(i + 1), got.get(i), "line " + (i + 1));
        }
        assertEquals(0, done.last().exitCode());
    }

    @Test
    void theOutputPaneIsBoundedAndSaysWhenItWasTrimmed() {
        SandboxConsole console = new SandboxConsole(
                sandbox.access,
                new CommandHistory(null),
                worker,
                worker,
                Clock.systemUTC(),
                SandboxConsole.Settings.defaults()
                        .withPollEvery(Duration.ofMillis(20))
                        .withMaxLines(100),
                () -> {});
        console.submit("seq 1 1000");
        ConsoleSnapshot done = awaitIdle(console);

        assertEquals(100, done.lines().size());
        assertTrue(done.trimmed());
        assertEquals("902", done.lines().get(0).text());
        assertEquals("1000", done.lines().get(98).text());
        assertEquals(
                "exit 0 in", done.lines().get(99).text().substring(0, "exit 0 in".length()), "how it ended comes last");
        assertEquals(1 + 901, done.droppedLines(), "the command line and 1..901 were let go");
    }

    @Test
    void outputCanBeSavedToALocalFile() throws IOException {
        SandboxConsole console = console();
        console.submit("echo one; echo two >&2");
        awaitIdle(console);

        Path file = state.resolve("out.txt");
        console.saveOutput(file, line -> line);
        assertTrue(
                Files.readString(file).matches("\\$ echo one; echo two >&2\none\ntwo\n\\[exit 0 in [0-9.]+s\\]\n"),
                Files.readString(file));
    }

    /** In a shared folder, a link planted under the chosen name must not lend its file's mode to the output. */
    @Test
    @Tag("security")
    void outputSavedOverAPlantedLinkIsANewFileNoMoreReadableThanTheUmaskAllows(TestReporter reporter)
            throws IOException {
        SandboxConsole console = console();
        console.submit("echo secret");
        awaitIdle(console);
        Path planted = Files.writeString(state.resolve("planted"), "someone's file");
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = Files.createSymbolicLink(state.resolve("out.txt"), planted);
        Path probe = Files.createFile(
                state.resolve("probe"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
        String newFileMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(probe));

        console.saveOutput(file, line -> line);

        assertFalse(Files.isSymbolicLink(file), "the link itself was replaced");
        assertEquals(newFileMode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("someone's file", Files.readString(planted));
        reporter.publishEntry("seen", "saved over a link to an rwxrwxrwx file: " + newFileMode);
    }

    @Test
    void historyRecallsCommandsAndSurvivesANewConsole() throws IOException {
        SandboxConsole console = console();
        console.submit("echo a");
        awaitIdle(console);
        console.submit("echo b");
        awaitIdle(console);
        console.submit("echo b");
        awaitIdle(console);

        CommandHistory history = console.history();
        assertEquals("echo b", history.previous("ech").orElseThrow());
        assertEquals("echo a", history.previous("ignored").orElseThrow());
        assertTrue(history.previous("").isEmpty());
        assertEquals("echo b", history.next().orElseThrow());
        assertEquals("ech", history.next().orElseThrow(), "back down to the line being typed");

        CommandHistory reopened = console().history();
        assertEquals(List.of("echo a", "echo b"), reopened.entries());
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("history"))));
        assertEquals("echo a\necho b\n", Files.readString(state.resolve("history")), "only the commands are stored");
    }

    @Test
    void aPausedSandboxIsNamedAsTheProblem() throws Exception {
        SandboxConsole console = console();
        sandbox.cloud.pauseSandbox(sandbox.conversation.sandboxId());
        console.submit("true");
        ConsoleSnapshot done = awaitIdle(console);

        assertEquals(ConsoleSnapshot.Ending.FAILED, done.last().ending());
        assertTrue(done.problem().contains("is paused: resume it first"), done.problem());
    }

    // ---- helpers ------------------------------------------------------------------------

    static List<String> texts(ConsoleSnapshot s, ConsoleLine.Source source) {
        return s.lines().stream()
                .filter(l -> l.source() == source)
                .map(ConsoleLine::text)
                .toList();
    }

    private static ConsoleSnapshot awaitIdle(SandboxConsole console) {
        return await(console, s -> s.running() == null && s.last() != null);
    }

    private static ConsoleSnapshot await(SandboxConsole console, Predicate<ConsoleSnapshot> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            ConsoleSnapshot s = console.snapshot();
            if (condition.test(s)) {
                return s;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("console never got there: " + console.snapshot());
    }
}

package dev.ohtop.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.BashCommand;
import dev.ohtop.api.BashRequest;
import dev.ohtop.monitor.CommandHistory;
import dev.ohtop.monitor.ConsoleSnapshot;
import dev.ohtop.monitor.SandboxAccess;
import dev.ohtop.monitor.SandboxConsole;
import dev.ohtop.monitor.SandboxFolder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the console relies on, held against the real agent server: how it says it could not run a
 * command, and that a started command can be found again among its bash events by text and time.
 */
@Tag("real-agent-server")
class RealAgentServerConsoleTest {
    private static RealAgentServer server;
    private ScheduledExecutorService scheduler;

    @BeforeAll
    static void server() {
        server = RealAgentServer.shared();
    }

    @BeforeEach
    void needsTheRealServer() {
        RealAgentServer.assumeAvailable();
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aCommandInADirectoryThatDoesNotExistShowsTheServersErrorNotATimeout() throws Exception {
        AgentServerClient client = server.client();
        SandboxConsole console = new SandboxConsole(
                new SandboxConsole.Agent() {
                    @Override
                    public <T> T call(SandboxAccess.AgentCall<T> call) throws IOException {
                        return call.on(client);
                    }

                    @Override
                    public SandboxFolder folder() {
                        return new SandboxFolder("/workspace/project", null); // a folder this machine has not
                    }
                },
                new CommandHistory(null),
                scheduler,
                scheduler,
                Clock.systemUTC(),
                SandboxConsole.Settings.defaults().withPollEvery(Duration.ofMillis(50)),
                () -> {});
        // The console starts in the folder the sandbox named, which this machine does not have.
        console.submit("echo never");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (console.snapshot().running() != null && System.nanoTime() < deadline) {
            Thread.sleep(20); // the real server runs in real time
        }

        ConsoleSnapshot done = console.snapshot();
        assertEquals(ConsoleSnapshot.Ending.FAILED, done.last().ending(), done.toString());
        assertEquals(
                "the sandbox could not run it: Error executing command: [Errno 2] No such file or directory: "
                        + "'/workspace/project'",
                done.problem());
    }

    @Test
    void aStartedCommandIsFoundAmongTheBashEventsByItsTextAndTime() throws Exception {
        AgentServerClient client = server.client();
        Instant before = Instant.now().minusSeconds(1);
        String text = "echo looked-for-" + System.nanoTime();
        BashCommand started = client.startBash(new BashRequest(text, server.workdir.toString(), 30));

        List<BashCommand> seen = client.bashCommandsSince(before, 500);
        BashCommand found =
                seen.stream().filter(c -> text.equals(c.command())).findFirst().orElse(null);
        assertNotNull(found, "among " + seen);
        assertEquals(started.id(), found.id());
        assertEquals(server.workdir.toString(), found.cwd(), "the directory comes back as sent");
        assertTrue(
                client.bashCommandsSince(Instant.now().plusSeconds(60), 500).stream()
                        .noneMatch(c -> text.equals(c.command())),
                "the time bound is applied by the server");
    }
}

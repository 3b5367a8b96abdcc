package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.testing.ManualClock;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoServerLifecycleTest {
    @TempDir
    Path scratch;

    @Test
    void closeKillsRunningCommandsDeletesScratchAndStopsThreads() throws Exception {
        DemoServer server = DemoServer.start(
                DemoConfig.defaults().withClock(ManualClock.atDemoStart()).withScratchRoot(scratch));
        DemoHttp http = new DemoHttp(server);
        String sandboxId = DemoHttp.withExecutionStatus(server, "running").sandboxId();
        http.agentJson(sandboxId, "POST", "/api/bash/start_bash_command", "{\"command\":\"sleep 47\"}");
        Thread.sleep(200);
        assertTrue(server.sandboxRoot(sandboxId).toFile().isDirectory());

        server.close();

        assertTrue(BashTest.noProcessRuns("sleep 47"), "the command outlived the server");
        try (var left = Files.list(scratch)) {
            assertEquals(0, left.count(), "scratch directories left behind");
        }
        assertTrue(Files.isDirectory(scratch), "a scratch root given by the caller stays");
        assertFalse(demoThreadsRun(), "demo threads left running");
        assertThrows(UncheckedIOException.class, () -> http.appGet("/users/me"));
    }

    @Test
    void closeDropsOpenEventSocketsAndTheirThreadsToo() throws Exception {
        DemoServer server = DemoServer.start(
                DemoConfig.defaults().withClock(ManualClock.atDemoStart()).withScratchRoot(scratch));
        DemoHttp http = new DemoHttp(server);
        ConversationSnapshot running = DemoHttp.withExecutionStatus(server, "running");
        URI uri = SocketProbe.uri(server.agentServerUrl(running.sandboxId()), running.id(), null);
        http.agentJson(running.sandboxId(), "GET", "/api/conversations/" + running.id(), null);
        SocketProbe live = SocketProbe.open(uri).auth(http.sessionKey(running.sandboxId()));
        SocketProbe waitingForAuth = SocketProbe.open(uri);
        assertNotNull(live.next(Duration.ofSeconds(5)));

        server.close();

        assertTrue(live.ending(Duration.ofSeconds(5)).abnormal());
        assertTrue(waitingForAuth.ending(Duration.ofSeconds(5)).abnormal());
        assertFalse(demoThreadsRun(), "demo threads left running");
    }

    private static boolean demoThreadsRun() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("ohtop-demo-"));
    }

    @Test
    void defaultsUseATemporaryScratchDirectoryAndRemoveIt() throws Exception {
        Path root;
        try (DemoServer server = DemoServer.start(DemoConfig.defaults())) {
            String sandboxId = server.world().sandboxes().get(0).id();
            root = server.sandboxRoot(sandboxId).getParent();
            assertTrue(Files.isDirectory(root));
            assertTrue(new DemoHttp(server)
                    .appGet("/app-conversations/count")
                    .body()
                    .matches("\\d+"));
        }
        assertFalse(Files.exists(root));
    }
}

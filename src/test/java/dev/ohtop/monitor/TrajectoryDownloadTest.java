package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultRule;
import dev.ohtop.demo.FaultSwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A conversation's trajectory to a zip, from the app server or, when that fails, its agent server. */
class TrajectoryDownloadTest {
    @TempDir
    Path scratch;

    @TempDir
    Path local;

    private DemoSandbox sandbox;
    private ExecutorService worker;

    @BeforeEach
    void start() throws IOException {
        sandbox = new DemoSandbox(scratch);
        worker = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        sandbox.close();
    }

    @Test
    void theAppServersZipIsDownloadedWithProgress() throws Exception {
        Transfer t = trajectory(local.resolve("t.zip"));
        t.start();
        TransferSnapshot done = TransferTest.awaitEnd(t);

        assertEquals(Transfer.State.DONE, done.state(), done.message());
        assertTrue(done.done() > 0);
        try (ZipFile zip = new ZipFile(done.localPath().toFile())) {
            assertTrue(zip.stream().anyMatch(e -> e.getName().endsWith("meta.json")));
        }
    }

    @Test
    void whenTheAppServerFailsTheAgentServersTrajectoryIsUsed() throws Exception {
        FaultRule broken = sandbox.proxy
                .faults()
                .add(
                        Fault.serverError(),
                        FaultSwitch.Target.APP,
                        "/api/v1/app-conversations/" + sandbox.conversation.id() + "/download",
                        FaultRule.UNTIL_CLEARED);
        Transfer t = trajectory(local.resolve("t.zip"));
        t.start();
        TransferSnapshot done = TransferTest.awaitEnd(t);

        assertEquals(Transfer.State.DONE, done.state(), done.message());
        assertTrue(broken.hits() > 0, "the app server was asked first");
        try (ZipFile zip = new ZipFile(done.localPath().toFile())) {
            assertTrue(zip.size() > 0);
        }
    }

    @Test
    void whenBothFailTheMessageNamesBoth() throws Exception {
        sandbox.proxy
                .faults()
                .add(
                        Fault.serverError(),
                        FaultSwitch.Target.APP,
                        "/api/v1/app-conversations/" + sandbox.conversation.id() + "/download",
                        FaultRule.UNTIL_CLEARED);
        sandbox.proxy
                .faults()
                .add(
                        Fault.status(404),
                        FaultSwitch.Target.AGENT,
                        "/sandboxes/" + sandbox.conversation.sandboxId() + "/api/file/download-trajectory",
                        FaultRule.UNTIL_CLEARED);
        Path target = local.resolve("t.zip");
        Transfer t = trajectory(target);
        t.start();
        TransferSnapshot done = TransferTest.awaitEnd(t);

        assertEquals(Transfer.State.FAILED, done.state());
        assertTrue(done.message().startsWith("the app server could not give the trajectory"), done.message());
        assertTrue(done.message().contains("nor could the agent server"), done.message());
        assertFalse(Files.exists(target));
    }

    private Transfer trajectory(Path target) {
        return TrajectoryDownload.of(
                sandbox.cloud, sandbox.access, sandbox.conversation.id(), target, worker, Clock.systemUTC(), () -> {});
    }
}

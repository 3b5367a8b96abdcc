package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pausing and resuming sandboxes of the demo's list, on a worker the test runs by hand. */
class SandboxPowerTest {
    private DemoCloud demo;
    private SandboxBoard board;
    private final List<Runnable> worker = new ArrayList<>();
    private final List<SandboxPower.Answer> answers = new ArrayList<>();
    private SandboxPower power;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoCloud(30);
        board = new SandboxBoard(demo.cloud, demo.clock);
        board.refresh();
        power = new SandboxPower(demo.cloud, board, worker::add, answers::add);
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private SandboxSnapshot inStatus(SandboxStatus status) {
        return demo.demo.world().sandboxes().stream()
                .filter(s -> s.status() == status)
                .findFirst()
                .orElseThrow();
    }

    private SandboxStatus statusOf(String sandboxId) {
        return demo.demo.world().sandboxes().stream()
                .filter(s -> s.id().equals(sandboxId))
                .findFirst()
                .orElseThrow()
                .status();
    }

    private void runWorker() {
        List<Runnable> now = List.copyOf(worker);
        worker.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aPauseShowsOnTheRowBeforeItLeavesAndTheServerPausesTheSandbox() {
        String id = inStatus(SandboxStatus.RUNNING).id();

        assertNull(power.request(SandboxPower.Change.PAUSE, id));
        assertEquals(SandboxRow.Pending.PAUSING, board.snapshot().row(id).pending(), "marked before any answer");
        runWorker();

        assertEquals(List.of(new SandboxPower.Answer(SandboxPower.Change.PAUSE, id, null)), answers);
        assertEquals(SandboxStatus.PAUSED, statusOf(id));
    }

    @Test
    void aResumeReachesTheServer() {
        String id = inStatus(SandboxStatus.PAUSED).id();

        power.request(SandboxPower.Change.RESUME, id);
        runWorker();

        assertNull(answers.get(0).problem());
        assertEquals(SandboxStatus.STARTING, statusOf(id));
    }

    @Test
    void aRefusedPauseTakesTheMarkOffTheRowAndSaysWhy() {
        String id = inStatus(SandboxStatus.MISSING).id(); // the server no longer knows it: 404

        power.request(SandboxPower.Change.PAUSE, id);
        assertEquals(SandboxRow.Pending.PAUSING, board.snapshot().row(id).pending());
        runWorker();

        String problem = answers.get(0).problem();
        assertTrue(problem.startsWith("could not pause " + id + ": "), problem);
        assertNull(board.snapshot().row(id).pending(), "the row shows its status again");
    }

    @Test
    void withTheWorkersShutDownNothingIsMarkedAndItSaysWhy() {
        ExecutorService gone = Executors.newSingleThreadExecutor();
        gone.shutdownNow();
        String id = inStatus(SandboxStatus.RUNNING).id();
        SandboxPower late = new SandboxPower(demo.cloud, board, gone, answers::add);

        String refused = late.request(SandboxPower.Change.PAUSE, id);

        assertEquals("could not pause " + id + ": ohtop is shutting down", refused);
        assertNull(board.snapshot().row(id).pending());
        assertEquals(SandboxStatus.RUNNING, statusOf(id));
    }
}

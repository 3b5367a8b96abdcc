package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.ApiException;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch.Target;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxBoardTest {
    private static final String SEARCH = "GET /api/v1/sandboxes/search?limit=100";

    private DemoCloud world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private SandboxBoard board(int conversations) throws Exception {
        world = new DemoCloud(conversations);
        return new SandboxBoard(world.cloud, world.clock);
    }

    private String aRunningSandbox() {
        return world.demo.world().sandboxes().stream()
                .filter(s -> s.status() == SandboxStatus.RUNNING)
                .findFirst()
                .orElseThrow()
                .id();
    }

    @Test
    void aRefreshListsTheSandboxesNewestFirstWithStatusSpecAndCreationInOneRequest() throws Exception {
        SandboxBoard board = board(30);

        world.markRequests();
        board.refresh();

        assertEquals(List.of(SEARCH), world.requestsSinceMark());
        List<SandboxSnapshot> truth = world.demo.world().sandboxes();
        List<SandboxRow> rows = board.snapshot().rows();
        assertEquals(
                truth.stream().map(SandboxSnapshot::id).toList(),
                rows.stream().map(SandboxRow::id).toList());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(truth.get(i).status().name(), rows.get(i).status());
            assertEquals(truth.get(i).createdAt(), rows.get(i).createdAt());
            assertTrue(
                    rows.get(i).specId().contains("agent-server"), rows.get(i).specId());
            assertFalse(rows.get(i).changed(), "the first load is not a change");
            assertNull(rows.get(i).pending());
        }
        assertFalse(board.snapshot().hasMore());
        assertEquals(world.clock.instant(), board.snapshot().refreshedAt());
        assertNull(board.snapshot().problem());
    }

    @Test
    void statusesAreCountedRunningFirst() throws Exception {
        SandboxBoard board = board(30);
        board.refresh();

        Map<String, Long> truth = world.demo.world().sandboxes().stream()
                .collect(Collectors.groupingBy(s -> s.status().name(), Collectors.counting()));
        Map<String, Integer> counts = board.snapshot().countsByStatus();

        assertEquals(truth.keySet(), counts.keySet());
        truth.forEach((status, n) -> assertEquals(n.intValue(), counts.get(status), status));
        assertEquals(
                List.of("RUNNING", "STARTING", "PAUSED", "ERROR", "MISSING"),
                List.copyOf(counts.keySet()),
                "the demo has every status once at least");
    }

    @Test
    void anAccountWithMoreThanAPageOfSandboxesSaysSoWithoutPagingThroughThem() throws Exception {
        SandboxBoard board = board(1000);
        assertTrue(world.demo.world().sandboxes().size() > 100, "the demo world has several pages of sandboxes");

        world.markRequests();
        board.refresh();
        board.refresh();

        assertEquals(List.of(SEARCH, SEARCH), world.requestsSinceMark(), "one request per refresh");
        assertEquals(100, board.snapshot().rows().size());
        assertTrue(board.snapshot().hasMore());
    }

    @Test
    void aSandboxWhoseStatusChangedIsMarkedForOneRefreshOnly() throws Exception {
        SandboxBoard board = board(30);
        board.refresh();
        String sandboxId = aRunningSandbox();

        world.cloud.pauseSandbox(sandboxId);
        board.refresh();

        List<String> changed = board.snapshot().rows().stream()
                .filter(SandboxRow::changed)
                .map(SandboxRow::id)
                .toList();
        assertEquals(List.of(sandboxId), changed);
        assertEquals("PAUSED", board.snapshot().row(sandboxId).status());

        board.refresh();
        assertTrue(board.snapshot().rows().stream().noneMatch(SandboxRow::changed), "nothing changed since");
    }

    @Test
    void aPendingPauseShowsUntilARefreshFindsTheStatusChanged() throws Exception {
        SandboxBoard board = board(30);
        board.refresh();
        String sandboxId = aRunningSandbox();

        assertTrue(board.markPending(sandboxId, SandboxRow.Pending.PAUSING));
        assertEquals(SandboxRow.Pending.PAUSING, board.snapshot().row(sandboxId).pending(), "shown at once");
        board.refresh();
        assertEquals(
                SandboxRow.Pending.PAUSING,
                board.snapshot().row(sandboxId).pending(),
                "the server has not paused it yet");

        world.cloud.pauseSandbox(sandboxId);
        board.refresh();

        SandboxRow row = board.snapshot().row(sandboxId);
        assertEquals("PAUSED", row.status());
        assertNull(row.pending());
    }

    @Test
    void aPendingRequestIsDroppedWhenItFailsOrNothingHappensForTwoMinutes() throws Exception {
        SandboxBoard board = board(30);
        board.refresh();
        String sandboxId = aRunningSandbox();

        board.markPending(sandboxId, SandboxRow.Pending.PAUSING);
        board.clearPending(sandboxId);
        assertNull(board.snapshot().row(sandboxId).pending(), "cleared when the request failed");

        board.markPending(sandboxId, SandboxRow.Pending.PAUSING);
        world.clock.advance(SandboxBoard.PENDING_FOR.minusSeconds(1));
        board.refresh();
        assertNotNull(board.snapshot().row(sandboxId).pending(), "still waiting for the server");
        world.clock.advanceSeconds(2);
        board.refresh();
        assertNull(board.snapshot().row(sandboxId).pending(), "given up on");
    }

    @Test
    void aSandboxThatIsNotListedCannotBeMarked() throws Exception {
        SandboxBoard board = board(30);
        board.refresh();

        assertFalse(board.markPending("no-such-sandbox", SandboxRow.Pending.RESUMING));
        assertNull(board.snapshot().row("no-such-sandbox"));
    }

    @Test
    void aFailedRefreshKeepsTheRowsMarkedStaleUntilARefreshWorksAgain() throws Exception {
        SandboxBoard board = board(30);
        board.refresh();
        List<SandboxRow> before = board.snapshot().rows();
        var refreshedAt = board.snapshot().refreshedAt();

        world.proxy.faults().always(Fault.serverError(), Target.APP);
        world.clock.advanceSeconds(5);
        ApiException e = assertThrows(ApiException.class, board::refresh);

        SandboxBoardSnapshot stale = board.snapshot();
        assertEquals(before, stale.rows(), "the rows stay");
        assertTrue(stale.freshness().stale());
        assertEquals(e.getMessage(), stale.problem());
        assertTrue(stale.problem().contains("HTTP 500"), stale.problem());
        assertEquals(refreshedAt, stale.refreshedAt());
        assertEquals(Duration.ofSeconds(5), stale.age(world.clock.instant()));

        world.proxy.faults().clear();
        board.refresh();
        assertNull(board.snapshot().problem());
        assertEquals(world.clock.instant(), board.snapshot().refreshedAt());
    }

    @Test
    void aFailedFirstRefreshSaysSoWithNoRows() throws Exception {
        SandboxBoard board = board(30);
        world.proxy.faults().always(Fault.serverError(), Target.APP);

        assertThrows(ApiException.class, board::refresh);

        assertEquals(List.of(), board.snapshot().rows());
        assertNull(board.snapshot().refreshedAt());
        assertNotNull(board.snapshot().problem());
        assertTrue(board.snapshot().countsByStatus().isEmpty());
    }
}

package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.MessageRequest;
import dev.ohtop.api.StartConversationRequest;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch.Target;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationBoardTest {
    private DemoCloud world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private ConversationBoard board(int conversations, int pageSize) throws Exception {
        world = new DemoCloud(conversations);
        return new ConversationBoard(
                world.cloud, world.clock, ConversationBoard.Settings.defaults().withPageSize(pageSize));
    }

    @Test
    void runningConversationsComeFirstNewestCreatedThenTheMostRecentlyUpdated() throws Exception {
        ConversationBoard board = board(30, 100);

        board.refresh();
        List<ConversationRow> rows = board.snapshot().rows();

        Set<String> runningInTruth = world.demo.world().conversations().stream()
                .filter(c -> c.parentConversationId() == null && "running".equals(c.executionStatus()))
                .map(ConversationSnapshot::id)
                .collect(Collectors.toSet());
        assertFalse(runningInTruth.isEmpty(), "the demo has running conversations");
        List<ConversationRow> firstRows = rows.subList(0, runningInTruth.size());
        assertEquals(runningInTruth, firstRows.stream().map(ConversationRow::id).collect(Collectors.toSet()));
        assertEquals(runningInTruth.size(), board.snapshot().running());
        for (int i = 1; i < rows.size(); i++) {
            ConversationRow before = rows.get(i - 1);
            ConversationRow after = rows.get(i);
            if (before.running() && after.running()) {
                assertFalse(after.createdAt().isAfter(before.createdAt()), "newest created first at row " + i);
            } else if (before.running() == after.running()) {
                assertFalse(after.updatedAt().isAfter(before.updatedAt()), "newest updated first at row " + i);
            } else {
                assertTrue(before.running(), "running before the rest at row " + i);
            }
        }
        assertEquals(30, rows.size());
        assertEquals(30, board.snapshot().total());
        assertFalse(board.snapshot().hasMore());
        assertNotNull(board.snapshot().refreshedAt());
    }

    @Test
    void aRowShowsTheConversationsTitleStatusesRepositoryModelAndCost() throws Exception {
        ConversationBoard board = board(30, 100);
        board.refresh();

        ConversationSnapshot truth = world.demo.world().conversations().stream()
                .filter(c -> c.selectedRepository() != null
                        && c.sandboxStatus() == SandboxStatus.RUNNING
                        && c.accumulatedCost() > 0
                        && c.parentConversationId() == null)
                .findFirst()
                .orElseThrow();
        ConversationRow row = board.snapshot().row(truth.id());

        assertEquals(truth.title(), row.title());
        assertEquals("RUNNING", row.sandboxStatus());
        assertEquals(truth.executionStatus(), row.executionStatus());
        assertTrue(row.repoAtBranch().startsWith(truth.selectedRepository() + "@"), row.repoAtBranch());
        assertNotNull(row.model());
        assertEquals(truth.accumulatedCost(), row.cost(), 1e-9);
        assertEquals(truth.createdAt(), row.createdAt());
        assertEquals(8, row.shortId().length());
    }

    @ParameterizedTest(name = "{0} conversations")
    @ValueSource(ints = {100, 1000})
    void aRefreshWhenNothingChangedCostsAtMostThreeRequestsWhateverTheAccountSize(int conversations) throws Exception {
        ConversationBoard board = board(conversations, 100);
        board.refresh();

        world.markRequests();
        board.refresh();

        List<String> requests = world.requestsSinceMark();
        assertTrue(requests.size() <= 3, "requests: " + requests);
        assertEquals(100, board.snapshot().rows().size(), "the newest page; older ones load on demand");
        assertEquals(conversations, board.snapshot().total());
        assertEquals(conversations > 100, board.snapshot().hasMore());
    }

    @ParameterizedTest(name = "{0} conversations, pages of {1}")
    @CsvSource({"100, 20", "1000, 20"})
    void aQuietRefreshStaysWithinThreeRequestsWhileAnOlderConversationRunsOffThePage(int conversations, int pageSize)
            throws Exception {
        ConversationBoard board = board(conversations, pageSize);
        board.refresh();
        ConversationSnapshot old = olderThanFirstPage(board);
        world.cloud.resumeSandbox(old.sandboxId());
        world.clock.advanceSeconds(10);
        board.refresh(); // finds it through its sandbox

        world.markRequests();
        board.refresh();

        List<String> requests = world.requestsSinceMark();
        assertTrue(requests.size() <= 3, "requests: " + requests);
        assertTrue(
                requests.stream().anyMatch(r -> r.startsWith("GET /api/v1/app-conversations?ids=")),
                "the known active conversation off the newest page is kept fresh by batch get: " + requests);
        assertTrue(requests.stream().noneMatch(r -> r.contains("sandbox_id__eq")), requests.toString());
        assertNotNull(board.snapshot().row(old.id()));
    }

    @Test
    void aConversationThatStartsRunningOnAnOlderPageIsFoundThroughItsSandbox() throws Exception {
        ConversationBoard board = board(100, 20);
        board.refresh();
        ConversationSnapshot old = olderThanFirstPage(board);
        assertNull(board.snapshot().row(old.id()), "not loaded: it is older than the first page");

        world.cloud.resumeSandbox(old.sandboxId());
        world.clock.advanceSeconds(10);
        world.cloud.sendMessage(old.id(), MessageRequest.userText("please carry on"));
        world.markRequests();
        board.refresh();

        ConversationRow row = board.snapshot().row(old.id());
        assertNotNull(row, "found through its RUNNING sandbox");
        assertEquals("RUNNING", row.sandboxStatus());
        assertEquals("running", row.executionStatus());
        assertTrue(row.changed(), "new to the list, so marked");
        assertEquals(
                old.id(),
                board.snapshot().rows().stream()
                        .filter(ConversationRow::running)
                        .filter(r -> r.id().equals(old.id()))
                        .findFirst()
                        .orElseThrow()
                        .id());
        assertTrue(board.snapshot().rows().indexOf(row) < board.snapshot().running(), "among the running, at the top");
        assertTrue(
                world.requestsSinceMark().stream().anyMatch(r -> r.contains("sandbox_id__eq=" + old.sandboxId())),
                world.requestsSinceMark().toString());
    }

    @Test
    void aRefreshThatFailsPartWayStillFindsTheNewlyRunningConversationNextTime() throws Exception {
        ConversationBoard scout = board(100, 20);
        scout.refresh();
        ConversationSnapshot old = olderThanFirstPage(scout);
        world.cloud.resumeSandbox(old.sandboxId());
        world.clock.advanceSeconds(10);
        ConversationBoard board = new ConversationBoard(
                world.cloud, world.clock, ConversationBoard.Settings.defaults().withPageSize(20));
        // A first refresh always asks for the total, last: let that fail after the sandbox was probed.
        world.proxy.faults().add(Fault.serverError(), Target.APP, "/api/v1/app-conversations/count", 1);

        assertThrows(ApiException.class, board::refresh);
        assertNull(board.snapshot().row(old.id()), "nothing of a failed refresh is applied");
        board.refresh();

        assertNotNull(board.snapshot().row(old.id()), "the sandbox is probed again");
        assertEquals("RUNNING", board.snapshot().row(old.id()).sandboxStatus());
    }

    @Test
    void rowsThatChangedAreMarkedForOneRefreshOnly() throws Exception {
        ConversationBoard board = board(30, 100);
        board.refresh();
        assertTrue(
                board.snapshot().rows().stream().noneMatch(ConversationRow::changed), "the first load is not a change");

        world.clock.advanceSeconds(20);
        board.refresh();
        Set<String> changed = board.snapshot().rows().stream()
                .filter(ConversationRow::changed)
                .map(ConversationRow::id)
                .collect(Collectors.toSet());
        assertFalse(changed.isEmpty(), "running conversations moved on in 20 s");
        for (ConversationRow row : board.snapshot().rows()) {
            if (changed.contains(row.id())) {
                assertTrue(row.updatedAt().isAfter(world.clock.instant().minusSeconds(21)), row.toString());
            }
        }

        board.refresh();
        assertTrue(
                board.snapshot().rows().stream().noneMatch(ConversationRow::changed),
                "nothing changed since the previous refresh");
    }

    @Test
    void loadMoreBringsOlderConversationsUntilThereAreNoMore() throws Exception {
        ConversationBoard board = board(100, 30);
        board.refresh();
        assertEquals(30, board.snapshot().rows().size());
        assertTrue(board.snapshot().hasMore());

        world.markRequests();
        board.loadMore();
        assertEquals(1, world.requestsSinceMark().size(), "one page per call");
        // The page starts at the oldest row held (asked again so a same-microsecond neighbour is not skipped).
        assertEquals(59, board.snapshot().rows().size());
        int guard = 0;
        while (board.snapshot().hasMore() && guard++ < 10) {
            board.loadMore();
        }

        List<ConversationRow> rows = board.snapshot().rows();
        assertFalse(board.snapshot().hasMore());
        assertEquals(100, rows.size());
        assertEquals(100, new HashSet<>(rows.stream().map(ConversationRow::id).toList()).size(), "each once");
        world.markRequests();
        board.loadMore();
        assertEquals(List.of(), world.requestsSinceMark(), "nothing left to load, nothing asked");
    }

    @Test
    void aFailedRefreshKeepsTheRowsMarkedStaleUntilARefreshWorksAgain() throws Exception {
        ConversationBoard board = board(30, 100);
        board.refresh();
        List<ConversationRow> before = board.snapshot().rows();
        var refreshedAt = board.snapshot().refreshedAt();

        world.proxy.faults().always(Fault.serverError(), Target.APP);
        world.clock.advanceSeconds(5);
        ApiException e = assertThrows(ApiException.class, board::refresh);

        BoardSnapshot stale = board.snapshot();
        assertEquals(before, stale.rows(), "the rows stay");
        assertTrue(stale.stale());
        assertEquals(e.getMessage(), stale.problem());
        assertTrue(stale.problem().contains("HTTP 500"), stale.problem());
        assertEquals(refreshedAt, stale.refreshedAt());
        assertEquals(Duration.ofSeconds(5), stale.age(world.clock.instant()));

        world.proxy.faults().clear();
        board.refresh();
        assertFalse(board.snapshot().stale());
        assertNull(board.snapshot().problem());
        assertEquals(world.clock.instant(), board.snapshot().refreshedAt());
    }

    @Test
    void theTotalIsAskedForAtMostOnceAMinute() throws Exception {
        ConversationBoard board = board(30, 100);
        board.refresh();
        assertEquals(30, board.snapshot().total());

        world.markRequests();
        world.clock.advanceSeconds(30);
        board.refresh();
        world.clock.advanceSeconds(29);
        board.refresh();
        assertTrue(
                world.requestsSinceMark().stream().noneMatch(r -> r.contains("/count")),
                world.requestsSinceMark().toString());

        world.clock.advanceSeconds(2);
        board.refresh();
        assertEquals(
                1,
                world.requestsSinceMark().stream()
                        .filter(r -> r.contains("/app-conversations/count"))
                        .count());
    }

    @Test
    void aNewConversationCountsInTheTotalAtOnceNotAMinuteLater() throws Exception {
        ConversationBoard board = board(30, 100);
        board.refresh();
        world.clock.advanceSeconds(3);
        board.refresh();

        world.cloud.startConversation(StartConversationRequest.of("one more", null, null, "Newcomer"));
        world.clock.advanceSeconds(20); // the demo makes the conversation 14 s after the request
        board.refresh();

        assertTrue(board.snapshot().rows().stream().anyMatch(r -> "Newcomer".equals(r.title())));
        assertEquals(31, board.snapshot().total(), "the header must not say 30 total over 31 rows");
        world.markRequests();
        world.clock.advanceSeconds(3);
        board.refresh();
        assertTrue(
                world.requestsSinceMark().stream().noneMatch(r -> r.contains("/count")),
                "asked once for the newcomer, not every refresh: " + world.requestsSinceMark());
    }

    @Test
    void fiveRunningAtOnceRaisesTheWarning() throws Exception {
        ConversationBoard board = board(30, 100);
        board.refresh();
        int running = board.snapshot().running();
        List<ConversationRow> notRunning = board.snapshot().rows().stream()
                .filter(r -> "RUNNING".equals(r.sandboxStatus()) && !r.running())
                .toList();
        for (int i = 0; i < 5 - running && i < notRunning.size(); i++) {
            world.cloud.sendMessage(notRunning.get(i).id(), MessageRequest.userText("one more thing"));
        }

        board.refresh();

        assertTrue(
                board.snapshot().running() >= 5, "running: " + board.snapshot().running());
        assertTrue(board.snapshot().warning());
    }

    @Test
    void theFilterMatchesTitleRepositoryOrIdWithoutAskingTheServer() throws Exception {
        ConversationBoard board = board(30, 100);
        board.refresh();
        BoardSnapshot snapshot = board.snapshot();
        ConversationRow some = snapshot.rows().get(3);

        world.markRequests();
        List<ConversationRow> byId =
                snapshot.view(BoardFilter.ALL.withText(some.shortId().toUpperCase()));
        List<ConversationRow> byRepo = snapshot.view(BoardFilter.ALL.withText("PAYMENTS-service"));
        List<ConversationRow> running = snapshot.view(BoardFilter.ALL.toggleRunningOnly());

        assertEquals(List.of(some), byId);
        assertFalse(byRepo.isEmpty());
        assertTrue(byRepo.stream().allMatch(r -> r.repository().equals("octo-org/payments-service")));
        assertEquals(snapshot.running(), running.size());
        assertTrue(running.stream().allMatch(ConversationRow::running));
        assertEquals(List.of(), world.requestsSinceMark(), "filtering asks nothing");
    }

    /**
     * A top-level conversation older than the board's first page, on a paused sandbox of its own
     * that is among the 100 newest sandboxes (the board watches only those).
     */
    private ConversationSnapshot olderThanFirstPage(ConversationBoard board) {
        Set<String> shown =
                board.snapshot().rows().stream().map(ConversationRow::id).collect(Collectors.toSet());
        Set<String> shownSandboxes = board.snapshot().rows().stream()
                .map(r -> r.conversation().sandboxId())
                .collect(Collectors.toSet());
        Set<String> watchedSandboxes = world.demo.world().sandboxes().stream()
                .limit(100)
                .map(SandboxSnapshot::id)
                .collect(Collectors.toSet());
        return world.demo.world().conversations().stream()
                .filter(c -> c.parentConversationId() == null
                        && !shown.contains(c.id())
                        && !shownSandboxes.contains(c.sandboxId())
                        && watchedSandboxes.contains(c.sandboxId())
                        && c.sandboxStatus() == SandboxStatus.PAUSED)
                .findFirst()
                .orElseThrow();
    }
}

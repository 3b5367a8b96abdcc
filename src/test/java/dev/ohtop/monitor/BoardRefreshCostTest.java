package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.ConversationPatch;
import dev.ohtop.api.StartConversationRequest;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a refresh of the list costs once many conversations are loaded: the newest page, the
 * sandboxes and one batch get, whatever the number loaded or active; rows on screen first.
 */
@DisplayName("List refresh cost")
class BoardRefreshCostTest {
    private static final String SEARCH = "GET /api/v1/app-conversations/search";
    private DemoCloud demo;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoCloud(300);
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private ConversationBoard loadedToTheEnd() throws Exception {
        ConversationBoard board = new ConversationBoard(demo.cloud, demo.clock);
        board.refresh();
        while (board.snapshot().hasMore()) {
            board.loadMore();
        }
        return board;
    }

    @Test
    void withMoreConversationsActiveThanABatchHoldsARefreshStillCostsThreeRequestsAndNoneIsLeftBehind()
            throws Exception {
        // 250 conversations started: 100 fill the newest page, 150 active ones are further down.
        for (int i = 0; i < 250; i++) {
            demo.cloud.startConversation(StartConversationRequest.of("task " + i, null, null, "started " + i));
            demo.clock.advanceSeconds(1);
        }
        ConversationBoard board = loadedToTheEnd();
        long active = board.snapshot().rows().stream()
                .filter(r -> "RUNNING".equals(r.sandboxStatus()) || "STARTING".equals(r.sandboxStatus()))
                .count();
        assertTrue(active > 140, "more active than one batch of 99 holds: " + active);

        Set<String> batched = new HashSet<>();
        for (int refresh = 0; refresh < 2; refresh++) {
            demo.markRequests();
            board.refresh();
            List<String> sent = demo.requestsSinceMark();
            assertTrue(sent.size() <= ConversationBoard.QUIET_REFRESH_REQUESTS, "one batch get at most: " + sent);
            sent.stream()
                    .filter(r -> r.startsWith("GET /api/v1/app-conversations?"))
                    .forEach(r -> batched.addAll(ids(r)));
        }
        Set<String> activeOffTheNewestPage = new LinkedHashSet<>();
        board.snapshot().rows().stream()
                .filter(r -> "RUNNING".equals(r.sandboxStatus()) || "STARTING".equals(r.sandboxStatus()))
                .forEach(r -> activeOffTheNewestPage.add(r.id()));
        activeOffTheNewestPage.removeAll(newestPageIds());
        activeOffTheNewestPage.removeAll(batched);
        assertEquals(Set.of(), activeOffTheNewestPage, "in two refreshes every active one was asked for");
    }

    @Test
    void aConversationLoadedLongAgoIsBroughtUpToDateWhenItComesOnScreenAndOnlyThen() throws Exception {
        ConversationBoard board = loadedToTheEnd();
        List<ConversationRow> rows = board.snapshot().rows();
        String onScreen = rows.get(rows.size() - 1).id();
        String offScreen = rows.get(rows.size() - 2).id();
        demo.cloud.updateConversation(onScreen, ConversationPatch.title("renamed while on screen"));
        demo.cloud.updateConversation(offScreen, ConversationPatch.title("renamed out of sight"));

        board.watching(Set.of(onScreen));
        demo.markRequests();
        board.refresh();

        assertEquals("renamed while on screen", board.snapshot().row(onScreen).title());
        assertTrue(
                !board.snapshot().row(offScreen).title().equals("renamed out of sight"),
                "a row out of sight stays as loaded");
        assertTrue(
                demo.requestsSinceMark().size() <= ConversationBoard.QUIET_REFRESH_REQUESTS,
                demo.requestsSinceMark().toString());
    }

    @Test
    void typingAFilterAsksTheServerForMatchingTitlesOnceThePauseComesInsteadOfLoadingEveryPage() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(demo.clock);
        ConversationBoard board = new ConversationBoard(demo.cloud, demo.clock);
        board.refresh();
        BoardPages search = new BoardPages(board, scheduler, () -> {});
        String title = demo.demo.world().conversations().get(280).title();
        String typed = title.substring(0, Math.min(title.length(), 12));

        demo.markRequests();
        for (int i = 1; i <= typed.length(); i++) {
            search.typed(typed.substring(0, i)); // keys a few milliseconds apart: one question
        }
        assertEquals(List.of(), demo.requestsSinceMark(), "nothing asked while typing");
        while (!scheduler.pending().isEmpty()) {
            scheduler.runNext();
        }

        List<String> sent = demo.requestsSinceMark();
        assertEquals(1, sent.size(), "one request for the pause: " + sent);
        assertTrue(sent.get(0).startsWith(SEARCH + "?title__contains="), sent.get(0));
        ConversationSnapshot wanted = demo.demo.world().conversations().get(280);
        assertTrue(
                board.snapshot().view(new BoardFilter(typed, false)).stream().anyMatch(r -> r.id().equals(wanted.id())),
                "an old conversation matching the filter is shown without paging to it");
    }

    @Test
    void aPageOfOlderConversationsThatFailsIsAskedAgainOnlyAfterAPauseNotAtEveryRedraw() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(demo.clock);
        ConversationBoard board = new ConversationBoard(demo.cloud, demo.clock);
        board.refresh();
        BoardPages pages = new BoardPages(board, scheduler, () -> {});
        demo.proxy.faults().add(Fault.serverError(), FaultSwitch.Target.APP, "/api/v1/app-conversations/search", 1);

        demo.markRequests();
        pages.nearEnd(BoardFilter.ALL);
        scheduler.runNext(); // the page is asked for, and fails
        for (int redraw = 0; redraw < 20; redraw++) {
            pages.nearEnd(BoardFilter.ALL); // the screen asks at every event while the cursor is at the end
            if (!scheduler.pending().isEmpty()
                    && scheduler.pending().get(0).delay.isZero()) {
                scheduler.runNext(); // what is asked at once goes at once
            }
        }
        assertEquals(1, demo.requestsSinceMark().size(), "one failed request, not one per redraw");

        assertEquals(BoardPages.AFTER_FAILURE, scheduler.runNext(), "the pause runs out");
        pages.nearEnd(BoardFilter.ALL);
        scheduler.runNext();
        assertEquals(
                2, demo.requestsSinceMark().size(), demo.requestsSinceMark().toString());
        assertTrue(board.snapshot().rows().size() > 100, "the older page came");
    }

    private Set<String> newestPageIds() throws Exception {
        Set<String> ids = new HashSet<>();
        demo.cloud
                .searchConversations(dev.ohtop.api.ConversationQuery.all(), null, 100)
                .items()
                .forEach(c -> ids.add(c.id()));
        return ids;
    }

    private static List<String> ids(String request) {
        List<String> ids = new ArrayList<>();
        Arrays.stream(request.substring(request.indexOf('?') + 1).split("&"))
                .filter(p -> p.startsWith("ids="))
                .forEach(p -> ids.add(p.substring(4)));
        return ids;
    }
}

package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notices' rules, without a terminal, on a manual clock. */
class AttentionTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final Attention attention = new Attention(clock);

    private static ConversationRow row(String id, String execution, String sandbox, int minutesAgo) {
        Instant updated = Instant.parse("2026-01-01T10:00:00Z").minusSeconds(60L * minutesAgo);
        return new ConversationRow(
                id, "Title of " + id, execution, sandbox, null, null, null, null, updated, updated, false, null);
    }

    private static ConversationRow row(String id, String execution) {
        return row(id, execution, "RUNNING", 0);
    }

    private void see(ConversationRow... rows) {
        attention.observe(new BoardSnapshot(
                Arrays.asList(rows),
                new Freshness(Instant.parse("2026-01-01T10:00:00Z"), null),
                0,
                null,
                false,
                false,
                BoardSnapshot.Search.NONE));
    }

    /** Every notice due over {@code seconds}, asked once a second as the UI loop does at least. */
    private List<Attention.Notice> noticesOver(int seconds) {
        List<Attention.Notice> told = new ArrayList<>();
        for (int s = 0; s <= seconds; s++) {
            Attention.Notice n = attention.take();
            if (n != null) {
                told.add(n);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        return told;
    }

    @Test
    void whatWasAlreadySoAtStartUpIsNoNews() {
        see(row("a", "finished"), row("b", "error"), row("c", "waiting_for_confirmation"), row("d", "stuck"));
        see(row("a", "finished"), row("b", "error"), row("c", "waiting_for_confirmation"), row("d", "stuck"));

        assertEquals(List.of(), noticesOver(10));
        assertFalse(attention.snapshot().marked("a"));
    }

    @Test
    void aConversationThatFinishesIsToldOnceAndMarkedUntilLookedAt() {
        see(row("a", "running"));
        see(row("a", "finished"));
        see(row("a", "finished"));

        List<Attention.Notice> told = noticesOver(20);
        assertEquals(1, told.size());
        assertEquals(Attention.Reason.FINISHED, told.get(0).reason());
        assertEquals("a", told.get(0).row().id());
        assertEquals(1, told.get(0).count());
        assertTrue(attention.snapshot().marked("a"));

        attention.looked("a");
        assertFalse(attention.snapshot().marked("a"));
        assertFalse(attention.snapshot().waits(row("a", "finished")), "finished and looked at: no longer waits");
    }

    @Test
    void eachStateAndALostSandboxIsTold() {
        see(
                row("f", "running"),
                row("e", "running"),
                row("s", "running"),
                row("w", "running"),
                row("x", "idle"),
                row("m", "idle"));
        see(row("f", "finished"));
        assertEquals(Attention.Reason.FINISHED, attention.take().reason());
        clock.advance(Attention.QUIET);
        see(row("e", "error"));
        assertEquals(Attention.Reason.ERROR, attention.take().reason());
        clock.advance(Attention.QUIET);
        see(row("s", "stuck"));
        assertEquals(Attention.Reason.STUCK, attention.take().reason());
        clock.advance(Attention.QUIET);
        see(row("w", "waiting_for_confirmation"));
        assertEquals(Attention.Reason.WAITING_FOR_CONFIRMATION, attention.take().reason());
        clock.advance(Attention.QUIET);
        see(row("x", "idle", "ERROR", 0));
        assertEquals(Attention.Reason.SANDBOX_ERROR, attention.take().reason());
        clock.advance(Attention.QUIET);
        see(row("m", "idle", "MISSING", 0));
        assertEquals(Attention.Reason.SANDBOX_MISSING, attention.take().reason());
    }

    @Test
    void aConversationThatLeavesTheStateAndComesBackIsToldAgainOneThatStaysIsNot() {
        see(row("a", "running"));
        see(row("a", "waiting_for_confirmation"));
        see(row("a", "waiting_for_confirmation"));
        assertEquals(1, noticesOver(10).size());

        see(row("a", "running"));
        assertFalse(attention.snapshot().marked("a"), "no longer waiting: no longer marked");
        see(row("a", "waiting_for_confirmation"));
        assertEquals(1, noticesOver(10).size(), "waiting again after running: a new change");
    }

    @Test
    void resumingAFinishedConversationIsNoNews() {
        see(row("a", "running"));
        see(row("a", "finished"));
        attention.take();
        attention.looked("a");
        see(row("a", null, "PAUSED", 0));
        see(row("a", null, "STARTING", 0));
        see(row("a", "finished"));
        clock.advance(Attention.QUIET);
        assertNull(attention.take());

        see(row("a", "finished"), row("p", null, "PAUSED", 0));
        see(row("a", "finished"), row("p", null, "STARTING", 0));
        see(row("a", "finished"), row("p", "finished", "RUNNING", 0));
        assertNull(attention.take(), "paused at start-up, finished once resumed: it was so before");
    }

    @Test
    void manyChangesAtOnceRingOnceAndSayHowMany() {
        see(row("a", "running"), row("b", "running"), row("c", "running"), row("d", "running"));
        see(row("a", "finished"), row("b", "error"), row("c", "stuck"), row("d", "running"));

        Attention.Notice first = attention.take();
        assertEquals(3, first.count());
        assertNull(attention.take(), "nothing left to tell");

        clock.advance(Duration.ofSeconds(1));
        see(row("a", "finished"), row("b", "error"), row("c", "stuck"), row("d", "finished"));
        assertNull(attention.take(), "within 5 s of the last ring: it waits");
        clock.advance(Duration.ofSeconds(3));
        assertNull(attention.take());
        clock.advance(Duration.ofSeconds(1));
        Attention.Notice later = attention.take();
        assertEquals("d", later.row().id());
        assertEquals(1, later.count());
    }

    @Test
    void aConversationFirstSeenLaterOnIsNotNewsButItsNextChangeIs() {
        see(row("a", "running"));
        see(row("a", "running"), row("old", "finished"));
        assertEquals(List.of(), noticesOver(6));

        see(row("a", "running"), row("old", "running"));
        see(row("a", "running"), row("old", "finished"));
        assertEquals(1, noticesOver(6).size());
    }

    @Test
    void aChangeLookedAtBeforeItsRingIsNotRung() {
        see(row("a", "running"), row("b", "running"));
        see(row("a", "finished"), row("b", "running"));
        attention.take();
        see(row("a", "finished"), row("b", "finished"));
        attention.looked("b");

        assertEquals(List.of(), noticesOver(10));
    }

    @Test
    void snapshotsBeforeTheFirstGoodRefreshAreIgnored() {
        attention.observe(BoardSnapshot.EMPTY);
        see(row("a", "finished"));

        assertEquals(List.of(), noticesOver(6), "the first good refresh only records");
    }

    @Test
    void theWaitingFilterShowsWhatWaitsNewestFirst() {
        see(
                row("old-wait", "waiting_for_confirmation", "RUNNING", 30),
                row("done", "running", "RUNNING", 1),
                row("done-before", "finished", "RUNNING", 2),
                row("err", "error", "RUNNING", 10),
                row("stuck", "stuck", "RUNNING", 20),
                row("run", "running", "RUNNING", 0));
        List<ConversationRow> now = List.of(
                row("run", "running", "RUNNING", 0),
                row("done", "finished", "RUNNING", 1),
                row("done-before", "finished", "RUNNING", 2),
                row("err", "error", "RUNNING", 10),
                row("stuck", "stuck", "RUNNING", 20),
                row("old-wait", "waiting_for_confirmation", "RUNNING", 30));
        see(now.toArray(ConversationRow[]::new));

        BoardFilter waiting = BoardFilter.ALL.toggleWaiting(attention);
        List<String> shown =
                waiting.apply(now).stream().map(ConversationRow::id).toList();
        assertEquals(List.of("done", "err", "stuck", "old-wait"), shown);

        attention.looked("done");
        assertEquals(
                List.of("err", "stuck", "old-wait"),
                waiting.apply(now).stream().map(ConversationRow::id).toList());
        assertTrue(waiting.toggleWaiting(attention).isAll(), "w again: all");
    }
}

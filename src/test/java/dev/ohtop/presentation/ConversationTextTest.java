package dev.ohtop.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ohtop.monitor.BoardFilter;
import dev.ohtop.monitor.BoardSnapshot;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.Freshness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTextTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    private static BoardSnapshot board(Freshness freshness, int running, Integer total) {
        return new BoardSnapshot(List.of(), freshness, running, total, false, false, BoardSnapshot.Search.NONE);
    }

    private static ConversationRow row(String repository, String branch) {
        return new ConversationRow(
                "c1", "Fix it", "running", "RUNNING", repository, branch, null, null, AT, AT, false, null);
    }

    @Test
    void theSummarySaysHowManyRunOutOfATotalNotYetKnown() {
        assertEquals("2 running / ? total", ConversationText.counts(board(Freshness.NEVER, 2, null)));
        assertEquals("2 running / 30 total", ConversationText.counts(board(Freshness.NEVER, 2, 30)));
    }

    @Test
    void aFilterIsSaidWithHowManyRowsItLeaves() {
        assertNull(ConversationText.filterNote(BoardFilter.ALL, 30));
        assertEquals("[running only: 3 shown]", ConversationText.filterNote(new BoardFilter("", true), 3));
        assertEquals("[filter \"bug\": 4 shown]", ConversationText.filterNote(new BoardFilter("bug", false), 4));
        assertEquals(
                "[running only, filter \"bug\": 1 shown]",
                ConversationText.filterNote(new BoardFilter("bug", true), 1));
    }

    @Test
    void anEmptyListSaysWhetherItIsLoadingFailedEmptyOrFilteredOut() {
        assertEquals("loading…", ConversationText.empty(board(Freshness.NEVER, 0, null), BoardFilter.ALL));
        assertEquals(
                "nothing loaded yet",
                ConversationText.empty(board(new Freshness(null, "HTTP 503"), 0, null), BoardFilter.ALL));
        assertEquals("no conversations", ConversationText.empty(board(new Freshness(AT, null), 0, 0), BoardFilter.ALL));
        assertEquals(
                "nothing matches the filter",
                ConversationText.empty(board(new Freshness(AT, null), 0, 9), new BoardFilter("zzz", false)));
    }

    @Test
    void theRepositoryCellNamesTheBranchAndADashStandsForNone() {
        assertEquals("acme/widgets@main", ConversationText.repository(row("acme/widgets", "main")));
        assertEquals("acme/widgets", ConversationText.repository(row("acme/widgets", null)));
        assertEquals("-", ConversationText.repository(row(null, null)));
    }

    @Test
    void theModelCellDropsTheProvidersPath() {
        assertEquals("claude-sonnet-4", ConversationText.model("litellm_proxy/anthropic/claude-sonnet-4"));
        assertEquals("gpt-5", ConversationText.model("gpt-5"));
        assertEquals("-", ConversationText.model(null));
    }

    @Test
    void tooManyRunningAtOnceGivesTheAdvice() {
        assertEquals("⚠ 6 running at once (advice: at most 5)", ConversationText.tooManyRunning(6));
    }
}

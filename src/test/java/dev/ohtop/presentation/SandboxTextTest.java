package dev.ohtop.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ohtop.monitor.Freshness;
import dev.ohtop.monitor.SandboxBoardSnapshot;
import dev.ohtop.monitor.SandboxRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxTextTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    private static SandboxRow sandbox(String id, String status, SandboxRow.Pending pending) {
        return new SandboxRow(id, status, "ghcr.io/openhands/agent-server:7c91cbe-python", AT, false, pending);
    }

    @Test
    void theSummaryCountsEachStatusRunningFirstAndMarksAListCutShort() {
        List<SandboxRow> rows =
                List.of(sandbox("a", "PAUSED", null), sandbox("b", "RUNNING", null), sandbox("c", "PAUSED", null));
        assertEquals(
                "3 sandboxes: 1 running, 2 paused",
                SandboxText.summary(new SandboxBoardSnapshot(rows, new Freshness(AT, null), false)));
        assertEquals(
                "3+ sandboxes: 1 running, 2 paused",
                SandboxText.summary(new SandboxBoardSnapshot(rows, new Freshness(AT, null), true)));
        assertEquals("0 sandboxes", SandboxText.summary(SandboxBoardSnapshot.EMPTY));
    }

    @Test
    void aPauseOrResumeOnItsWayStandsInTheStatussPlace() {
        assertEquals(
                new Badge("↻ pausing…", Badge.Tone.CHANGING),
                SandboxText.status(sandbox("a", "RUNNING", SandboxRow.Pending.PAUSING)));
        assertEquals(
                new Badge("↻ resuming…", Badge.Tone.CHANGING),
                SandboxText.status(sandbox("a", "PAUSED", SandboxRow.Pending.RESUMING)));
        assertEquals(Badge.sandbox("PAUSED"), SandboxText.status(sandbox("a", "PAUSED", null)));
    }

    @Test
    void theSpecCellDropsTheRegistryPath() {
        assertEquals("agent-server:7c91cbe-python", SandboxText.spec("ghcr.io/openhands/agent-server:7c91cbe-python"));
        assertEquals("-", SandboxText.spec(null));
    }

    @Test
    void theConversationsCellSaysHowManyThenTheFirst() {
        assertEquals("-", SandboxText.usedBy(List.of()));
        assertEquals("2 · Fix the bug", SandboxText.usedBy(List.of("Fix the bug", "Add tests")));
    }
}

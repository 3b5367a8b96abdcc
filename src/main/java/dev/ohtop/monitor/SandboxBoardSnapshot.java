package dev.ohtop.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sandboxes list at one moment, replaced whole on every change.
 *
 * @param rows      the newest sandboxes first, as the server lists them
 * @param freshness the last good refresh and the current problem (rows are kept, marked stale)
 * @param hasMore   the account has more sandboxes than one page; only the newest page is shown
 */
public record SandboxBoardSnapshot(List<SandboxRow> rows, Freshness freshness, boolean hasMore) {
    public static final SandboxBoardSnapshot EMPTY = new SandboxBoardSnapshot(List.of(), Freshness.NEVER, false);

    /** The order statuses are counted in: the ones that cost or need attention first. */
    private static final List<String> STATUS_ORDER = List.of("RUNNING", "STARTING", "PAUSED", "ERROR", "MISSING");

    public SandboxBoardSnapshot {
        rows = List.copyOf(rows);
    }

    /** The time of the last good refresh; null before the first. */
    public Instant refreshedAt() {
        return freshness.lastGood();
    }

    /** What went wrong with the last refresh, one line; null when it worked. */
    public String problem() {
        return freshness.problem();
    }

    public Duration age(Instant now) {
        return freshness.age(now);
    }

    /** The row of a sandbox, or null. */
    public SandboxRow row(String sandboxId) {
        for (SandboxRow row : rows) {
            if (row.id().equals(sandboxId)) {
                return row;
            }
        }
        return null;
    }

    /** How many rows have each status: RUNNING, STARTING, PAUSED, ERROR, MISSING, then any others by name. */
    public Map<String, Integer> countsByStatus() {
        Map<String, Integer> known = new LinkedHashMap<>();
        Map<String, Integer> others = new TreeMap<>();
        for (SandboxRow row : rows) {
            String status = row.status() == null ? "UNKNOWN" : row.status();
            (STATUS_ORDER.contains(status) ? known : others).merge(status, 1, Integer::sum);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        STATUS_ORDER.stream().filter(known::containsKey).forEach(s -> counts.put(s, known.get(s)));
        counts.putAll(others);
        return counts;
    }
}

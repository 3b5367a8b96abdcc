package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Page;
import dev.ohtop.api.SandboxInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The account's sandboxes, newest first, kept fresh by a {@link Poller}.
 *
 * <p>Each {@link #refresh()} is one request: the newest page of {@code /sandboxes/search}. An
 * account may hold hundreds of old sandboxes; they are not paged through on every refresh, the
 * snapshot only says that more exist ({@link SandboxBoardSnapshot#hasMore()}).
 *
 * <p>A pause or resume takes effect on the server some time after it is accepted. Until a refresh
 * shows the sandbox's status change, its row carries the request as {@link SandboxRow.Pending}
 * ({@link #markPending}), so the user sees that something is under way.
 *
 * <p>{@link #refresh()} blocks on the network and must not run on the UI thread; two refreshes
 * never run at once. {@link #snapshot()}, {@link #markPending} and {@link #clearPending} never
 * wait for the network and are safe from any thread.
 */
public final class SandboxBoard {
    /** A pending pause or resume whose status never changes is forgotten after this long. */
    static final Duration PENDING_FOR = Duration.ofMinutes(2);

    /** A request the status does not show yet, and the status the sandbox had when it was made. */
    private record Mark(SandboxRow.Pending what, String fromStatus, Instant at) {}

    private final CloudClient cloud;
    private final Clock clock;
    private final int pageSize;
    /** Held for a whole refresh, network included, so that refreshes never overlap. */
    private final Object refreshing = new Object();
    /** Held only to change the state below, never over the network. */
    private final Object lock = new Object();

    private volatile SandboxBoardSnapshot snapshot = SandboxBoardSnapshot.EMPTY;

    // Guarded by lock.
    /** The rows as the server last listed them, without the pending marks, by id in its order. */
    private Map<String, SandboxRow> listed = new LinkedHashMap<>();

    private final Map<String, Mark> pending = new HashMap<>();
    private boolean everRefreshed;
    private boolean hasMore;
    private Freshness freshness = Freshness.NEVER;

    public SandboxBoard(CloudClient cloud, Clock clock) {
        this(cloud, clock, CloudClient.MAX_LIMIT);
    }

    /** @param pageSize sandboxes read per refresh (1..100) */
    public SandboxBoard(CloudClient cloud, Clock clock, int pageSize) {
        if (pageSize < 1 || pageSize > CloudClient.MAX_LIMIT) {
            throw new IllegalArgumentException("page size must be 1.." + CloudClient.MAX_LIMIT + ": " + pageSize);
        }
        this.cloud = Objects.requireNonNull(cloud);
        this.clock = Objects.requireNonNull(clock);
        this.pageSize = pageSize;
    }

    public SandboxBoardSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Reads the newest page of sandboxes. On failure the rows stay as they were, marked stale
     * with the problem, and the exception is rethrown so that the {@link Poller} backs off.
     */
    public void refresh() throws ApiException {
        synchronized (refreshing) {
            Page<SandboxInfo> page;
            try {
                page = cloud.searchSandboxes(null, pageSize);
            } catch (ApiException e) {
                synchronized (lock) {
                    freshness = freshness.failed(e.getMessage());
                    publish();
                }
                throw e;
            }
            synchronized (lock) {
                apply(page);
                freshness = freshness.succeeded(clock.instant());
                publish();
            }
        }
    }

    /**
     * Shows {@code what} on the sandbox's row until a refresh finds its status changed (or
     * {@link #PENDING_FOR} passes). Call it before sending the request, so that a refresh
     * finishing in between cannot miss the change. False when the sandbox is not listed.
     */
    public boolean markPending(String sandboxId, SandboxRow.Pending what) {
        synchronized (lock) {
            SandboxRow row = listed.get(sandboxId);
            if (row == null) {
                return false;
            }
            pending.put(sandboxId, new Mark(Objects.requireNonNull(what), row.status(), clock.instant()));
            publish();
            return true;
        }
    }

    /** The request failed: the row no longer shows it as under way. */
    public void clearPending(String sandboxId) {
        synchronized (lock) {
            if (pending.remove(sandboxId) != null) {
                publish();
            }
        }
    }

    private void apply(Page<SandboxInfo> page) {
        Map<String, SandboxRow> now = new LinkedHashMap<>();
        for (SandboxInfo s : page.items()) {
            if (s != null && s.id() != null) {
                SandboxRow fresh = SandboxRow.of(s, false);
                now.put(s.id(), SandboxRow.of(s, everRefreshed && !fresh.sameAs(listed.get(s.id()))));
            }
        }
        listed = now;
        hasMore = page.hasNext();
        everRefreshed = true;
        Instant expired = clock.instant().minus(PENDING_FOR);
        pending.entrySet().removeIf(e -> {
            SandboxRow row = listed.get(e.getKey());
            Mark mark = e.getValue();
            return row == null
                    || !Objects.equals(row.status(), mark.fromStatus())
                    || mark.at().isBefore(expired);
        });
    }

    private void publish() {
        List<SandboxRow> rows = new ArrayList<>(listed.size());
        for (SandboxRow row : listed.values()) {
            Mark mark = pending.get(row.id());
            rows.add(row.withPending(mark == null ? null : mark.what()));
        }
        snapshot = new SandboxBoardSnapshot(rows, freshness, hasMore);
    }
}

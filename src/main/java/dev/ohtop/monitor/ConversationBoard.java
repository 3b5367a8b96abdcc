package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Page;
import dev.ohtop.api.SandboxInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The conversation list's state, kept fresh without ever paging through the whole account. It
 * reads a {@link ConversationSource}: the app server's searches (below), or one agent server's,
 * which has no sandboxes (steps 2 and 4 then ask nothing).
 *
 * <p>Search has no status filter and always returns newest-created first, and an account can
 * hold thousands of conversations. So each {@link #refresh()} asks only for what can change:
 * <ol>
 *   <li>the newest page of conversations;</li>
 *   <li>the first page of sandboxes, to see which are RUNNING or STARTING;</li>
 *   <li>one batch get ({@code ?ids=}, at most {@link CloudClient#MAX_BATCH}) of held conversations off
 *       that page: those on screen ({@link #watching}) first, then those active (sandbox RUNNING or
 *       STARTING, or in a sandbox that now is), the longest unrefreshed first, so when more qualify
 *       than one batch holds the rest wait a refresh or two, none for ever;</li>
 *   <li>only for a running sandbox none of whose conversations is held, and only when it has just
 *       been seen running, a search with {@code sandbox_id__eq};</li>
 *   <li>the account total ({@code /count}): when a conversation appeared or went, else at most
 *       once a minute and only while the refresh has made fewer than 3 requests.</li>
 * </ol>
 * When nothing changed that is at most 3 requests, however many conversations are loaded: rows
 * loaded long ago and neither active nor on screen stay as loaded until they come on screen.
 * Older conversations load only when the user scrolls to them ({@link #loadMore()}), by creation
 * time ({@code created_at__lt} of the oldest loaded), which new conversations cannot shift; a
 * filter's text asks the server for matching titles a page at a time ({@link #searchTitles}).
 *
 * <p>{@link #refresh()}, {@link #loadMore()} and {@link #searchTitles} block on the network and must not run on the UI
 * thread; they never run at the same time (one lock). {@link #snapshot()} is cheap from any thread.
 */
public final class ConversationBoard {

    /**
     * @param pageSize        conversations per search page (1..100)
     * @param sandboxPageSize sandboxes read per refresh (1..100); sandboxes beyond it are not watched
     * @param countEvery      how often the account total is asked for
     * @param warnAt          this many running at once raises the warning
     */
    public record Settings(int pageSize, int sandboxPageSize, Duration countEvery, int warnAt) {
        public static Settings defaults() {
            return new Settings(CloudClient.MAX_LIMIT, CloudClient.MAX_LIMIT, Duration.ofMinutes(1), 5);
        }

        public Settings {
            if (pageSize < 1
                    || pageSize > CloudClient.MAX_LIMIT
                    || sandboxPageSize < 1
                    || sandboxPageSize > CloudClient.MAX_LIMIT) {
                throw new IllegalArgumentException("page sizes must be 1.." + CloudClient.MAX_LIMIT);
            }
            Objects.requireNonNull(countEvery);
        }

        public Settings withPageSize(int size) {
            return new Settings(size, sandboxPageSize, countEvery, warnAt);
        }
    }

    /** A refresh that changes nothing costs at most this many requests. */
    static final int QUIET_REFRESH_REQUESTS = 3;

    private static final Set<String> LIVE_SANDBOX = Set.of("RUNNING", "STARTING");

    private final ConversationSource source;
    private final Clock clock;
    private final Settings settings;
    private final Object lock = new Object();
    private volatile BoardSnapshot snapshot = BoardSnapshot.EMPTY;

    // Guarded by lock.
    private final Map<String, AppConversation> known = new LinkedHashMap<>();
    private final Set<String> changed = new HashSet<>();
    /** The status each sandbox had when last seen, to notice one that has just started running. */
    private final Map<String, String> sandboxSeen = new HashMap<>();

    private boolean everRefreshed;
    /** Creation time of the oldest conversation of the contiguous range loaded from the newest; null: none yet. */
    private Instant loadedBack;

    private boolean hasMore;
    private Integer total;
    private Instant totalAt;
    private Freshness freshness = Freshness.NEVER;
    /** The current problem is a failed {@link #loadMore()} or search, which the next good one clears. */
    private boolean problemFromLoadMore;
    /** The number of the refresh that last fetched each held conversation: the longest waiting go first. */
    private final Map<String, Long> fetchedIn = new HashMap<>();

    private long refreshes;
    /** The title text the server was last asked about, where its results go on, and whether they do. */
    private BoardSnapshot.Search search = BoardSnapshot.Search.NONE;

    private String searchNextPage;

    /** The conversations on screen, as the list last said; read by the next refresh. */
    private volatile Set<String> watched = Set.of();

    public ConversationBoard(ConversationSource source, Clock clock, Settings settings) {
        this.source = Objects.requireNonNull(source);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
    }

    public ConversationBoard(ConversationSource source, Clock clock) {
        this(source, clock, Settings.defaults());
    }

    /** The app server's conversations. */
    public ConversationBoard(CloudClient cloud, Clock clock, Settings settings) {
        this(ConversationSource.cloud(cloud), clock, settings);
    }

    public ConversationBoard(CloudClient cloud, Clock clock) {
        this(ConversationSource.cloud(cloud), clock, Settings.defaults());
    }

    /** Where the list comes from, for the header. */
    public java.net.URI server() {
        return source.server();
    }

    public BoardSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Brings the list up to date (see the class comment for what it asks). On failure the rows
     * stay as they were, marked stale with the problem, and the exception is rethrown so that
     * the {@link Poller} backs off.
     */
    public void refresh() throws ApiException {
        synchronized (lock) {
            try {
                refreshLocked();
                freshness = freshness.succeeded(clock.instant());
            } catch (ApiException e) {
                freshness = freshness.failed(e.getMessage());
                throw e;
            } finally {
                problemFromLoadMore = false;
                publish();
            }
        }
    }

    /**
     * The conversations now on screen: the list tells the board whenever they change, and each
     * refresh brings them up to date first. Only recorded here; no request is made.
     */
    public void watching(Set<String> ids) {
        watched = Set.copyOf(ids);
    }

    /**
     * Loads the next older page (one request); does nothing when there is none. Its failure is
     * shown as the problem until a refresh or another load succeeds, and is rethrown.
     */
    public void loadMore() throws ApiException {
        synchronized (lock) {
            if (!hasMore || loadedBack == null) {
                return;
            }
            extraPage(() -> {
                // One microsecond later than the oldest loaded, so a conversation created in the same
                // microsecond on the far side of a page boundary is not skipped; the repeat is merged.
                Page<AppConversation> page = source.createdBefore(loadedBack.plusNanos(1_000), settings.pageSize());
                putAll(known, page.items());
                Instant oldest = oldestCreated(page.items());
                loadedBack = oldest == null || oldest.isAfter(loadedBack) ? loadedBack : oldest;
                hasMore = page.hasNext();
            });
        }
    }

    /**
     * The next page of conversations whose title contains {@code text} as the server matches it
     * ({@code title__contains}; Cloud's match is case-sensitive), the first page when the text is
     * new: one request, or none when every match is loaded. They join the held rows, where the
     * list's own filter picks what to show. A failure is shown and rethrown as for {@link #loadMore()}.
     */
    public void searchTitles(String text) throws ApiException {
        String wanted = text == null ? "" : text.strip();
        synchronized (lock) {
            boolean fresh = !wanted.equals(search.text());
            if (wanted.isEmpty() || (!fresh && !search.hasMore())) {
                return;
            }
            extraPage(() -> {
                Page<AppConversation> page = source.titled(wanted, fresh ? null : searchNextPage, settings.pageSize());
                putAll(known, page.items());
                search = new BoardSnapshot.Search(wanted, page.hasNext());
                searchNextPage = page.nextPageId();
            });
        }
    }

    private interface PageLoad {
        void run() throws ApiException;
    }

    /** A page beyond the refresh's: its failure stays the problem until the next good one. */
    private void extraPage(PageLoad load) throws ApiException {
        try {
            load.run();
            if (problemFromLoadMore) {
                freshness = new Freshness(freshness.lastGood(), null);
                problemFromLoadMore = false;
            }
        } catch (ApiException e) {
            if (freshness.problem() == null || problemFromLoadMore) {
                freshness = freshness.failed(e.getMessage());
                problemFromLoadMore = true;
            }
            throw e;
        } finally {
            publish();
        }
    }

    /** What one refresh has fetched so far; applied only when every request has worked. */
    private static final class Fetched {
        final Map<String, AppConversation> conversations = new LinkedHashMap<>();
        final Set<String> deleted = new HashSet<>();
        final Map<String, String> sandboxStatus = new HashMap<>();
        final Set<String> liveSandboxes = new LinkedHashSet<>();
        int requests;

        void putAll(List<AppConversation> items) {
            ConversationBoard.putAll(conversations, items);
        }
    }

    private void refreshLocked() throws ApiException {
        Fetched fetched = new Fetched();
        Page<AppConversation> newest = source.newest(settings.pageSize());
        fetched.requests++;
        fetched.putAll(newest.items());
        readSandboxes(fetched);
        refreshHeld(fetched);
        probeNewlyLiveSandboxes(fetched);
        boolean arrivalsOrDepartures = everRefreshed
                && (!fetched.deleted.isEmpty()
                        || fetched.conversations.keySet().stream().anyMatch(id -> !known.containsKey(id)));
        if (total == null
                || arrivalsOrDepartures
                || (fetched.requests < QUIET_REFRESH_REQUESTS
                        && !clock.instant().isBefore(totalAt.plus(settings.countEvery())))) {
            total = source.count();
            totalAt = clock.instant();
        }

        boolean overlapsHeld = newest.items().stream().anyMatch(c -> c != null && known.containsKey(c.id()));
        // Only now that every request worked: a sandbox noted as seen is not probed again.
        sandboxSeen.putAll(fetched.sandboxStatus);
        apply(fetched);
        updateLoadedRange(newest, overlapsHeld);
        everRefreshed = true;
    }

    /** The first page of sandboxes: which are RUNNING or STARTING now. */
    private void readSandboxes(Fetched fetched) throws ApiException {
        Page<SandboxInfo> sandboxes = source.sandboxes(settings.sandboxPageSize());
        fetched.requests++;
        for (SandboxInfo s : sandboxes.items()) {
            if (s != null && s.id() != null) {
                fetched.sandboxStatus.put(s.id(), s.status());
                if (LIVE_SANDBOX.contains(s.status())) {
                    fetched.liveSandboxes.add(s.id());
                }
            }
        }
    }

    /**
     * One batch get of held conversations off the newest page: those on screen, then the active
     * ones (or in a live sandbox), each group longest unrefreshed first, as many as one batch holds.
     */
    private void refreshHeld(Fetched fetched) throws ApiException {
        Set<String> onScreen = watched;
        List<String> ids = new ArrayList<>();
        List<String> active = new ArrayList<>();
        for (AppConversation c : known.values()) {
            if (fetched.conversations.containsKey(c.id())) {
                continue;
            }
            if (onScreen.contains(c.id())) {
                ids.add(c.id());
            } else if (isActive(c) || fetched.liveSandboxes.contains(c.sandboxId())) {
                active.add(c.id());
            }
        }
        Comparator<String> longestWaiting = Comparator.comparingLong(id -> fetchedIn.getOrDefault(id, -1L));
        ids.sort(longestWaiting);
        active.sort(longestWaiting);
        ids.addAll(active);
        if (ids.isEmpty()) {
            return;
        }
        ids = ids.subList(0, Math.min(ids.size(), CloudClient.MAX_BATCH));
        List<AppConversation> got = source.get(ids);
        fetched.requests++;
        for (int i = 0; i < ids.size(); i++) {
            AppConversation c = i < got.size() ? got.get(i) : null;
            if (c == null) {
                fetched.deleted.add(ids.get(i)); // unknown now: deleted, or no longer ours
            } else {
                fetched.conversations.put(c.id(), c);
            }
        }
    }

    /** A sandbox that has just been seen live, none of whose conversations is held: search by its id. */
    private void probeNewlyLiveSandboxes(Fetched fetched) throws ApiException {
        Set<String> heldSandboxes = new HashSet<>();
        known.values().forEach(c -> heldSandboxes.add(c.sandboxId()));
        fetched.conversations.values().forEach(c -> heldSandboxes.add(c.sandboxId()));
        for (String id : fetched.liveSandboxes) {
            boolean justLive = !Objects.equals(sandboxSeen.get(id), fetched.sandboxStatus.get(id));
            if (justLive && !heldSandboxes.contains(id)) {
                fetched.putAll(source.inSandbox(id, settings.pageSize()).items());
                fetched.requests++;
            }
        }
    }

    /** Everything fetched succeeded: merge it in and note what changed since the last refresh. */
    private void apply(Fetched fetched) {
        changed.clear();
        refreshes++;
        for (AppConversation c : fetched.conversations.values()) {
            fetchedIn.put(c.id(), refreshes);
            AppConversation before = known.put(c.id(), c);
            if (everRefreshed && !c.equals(before)) {
                changed.add(c.id());
            }
        }
        fetched.deleted.forEach(id -> {
            known.remove(id);
            fetchedIn.remove(id);
        });
    }

    /**
     * The newest page joins the loaded range. If none of it was held before and there are older
     * pages, more conversations were created since the last refresh than a page holds: the
     * range restarts at this page and {@link #loadMore()} fills the gap (duplicates merge).
     */
    private void updateLoadedRange(Page<AppConversation> newest, boolean overlapsHeld) {
        Instant oldest = oldestCreated(newest.items());
        if (oldest == null) {
            if (loadedBack == null) {
                hasMore = newest.hasNext();
            }
            return;
        }
        if (loadedBack == null || (!overlapsHeld && newest.hasNext()) || oldest.isBefore(loadedBack)) {
            loadedBack = oldest;
            hasMore = newest.hasNext();
        }
    }

    private static boolean isActive(AppConversation c) {
        return LIVE_SANDBOX.contains(c.sandboxStatus());
    }

    private static void putAll(Map<String, AppConversation> into, List<AppConversation> items) {
        for (AppConversation c : items) {
            if (c != null && c.id() != null) {
                into.put(c.id(), c);
            }
        }
    }

    private static Instant oldestCreated(List<AppConversation> items) {
        Instant oldest = null;
        for (AppConversation c : items) {
            if (c != null
                    && c.createdAt() != null
                    && (oldest == null || c.createdAt().isBefore(oldest))) {
                oldest = c.createdAt();
            }
        }
        return oldest;
    }

    private void publish() {
        List<ConversationRow> rows = new ArrayList<>(known.size());
        int running = 0;
        for (AppConversation c : known.values()) {
            ConversationRow row = ConversationRow.of(c, changed.contains(c.id()));
            rows.add(row);
            if (row.running()) {
                running++;
            }
        }
        rows.sort(ConversationRow.ORDER);
        snapshot = new BoardSnapshot(rows, freshness, running, total, hasMore, running >= settings.warnAt(), search);
    }
}

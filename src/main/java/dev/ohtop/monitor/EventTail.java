package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.Page;
import dev.ohtop.api.Timestamps;
import dev.ohtop.api.events.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open conversation's events, fetched a little at a time and held in a bounded buffer:
 * the cursor, de-duplication by id, the buffer, pairing and counts all live here.
 *
 * <p><b>Start.</b> The first poll asks for the newest page, newest first, so a long conversation
 * shows its latest events at once. Older pages follow in later polls, a few per poll (the
 * rate budget is shared with the list), by the {@code next_page_id} of that same newest-first
 * query, until the conversation's start or the buffer's capacity is reached: a conversation of
 * 100,000 events costs the pages that fit, not a thousand. Page ids are offsets, so events that
 * arrive meanwhile shift the older pages later: they come again (de-duplication drops them)
 * but nothing is skipped.
 *
 * <p><b>Cursor.</b> The services page events by an opaque {@code next_page_id} (an offset into
 * the query's results) and filter only by {@code timestamp__gte}; there is no "after this
 * event". So a poll for new events
 * <ul>
 *   <li>follows {@code next_page_id} until the last page, so nothing is skipped when more than a
 *       page arrived between polls; the page id is kept with the {@code timestamp__gte} it
 *       belongs to, and a poll that stopped early (a failure, or {@code maxPagesPerPoll} while
 *       catching up) resumes from it without asking for anything again;</li>
 *   <li>after the last page, starts the next poll from {@code timestamp__gte} = the newest held
 *       event's timestamp string, passed back untouched. That asks again only for the events
 *       sharing that exact timestamp (usually one), which de-duplication by id drops. An idle
 *       tail therefore costs one request per poll, answered with about one event. (Building a
 *       page id ourselves would be cheaper but page ids are opaque.)</li>
 * </ul>
 * The server total ({@code /events/count}) is asked only after a poll that brought new events,
 * or every {@code countEvery}.
 *
 * <p><b>Buffer.</b> At most {@code capacity} events, and at most {@code byteBudget} bytes of them,
 * are held: older pages stop there, and as new events come the oldest go and the snapshot says how
 * many went. An event over {@value #CUT_EVENT_BYTES} bytes is held as a marked excerpt (long text
 * cut short), so a server that sends huge events costs memory by the budget, not by what it sends.
 * Per-event data the screen needs (one-line summary, error flag) is worked out once on arrival.
 *
 * <p>{@link #poll()} blocks on the network and is meant for a {@link Poller}, never concurrently
 * with itself (a lock makes sure); {@link #snapshot()} is cheap from any thread.
 */
public final class EventTail {
    /** An event larger than this (its JSON, in bytes) is held as an excerpt of this size at most. */
    public static final int CUT_EVENT_BYTES = 256 * 1024;

    /**
     * @param capacity          events held at most; older ones are not fetched, or dropped
     * @param pageSize          events per request (1..100)
     * @param maxPagesPerPoll   pages of new events one poll may fetch (a burst after a pause)
     * @param olderPagesPerPoll pages of older events one poll may fetch: history fills in over a
     *                          few polls instead of spending the request budget in one burst
     * @param countEvery        how often the server total is refreshed when no new events arrive
     * @param byteBudget        bytes of events held at most (their JSON and summaries); the oldest go past it
     */
    public record Settings(
            int capacity,
            int pageSize,
            int maxPagesPerPoll,
            int olderPagesPerPoll,
            Duration countEvery,
            long byteBudget) {
        public static Settings defaults() {
            return new Settings(10_000, 100, 10, 3, Duration.ofSeconds(30), 128L * 1024 * 1024);
        }

        public Settings {
            if (capacity < 1
                    || pageSize < 1
                    || pageSize > 100
                    || maxPagesPerPoll < 1
                    || olderPagesPerPoll < 1
                    || byteBudget < 1) {
                throw new IllegalArgumentException("bad tail settings");
            }
            Objects.requireNonNull(countEvery);
        }

        public Settings withCapacity(int n) {
            return new Settings(n, pageSize, maxPagesPerPoll, olderPagesPerPoll, countEvery, byteBudget);
        }

        public Settings withPageSize(int n) {
            return new Settings(capacity, n, maxPagesPerPoll, olderPagesPerPoll, countEvery, byteBudget);
        }

        public Settings withMaxPagesPerPoll(int n) {
            return new Settings(capacity, pageSize, n, olderPagesPerPoll, countEvery, byteBudget);
        }

        public Settings withByteBudget(long bytes) {
            return new Settings(capacity, pageSize, maxPagesPerPoll, olderPagesPerPoll, countEvery, bytes);
        }

        public Settings withOlderPagesPerPoll(int n) {
            return new Settings(capacity, pageSize, maxPagesPerPoll, n, countEvery, byteBudget);
        }
    }

    private final String conversationId;
    private final EventFeed feed;
    private final Clock clock;
    private final Settings settings;
    private final Object lock = new Object();
    private volatile TailSnapshot snapshot;

    // Written under lock by poll only.
    private final ChunkedLog<TailEvent> log = new ChunkedLog<>();
    private final Map<String, Long> seqById = new ConcurrentHashMap<>();
    private final Pairing pairing = new Pairing();
    private final TreeSet<String> kinds = new TreeSet<>();
    private final TreeSet<String> sources = new TreeSet<>();
    private final Map<String, String> interned = new HashMap<>();
    private List<String> kindsList = List.of();
    private List<String> sourcesList = List.of();
    private long dropped;
    /** What the events held cost, as {@link #cost} counts it; at most the budget (and one event). */
    private long heldBytes;
    /** The {@code timestamp__gte} of the current query, and where in its results the next page starts. */
    private String since;

    private String pageId;
    /** The timestamp string of the newest event fetched whose timestamp is a date (read by the live socket). */
    private volatile String lastTimestamp;
    /** Whether the last poll fetched every new event (older ones may still be coming: {@link #olderPageId}). */
    private boolean caughtUp;
    /** Whether the newest page has been fetched (the first poll's work). */
    private boolean started;
    /** Where the newest-first query goes on to older events; null once there are none to fetch. */
    private String olderPageId;
    /** Older events exist that the buffer had no room for. */
    private boolean olderNotHeld;

    /** The server's total when last asked. */
    private Integer serverCount;
    /** Events pushed live and added since then. */
    private int addedLive;

    private Instant countedAt;
    private Freshness freshness = Freshness.NEVER;

    public EventTail(String conversationId, EventFeed feed, Clock clock, Settings settings) {
        this.conversationId = Objects.requireNonNull(conversationId);
        this.feed = Objects.requireNonNull(feed);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
        synchronized (lock) {
            publish();
        }
    }

    public EventTail(String conversationId, EventFeed feed, Clock clock) {
        this(conversationId, feed, clock, Settings.defaults());
    }

    public String conversationId() {
        return conversationId;
    }

    public TailSnapshot snapshot() {
        return snapshot;
    }

    /**
     * The id of the event paired with {@code eventId}: an action's first answer, or an answer's
     * action; empty when there is none (yet) among the events held.
     */
    public Optional<String> pairOf(String eventId) {
        return Optional.ofNullable(eventId == null ? null : pairing.partners().get(eventId))
                .filter(seqById::containsKey);
    }

    /**
     * Fetches what arrived since the last poll, then a few pages of older events while the history
     * is filling in (see the class comment). Events fetched before a failure are kept and the
     * cursor stays after them; the failure is recorded (the events stay, marked stale) and rethrown
     * so that the poller backs off.
     */
    public void poll() throws ApiException {
        synchronized (lock) {
            try {
                int added; // new events: older ones filling in do not change the server's total
                if (!started) {
                    added = fetchNewest();
                } else {
                    added = fetchPages();
                    if (caughtUp) {
                        fetchOlder();
                    }
                }
                if (added > 0
                        || countedAt == null
                        || !clock.instant().isBefore(countedAt.plus(settings.countEvery()))) {
                    serverCount = feed.count();
                    addedLive = 0;
                    countedAt = clock.instant();
                }
                freshness = freshness.succeeded(clock.instant());
            } catch (ApiException e) {
                freshness = freshness.failed(e.getMessage());
                throw e;
            } finally {
                publish();
            }
        }
    }

    /**
     * Events pushed live (the agent server's socket), held like polled ones: by id, so an event
     * that comes again (a resend after a reconnect, or a poll) is not shown twice. The total
     * grows by those added, without asking the server. Every event up to the newest pushed is
     * held (the socket resends from the newest held, in order), so a poll that follows starts
     * after them instead of paging through them again. Returns how many were new.
     */
    public int push(List<Event> events) {
        synchronized (lock) {
            int added = ingest(events);
            if (started && lastTimestamp != null) {
                since = lastTimestamp;
                pageId = null;
                caughtUp = true;
            }
            addedLive += added;
            freshness = freshness.succeeded(clock.instant());
            publish();
            return added;
        }
    }

    /**
     * What a poll still has to do while events come live: a few pages of older history while it
     * fills in, and nothing at all (no request) once it has.
     */
    public void pollOlder() throws ApiException {
        synchronized (lock) {
            if (!started || !caughtUp || olderPageId == null) {
                return;
            }
            try {
                fetchOlder();
                freshness = freshness.succeeded(clock.instant());
            } catch (ApiException e) {
                freshness = freshness.failed(e.getMessage());
                throw e;
            } finally {
                publish();
            }
        }
    }

    /** Asks the server's total again (after a live connection came back: what was counted live may have drifted). */
    public void recount() throws ApiException {
        synchronized (lock) {
            serverCount = feed.count();
            addedLive = 0;
            countedAt = clock.instant();
            publish();
        }
    }

    /**
     * The next poll and the next socket start no later than {@code timestamp}: a socket cut while
     * it was resending may have pushed newer live events before older ones it never got to.
     */
    public void rewindTo(String timestamp) {
        Instant to = timestamp == null ? null : Timestamps.parse(timestamp);
        if (to == null) {
            return;
        }
        synchronized (lock) {
            Instant newest = lastTimestamp == null ? null : Timestamps.parse(lastTimestamp);
            if (newest == null || to.isBefore(newest)) {
                lastTimestamp = timestamp;
                if (started && pageId == null) {
                    since = timestamp;
                }
            }
        }
    }

    /** The timestamp of the newest event held, as the server wrote it; null before any. Never waits. */
    public String newestTimestamp() {
        return lastTimestamp;
    }

    private int fetchPages() throws ApiException {
        int added = 0;
        for (int pages = 0; pages < settings.maxPagesPerPoll(); pages++) {
            Page<Event> page = feed.search(since, pageId, settings.pageSize());
            added += ingest(page.items());
            if (page.hasNext() && !page.nextPageId().equals(pageId)) {
                pageId = page.nextPageId();
                caughtUp = false;
            } else {
                if (lastTimestamp != null) {
                    since = lastTimestamp; // see the class comment: the events at it come again, and are dropped
                }
                pageId = null;
                caughtUp = true;
                return added;
            }
        }
        return added;
    }

    /** The first poll: the newest page, so the latest events show at once; older ones follow. */
    private int fetchNewest() throws ApiException {
        Page<Event> newest = feed.searchNewestFirst(null, settings.pageSize());
        started = true;
        olderPageId = newest.hasNext() ? newest.nextPageId() : null;
        pairing.expectingOlder(olderPageId != null);
        List<Event> oldestFirst = new ArrayList<>(newest.items());
        Collections.reverse(oldestFirst);
        int added = ingest(oldestFirst);
        if (lastTimestamp != null) {
            since = lastTimestamp;
        }
        caughtUp = true;
        return added;
    }

    /** A few pages of older events, put before those held, until the start or the capacity. */
    private void fetchOlder() throws ApiException {
        for (int pages = 0; olderPageId != null && pages < settings.olderPagesPerPoll(); pages++) {
            if (full()) {
                noMoreOlder(true);
                break;
            }
            Page<Event> page = feed.searchNewestFirst(olderPageId, settings.pageSize());
            prepend(page.items());
            if (olderPageId == null) {
                break; // the buffer filled up
            }
            if (page.hasNext() && !page.nextPageId().equals(olderPageId)) {
                olderPageId = page.nextPageId();
            } else {
                noMoreOlder(false);
            }
        }
    }

    private void noMoreOlder(boolean forWantOfRoom) {
        olderPageId = null;
        olderNotHeld = forWantOfRoom;
        pairing.expectingOlder(false);
    }

    /** Puts a newest-first page's events not held yet before the oldest held, while there is room. */
    private void prepend(List<Event> newestFirst) {
        for (Event event : newestFirst) {
            if (full() && !seqById.containsKey(idOf(event))) {
                noMoreOlder(true);
                return;
            }
            hold(event, true);
        }
    }

    /** Holds an event not held yet, after the newest or before the oldest; false when it was held already. */
    private boolean hold(Event event, boolean beforeOldest) {
        String id = idOf(event);
        if (seqById.containsKey(id)) {
            return false;
        }
        TailEvent held = held(event, id);
        long seq = beforeOldest ? log.addFirst(held) : log.add(held);
        heldBytes += cost(held);
        seqById.put(id, seq);
        pairing.add(event, id, seq);
        return true;
    }

    private static String idOf(Event event) {
        return event.id() != null ? event.id() : contentId(event);
    }

    /** What the screen needs of an event, worked out once; notes its kind and source for the checklists. */
    private TailEvent held(Event event, String id) {
        String kind = intern(event.kind() == null ? "(no kind)" : event.kind());
        String source = intern(event.source() == null ? "" : event.source());
        if (kinds.add(kind)) {
            kindsList = List.copyOf(kinds);
        }
        if (!source.isEmpty() && sources.add(source)) {
            sourcesList = List.copyOf(sources);
        }
        return new TailEvent(
                id,
                event.timestamp(),
                source,
                kind,
                TailEvent.oneLine(event.summary()),
                event.isError(),
                event.info().raw().cutTo(CUT_EVENT_BYTES));
    }

    /** No room for one more older event: the count or the byte budget is reached. */
    private boolean full() {
        return log.size() >= settings.capacity() || heldBytes >= settings.byteBudget();
    }

    /** Roughly what holding an event costs: its JSON, its summary (two bytes a char), and the rest. */
    private static long cost(TailEvent held) {
        return held.raw().size() + 2L * held.summary().length() + 200;
    }

    /** Adds the events not held yet after those held; returns how many. */
    private int ingest(List<Event> events) {
        int added = 0;
        for (Event event : events) {
            if (hold(event, false)) {
                added++;
            }
        }
        String newest = newestReadableTimestamp(events);
        if (newest != null) {
            lastTimestamp = newest;
        }
        while (log.size() > settings.capacity() || (heldBytes > settings.byteBudget() && log.size() > 1)) {
            TailEvent oldest = log.oldest();
            log.dropOldest();
            heldBytes -= cost(oldest);
            seqById.remove(oldest.id());
            pairing.forget(oldest.id());
            dropped++;
        }
        return added;
    }

    /**
     * The timestamp of the last event of a page that is a date: it becomes the next poll's
     * {@code timestamp__gte}, which the service refuses (422) for anything else, so one event with
     * a number or a word for a time would stop the tail for good. Parsed from the end, so a page
     * costs one parse.
     */
    private static String newestReadableTimestamp(List<Event> page) {
        for (int i = page.size() - 1; i >= 0; i--) {
            String timestamp = page.get(i).timestamp();
            if (timestamp != null && Timestamps.parse(timestamp) != null) {
                return timestamp;
            }
        }
        return null;
    }

    /** An event without an id (never seen, but possible) is known by its content instead. */
    private static String contentId(Event event) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(event.info().raw().text().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String intern(String text) {
        return interned.computeIfAbsent(text, t -> t);
    }

    /**
     * The server's total as best known: with the whole history held, what is held (and dropped)
     * once that passes the last count; else the last count and what came live since. A count
     * taken while a socket was resending already holds the events still to come, and adding them
     * again would count them twice.
     */
    private Integer total() {
        if (serverCount == null) {
            return null;
        }
        boolean wholeHistory = started && olderPageId == null && !olderNotHeld;
        if (wholeHistory) {
            return (int) Math.max(serverCount, Math.min(Integer.MAX_VALUE, log.size() + dropped));
        }
        return serverCount + addedLive;
    }

    private void publish() {
        boolean allFetched = caughtUp && olderPageId == null;
        snapshot = new TailSnapshot(
                this,
                log.freeze(),
                dropped,
                total(),
                pairing.unmatched(),
                pairing.duplicates(),
                kindsList,
                sourcesList,
                freshness,
                allFetched,
                olderNotHeld,
                seqById,
                pairing.partners());
    }

    @Override
    public String toString() {
        return "EventTail[" + conversationId + ", " + log.size() + " held]";
    }
}

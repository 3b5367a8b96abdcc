package dev.ohtop.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A conversation's events as its {@link EventTail} held them at one moment, oldest first.
 * Taking one costs the same whether the tail holds ten events or a hundred thousand: it shares
 * the tail's write-once storage and copies nothing. Safe to read from any thread.
 */
public final class TailSnapshot {
    private final EventTail tail;
    private final ChunkedLog.Frozen<TailEvent> events;
    private final long dropped;
    private final Integer serverCount;
    private final int unmatchedActions;
    private final int duplicateObservations;
    private final List<String> kindsSeen;
    private final List<String> sourcesSeen;
    private final Freshness freshness;
    private final boolean caughtUp;
    private final boolean olderNotHeld;
    private final Map<String, Long> seqById;
    private final Map<String, String> partners;

    TailSnapshot(
            EventTail tail,
            ChunkedLog.Frozen<TailEvent> events,
            long dropped,
            Integer serverCount,
            int unmatchedActions,
            int duplicateObservations,
            List<String> kindsSeen,
            List<String> sourcesSeen,
            Freshness freshness,
            boolean caughtUp,
            boolean olderNotHeld,
            Map<String, Long> seqById,
            Map<String, String> partners) {
        this.tail = tail;
        this.events = events;
        this.dropped = dropped;
        this.serverCount = serverCount;
        this.unmatchedActions = unmatchedActions;
        this.duplicateObservations = duplicateObservations;
        this.kindsSeen = kindsSeen;
        this.sourcesSeen = sourcesSeen;
        this.freshness = freshness;
        this.caughtUp = caughtUp;
        this.olderNotHeld = olderNotHeld;
        this.seqById = seqById;
        this.partners = partners;
    }

    public String conversationId() {
        return tail.conversationId();
    }

    /** Events held (at most the tail's capacity). */
    public int size() {
        return events.size();
    }

    /** The event at {@code index}, 0 being the oldest held. */
    public TailEvent get(int index) {
        return events.get(index);
    }

    /** Events that fell out of the bounded buffer (oldest first) since the tail was opened. */
    public long dropped() {
        return dropped;
    }

    /** The conversation's event total as the server counts it ({@code /events/count}); null until known. */
    public Integer serverCount() {
        return serverCount;
    }

    /** Actions held that have no observation (or error) answering them yet. */
    public int unmatchedActions() {
        return unmatchedActions;
    }

    /** Answers beyond the first to one action (two observations for one action count one). */
    public int duplicateObservations() {
        return duplicateObservations;
    }

    /** Every kind seen since the tail was opened, sorted: the checklist. */
    public List<String> kindsSeen() {
        return kindsSeen;
    }

    public List<String> sourcesSeen() {
        return sourcesSeen;
    }

    public Freshness freshness() {
        return freshness;
    }

    /** When the last poll succeeded; null before the first. */
    public Instant polledAt() {
        return freshness.lastGood();
    }

    public String problem() {
        return freshness.problem();
    }

    public boolean stale() {
        return freshness.stale();
    }

    public Duration age(Instant now) {
        return freshness.age(now);
    }

    /** False while new or older pages are still being fetched (a long history fills in over a few polls). */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Older events exist that were not fetched: the buffer's capacity was reached first. */
    public boolean olderNotHeld() {
        return olderNotHeld;
    }

    /** The index of an event in this snapshot, or -1 when it is not in it. */
    public int indexOf(String eventId) {
        Long seq = eventId == null ? null : seqById.get(eventId);
        if (seq == null || seq < events.first() || seq >= events.end()) {
            return -1;
        }
        return (int) (seq - events.first());
    }

    /**
     * The index of the event paired with the one at {@code index} (an action's first answer, or an
     * answer's action), or -1 when it has none in this snapshot: the jump key.
     */
    public int pairIndexOf(int index) {
        String partner = partners.get(get(index).id());
        return partner == null ? -1 : indexOf(partner);
    }

    /** The rows a filter shows, and its search matches (see {@link TailView#update} to follow new events). */
    public TailView view(TailFilter filter) {
        return TailView.of(this, filter);
    }

    EventTail tail() {
        return tail;
    }

    long firstSeq() {
        return events.first();
    }

    long endSeq() {
        return events.end();
    }

    TailEvent bySeq(long seq) {
        return events.bySeq(seq);
    }
}

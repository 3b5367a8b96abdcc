package dev.ohtop.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which conversations need their user: it watches the list's snapshots and notes each one that
 * changes to finished, error, stuck or waiting for confirmation, or whose sandbox goes to ERROR
 * or MISSING; the UI loop asks for what is due ({@link #take}) and says and rings it.
 *
 * <ul>
 *   <li>The first sight of a conversation only records: what was already so at start-up is no
 *       news, nor is an older page loaded or a search's find later on: it was so before ohtop saw it.</li>
 *   <li>A change is noted once: going into a state. A conversation that leaves it and comes back
 *       (finished, run again, finished) is noted again; one that stays is not. An execution status
 *       the app server does not know (null: the sandbox is paused or starting) leaves the last known
 *       one standing, and the first one known is no news: resuming a finished conversation,
 *       paused at start-up or later, does not ring.</li>
 *   <li>At most one notice in any {@link #QUIET}: what changes meanwhile waits and is told in one
 *       notice that says how many.</li>
 *   <li>What was noted stays "seen since you last looked" ({@link AttentionSnapshot#unseen}) until
 *       the user looks at it ({@link #looked}: the screens call it when its events are opened or the
 *       cursor is moved onto it) or it leaves the state.</li>
 * </ul>
 *
 * {@link #observe} is called by the list's poller; the rest by the UI thread.
 */
public final class Attention {
    /** At most one ring in this long, however many change. */
    public static final Duration QUIET = Duration.ofSeconds(5);

    /** Why a conversation needs its user. */
    public enum Reason {
        FINISHED,
        ERROR,
        STUCK,
        WAITING_FOR_CONFIRMATION,
        SANDBOX_ERROR,
        SANDBOX_MISSING
    }

    /**
     * What to tell now.
     *
     * @param row    the first conversation to tell about (as the list had it)
     * @param reason why it needs the user
     * @param count  how many conversations this notice is for (1 or more)
     */
    public record Notice(ConversationRow row, Reason reason, int count) {}

    /** A conversation as last seen: its reasons, and whether its execution status was ever known. */
    private record Seen(boolean executionKnown, Set<Reason> reasons) {}

    private static final Set<Reason> EXECUTION =
            EnumSet.of(Reason.FINISHED, Reason.ERROR, Reason.STUCK, Reason.WAITING_FOR_CONFIRMATION);

    private final Clock clock;
    /** Each conversation at its last sighting. */
    private final Map<String, Seen> last = new HashMap<>();
    /** Changes not yet told, in the order seen; one per conversation. */
    private final Map<String, Notice> pending = new LinkedHashMap<>();

    private Instant lastTold;
    private volatile AttentionSnapshot snapshot = AttentionSnapshot.NONE;

    public Attention(Clock clock) {
        this.clock = clock;
    }

    /** Why {@code row} needs its user, from its statuses alone (empty when it does not). */
    public static Set<Reason> reasons(ConversationRow row) {
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        String execution = row.executionStatus() == null ? "" : row.executionStatus();
        switch (execution) {
            case "finished" -> reasons.add(Reason.FINISHED);
            case "error" -> reasons.add(Reason.ERROR);
            case "stuck" -> reasons.add(Reason.STUCK);
            case "waiting_for_confirmation" -> reasons.add(Reason.WAITING_FOR_CONFIRMATION);
            default -> {}
        }
        String sandbox = row.sandboxStatus() == null ? "" : row.sandboxStatus();
        if (sandbox.equals("ERROR")) {
            reasons.add(Reason.SANDBOX_ERROR);
        } else if (sandbox.equals("MISSING")) {
            reasons.add(Reason.SANDBOX_MISSING);
        }
        return reasons;
    }

    /** After a refresh of the list: notes what changed since the last one. Snapshots before the first good refresh are ignored. */
    public synchronized void observe(BoardSnapshot board) {
        if (board.refreshedAt() == null) {
            return;
        }
        Map<String, Reason> unseen = new LinkedHashMap<>(snapshot.unseen());
        for (ConversationRow row : board.rows()) {
            Seen before = last.get(row.id());
            Set<Reason> now = reasons(row);
            if (row.executionStatus() == null && before != null) {
                // Paused or starting, the app server cannot say: not a change (a resume is no news).
                before.reasons().stream().filter(EXECUTION::contains).forEach(now::add);
            }
            last.put(
                    row.id(),
                    new Seen(row.executionStatus() != null || before != null && before.executionKnown(), now));
            // What it no longer is, it no longer needs the user for.
            Reason noted = unseen.get(row.id());
            if (noted != null && !now.contains(noted)) {
                unseen.remove(row.id());
                pending.remove(row.id());
            }
            if (before == null) {
                continue; // first sight (start-up, an older page, a search): it was so before ohtop saw it
            }
            Set<Reason> entered = EnumSet.noneOf(Reason.class);
            entered.addAll(now);
            entered.removeAll(before.reasons());
            if (!before.executionKnown()) {
                entered.removeAll(EXECUTION); // first known now (a paused one resumed): it was so before
            }
            if (!entered.isEmpty()) {
                Reason reason = entered.iterator().next();
                unseen.put(row.id(), reason);
                pending.remove(row.id()); // a newer change of the same conversation: told once, as it is now
                pending.put(row.id(), new Notice(row, reason, 1));
            }
        }
        snapshot = new AttentionSnapshot(unseen);
    }

    /**
     * The notice due now, or null: none waiting, or one was told less than {@link #QUIET} ago.
     * Changes the user has looked at meanwhile are not told.
     */
    public synchronized Notice take() {
        Instant now = clock.instant();
        if (pending.isEmpty() || lastTold != null && now.isBefore(lastTold.plus(QUIET))) {
            return null;
        }
        List<Notice> due = new ArrayList<>(pending.values());
        pending.clear();
        lastTold = now;
        Notice first = due.get(0);
        return new Notice(first.row(), first.reason(), due.size());
    }

    /** The user has looked at this conversation: it is no longer "seen since you last looked". */
    public synchronized void looked(String conversationId) {
        if (conversationId == null || !snapshot.unseen().containsKey(conversationId)) {
            return;
        }
        Map<String, Reason> unseen = new LinkedHashMap<>(snapshot.unseen());
        unseen.remove(conversationId);
        pending.remove(conversationId);
        snapshot = new AttentionSnapshot(unseen);
    }

    /** Cheap, safe from any thread. */
    public AttentionSnapshot snapshot() {
        return snapshot;
    }
}

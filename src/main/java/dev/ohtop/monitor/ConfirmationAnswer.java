package dev.ohtop.monitor;

import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.EventQuery;
import dev.ohtop.api.Page;
import dev.ohtop.api.events.Event;
import dev.ohtop.monitor.PendingActions.PendingAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The user's yes or no to the action(s) a conversation waits on in confirmation mode, sent on the
 * worker to its agent server's {@code respond_to_confirmation}. Right before sending, the agent
 * server is asked whether the conversation still waits and for what: someone may have answered
 * in the web app meanwhile, and answering twice would approve or reject what comes next unseen.
 * A paused sandbox is named so that a screen can offer to resume it and answer again.
 */
public final class ConfirmationAnswer {
    /** Events read back (newest first) at most to find what waits. */
    static final int LOOK_BACK = 500;

    private static final int PAGE = 100;
    private static final String WAITING = "waiting_for_confirmation";

    public enum State {
        /** Not answered yet (after {@link #look()}: these actions wait). */
        READY,
        /** Reading what waits ({@link #look()}). */
        LOOKING,
        SENDING,
        /** The server took the answer. */
        DONE,
        /** Not answered (or, with {@code mayHaveTakenEffect}, unknown): {@code problem} says why. */
        FAILED,
        /** The sandbox is paused: resume {@code pausedSandbox}, then answer again. */
        PAUSED,
        /** The conversation waits for nothing (any more): nothing was sent. */
        NOT_WAITING
    }

    /**
     * @param actions            the actions answered (DONE), or found waiting when the answer could not go; empty when unknown
     * @param problem            one plain line for FAILED, PAUSED and NOT_WAITING; null otherwise
     * @param pausedSandbox      the sandbox to resume for PAUSED; null otherwise
     * @param mayHaveTakenEffect FAILED with no clear answer: the server may have taken it (look before answering again)
     */
    public record AnswerSnapshot(
            State state,
            List<PendingAction> actions,
            String problem,
            String pausedSandbox,
            boolean mayHaveTakenEffect) {
        static AnswerSnapshot of(State state, List<PendingAction> actions, String problem) {
            return new AnswerSnapshot(state, actions, problem, null, false);
        }
    }

    private final SandboxAccess access;
    private final String conversationId;
    private final Executor worker;
    private final Runnable onChange;
    private volatile AnswerSnapshot snapshot = AnswerSnapshot.of(State.READY, List.of(), null);

    /** @param onChange runs on the worker once the answer went (or did not) */
    public ConfirmationAnswer(SandboxAccess access, String conversationId, Executor worker, Runnable onChange) {
        this.access = Objects.requireNonNull(access);
        this.conversationId = Objects.requireNonNull(conversationId);
        this.worker = Objects.requireNonNull(worker);
        this.onChange = Objects.requireNonNull(onChange);
    }

    public AnswerSnapshot snapshot() {
        return snapshot;
    }

    /** Approves ({@code accept}) or rejects, with an optional reason, whatever waits now; returns at once. */
    public void answer(boolean accept, String reason) {
        answer(accept, reason, null);
    }

    /**
     * As {@link #answer(boolean, String)}, but only if what waits is exactly the actions {@code seen}
     * (their event ids, as a screen showed them): else NOT_WAITING and nothing is sent. Ignored while
     * looking or sending, and once done; after READY, FAILED, PAUSED or NOT_WAITING it tries afresh.
     */
    public synchronized void answer(boolean accept, String reason, List<String> seen) {
        start(State.SENDING, () -> send(accept, reason, seen));
    }

    /**
     * Reads what waits now without answering, on the worker: READY with the actions, or NOT_WAITING,
     * PAUSED or FAILED as an answer would be (for a script to weigh the risk before answering).
     */
    public synchronized void look() {
        start(State.LOOKING, this::lookNow);
    }

    private void start(State state, Supplier<AnswerSnapshot> work) {
        if (snapshot.state() == State.LOOKING || snapshot.state() == State.SENDING || snapshot.state() == State.DONE) {
            return;
        }
        snapshot = AnswerSnapshot.of(state, snapshot.actions(), null);
        try {
            worker.execute(() -> {
                snapshot = work.get();
                onChange.run();
            });
        } catch (RejectedExecutionException e) {
            snapshot = AnswerSnapshot.of(State.FAILED, List.of(), "not answered: shutting down");
        }
    }

    private AnswerSnapshot send(boolean accept, String reason, List<String> seen) {
        AnswerSnapshot now = lookNow();
        if (now.state() != State.READY) {
            return now;
        }
        List<PendingAction> waiting = now.actions();
        if (seen != null
                && !seen.equals(waiting.stream().map(PendingAction::eventId).toList())) {
            return AnswerSnapshot.of(
                    State.NOT_WAITING,
                    waiting,
                    "nothing answered: it now waits for another action than the one shown"
                            + " (someone may have answered in the web app); look at it again");
        }
        try {
            access.call(agent -> {
                agent.respondToConfirmation(conversationId, accept, reason);
                return null;
            });
            return AnswerSnapshot.of(State.DONE, waiting, null);
        } catch (ApiException e) {
            if (e.mayHaveTakenEffect()) {
                return new AnswerSnapshot(
                        State.FAILED,
                        waiting,
                        "no clear answer (" + e.getMessage() + "): the " + (accept ? "approval" : "rejection")
                                + " may have taken effect; look at its events before answering again",
                        null,
                        true);
            }
            return notSent(waiting, "not answered", e);
        } catch (IOException e) {
            return notSent(waiting, "not answered", e);
        }
    }

    /** What waits now, by the agent server's word: READY with the actions, else why nothing can be answered. */
    private AnswerSnapshot lookNow() {
        Look look;
        try {
            look = access.call(this::look);
        } catch (IOException e) {
            return notSent(List.of(), "could not see what it waits for", e);
        }
        if (!look.waits()) {
            return AnswerSnapshot.of(
                    State.NOT_WAITING,
                    List.of(),
                    "nothing answered: it does not wait for confirmation now (it is "
                            + (look.status() == null ? "of unknown status" : look.status())
                            + "; if it did, someone may have answered in the web app)");
        }
        if (look.pending().isEmpty()) {
            return AnswerSnapshot.of(
                    State.NOT_WAITING,
                    List.of(),
                    "nothing answered: no action waits for an answer among its last " + LOOK_BACK + " events");
        }
        return AnswerSnapshot.of(State.READY, look.pending(), null);
    }

    /** The conversation's execution status by its agent server's word, and what waits when it waits. */
    private record Look(String status, List<PendingAction> pending) {
        boolean waits() {
            return status != null && WAITING.equals(status.toLowerCase(Locale.ROOT));
        }
    }

    private Look look(AgentServerClient agent) throws IOException {
        Look look = new Look(agent.conversation(conversationId).executionStatus(), List.of());
        return look.waits() ? new Look(look.status(), PendingActions.in(recentEvents(agent))) : look;
    }

    /** The last events, oldest first, read back until one answers an action (what waits comes after it). */
    private List<Event> recentEvents(AgentServerClient agent) throws ApiException {
        List<Event> newestFirst = new ArrayList<>();
        EventQuery query = EventQuery.all().sorted(EventQuery.SortOrder.TIMESTAMP_DESC);
        String pageId = null;
        do {
            Page<Event> page = agent.searchEvents(conversationId, query, pageId, PAGE);
            newestFirst.addAll(page.items());
            if (page.items().stream().anyMatch(Pairing::isAnswer)) {
                break;
            }
            pageId = page.nextPageId();
        } while (pageId != null && newestFirst.size() < LOOK_BACK);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private AnswerSnapshot notSent(List<PendingAction> waiting, String what, IOException e) {
        if (e instanceof SandboxNotReadyException notReady
                && notReady.location() instanceof AgentServerLocation.SandboxPaused paused) {
            return new AnswerSnapshot(State.PAUSED, waiting, e.getMessage(), paused.sandboxId(), false);
        }
        return AnswerSnapshot.of(State.FAILED, waiting, what + ": " + e.getMessage());
    }
}

package dev.ohtop.monitor;

import dev.ohtop.api.events.ActionEvent;
import dev.ohtop.api.events.ErrorEvent;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.ObservationEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which answer belongs to which action, among the events a tail holds, and the two counts the
 * troubleshooting recipes start from: actions with no answer yet, and answers beyond the first.
 *
 * <p>An action is answered by an {@code ObservationEvent} (or {@code UserRejectObservation})
 * whose {@code action_id} is its id; failing that, by one with its {@code tool_call_id}; and a
 * failed tool call (unknown tool, bad arguments, interrupted) by an {@code AgentErrorEvent} with
 * its {@code tool_call_id} and no {@code action_id}, as the real agent server does.
 *
 * <p>Counts cover the events held: when an action falls out of the bounded buffer it stops
 * counting. Older events may arrive after newer ones (history is fetched newest first), so an
 * answer whose action is not held yet waits for it while {@link #expectingOlder} says it may
 * still come; the answer nearest the action in time (the lowest sequence number) is its first.
 * Written by the tail's poll only; {@link #partners} may be read from any thread. {@code ohtop
 * check} pairs a whole conversation with it, oldest first, and asks which event answers which.
 */
public final class Pairing {
    private static final class Action {
        final String id;
        final String toolCallId;
        int answers;

        Action(String id, String toolCallId) {
            this.id = id;
            this.toolCallId = toolCallId;
        }
    }

    /** An answer held whose action is not (yet) held. */
    private record Waiting(String answerId, long seq, String actionId, String toolCallId) {}

    private final Map<String, Action> actions = new HashMap<>();
    private final Map<String, Action> byToolCall = new HashMap<>();
    private final Map<String, Waiting> waiting = new HashMap<>();
    private boolean expectingOlder;
    /** Action id to its first answer's id, and each answer's id to its action's id. */
    private final Map<String, String> partners = new ConcurrentHashMap<>();

    private int unmatched;
    private int duplicates;

    /** Whether events older than those held may still arrive (their answers wait meanwhile). */
    void expectingOlder(boolean expecting) {
        expectingOlder = expecting;
        if (!expecting) {
            waiting.clear(); // their actions will not come now
        }
    }

    /** @param seq the event's place in the tail: answers to one action are ordered by it */
    public void add(Event event, String id, long seq) {
        if (event instanceof ActionEvent action) {
            Action a = new Action(id, action.toolCallId());
            actions.put(id, a);
            if (a.toolCallId != null) {
                byToolCall.put(a.toolCallId, a);
            }
            unmatched++;
            if (!waiting.isEmpty()) {
                answerWaiting(a);
            }
        } else if (event instanceof ObservationEvent observation) {
            answer(id, seq, observation.actionId(), observation.toolCallId());
        } else if (isAnswer(event)) {
            answer(id, seq, null, ((ErrorEvent) event).toolCallId());
        }
    }

    /** Whether the event answers an action: an observation (a rejection too), or a failed tool call's error. */
    public static boolean isAnswer(Event event) {
        return event instanceof ObservationEvent || event instanceof ErrorEvent error && error.toolCallId() != null;
    }

    /** The id of the first answer to the action {@code actionId} among those added; null when it has none. */
    public String firstAnswerOf(String actionId) {
        return partners.get(actionId);
    }

    /** The id of the action the answer {@code answerId} answers; null when it answers none added. */
    public String actionOf(String answerId) {
        return partners.get(answerId);
    }

    /** The answers that came before {@code action} did, first by their place in the tail. */
    private void answerWaiting(Action action) {
        List<Waiting> its = new ArrayList<>();
        for (Waiting w : waiting.values()) {
            if (action.id.equals(w.actionId) || action.toolCallId != null && action.toolCallId.equals(w.toolCallId)) {
                its.add(w);
            }
        }
        its.sort(Comparator.comparingLong(Waiting::seq));
        for (Waiting w : its) {
            waiting.remove(w.answerId);
            attach(action, w.answerId);
        }
    }

    private void answer(String answerId, long seq, String actionId, String toolCallId) {
        Action action = actionId == null ? null : actions.get(actionId);
        if (action == null && toolCallId != null) {
            action = byToolCall.get(toolCallId);
        }
        if (action == null) {
            if (expectingOlder) {
                waiting.put(answerId, new Waiting(answerId, seq, actionId, toolCallId));
            }
            return; // else its action is not held (fell out of the buffer, or never sent)
        }
        attach(action, answerId);
    }

    private void attach(Action action, String answerId) {
        if (action.answers == 0) {
            unmatched--;
            partners.put(action.id, answerId);
        } else {
            duplicates++;
        }
        action.answers++;
        partners.put(answerId, action.id);
    }

    /** The event {@code id} left the buffer. */
    void forget(String id) {
        waiting.remove(id);
        Action action = actions.remove(id);
        if (action != null) {
            if (action.toolCallId != null && byToolCall.get(action.toolCallId) == action) {
                byToolCall.remove(action.toolCallId);
            }
            if (action.answers == 0) {
                unmatched--;
            } else {
                duplicates -= action.answers - 1;
            }
        }
        partners.remove(id);
    }

    int unmatched() {
        return unmatched;
    }

    int duplicates() {
        return duplicates;
    }

    /** Live, thread-safe: the partner of an event id (an action's first answer, an answer's action). */
    Map<String, String> partners() {
        return partners;
    }
}

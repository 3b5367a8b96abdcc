package dev.ohtop.monitor;

import dev.ohtop.api.Timestamps;
import dev.ohtop.api.events.ActionEvent;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.StateUpdateEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The action(s) a conversation in confirmation mode waits on, found as the SDK finds them
 * ({@code ConversationState.get_unmatched_actions}): every executable {@code ActionEvent} that
 * nothing answers yet, by {@link Pairing}'s rule of what answers an action. Approving runs all of
 * them, rejecting answers each. Meaningful while the conversation's execution status is {@code
 * waiting_for_confirmation}: at other times an action without an answer is simply running.
 */
public final class PendingActions {
    /** The risk an agent states when it states none (the SDK's default). */
    public static final String UNKNOWN_RISK = "UNKNOWN";

    /**
     * One action waiting for the user's yes or no; texts as the server wrote them (not yet inert).
     *
     * @param tool the tool's name (or the action's kind when the server named no tool)
     * @param what the command, or the editor's command and path, or the action's summary; may be empty
     * @param risk the agent's stated {@code security_risk}: LOW, MEDIUM, HIGH or UNKNOWN
     * @param at   when the agent asked; null when the timestamp is unreadable
     */
    public record PendingAction(String eventId, String tool, String what, String risk, Instant at) {
        /** Whether the agent itself called it HIGH risk: ask again before approving. */
        public boolean highRisk() {
            return "HIGH".equals(risk);
        }
    }

    private PendingActions() {}

    /** The pending actions among {@code events} (oldest first), oldest first. */
    public static List<PendingAction> in(List<Event> events) {
        Pairing pairing = new Pairing();
        long seq = 0;
        for (Event event : events) {
            pairing.add(event, event.id(), seq++);
        }
        List<PendingAction> pending = new ArrayList<>();
        for (Event event : events) {
            if (event instanceof ActionEvent action
                    && executable(action)
                    && pairing.firstAnswerOf(action.id()) == null) {
                pending.add(of(action));
            }
        }
        return List.copyOf(pending);
    }

    /** The pending actions a tail holds (paired by its own {@link Pairing}), oldest first. */
    public static List<PendingAction> in(TailSnapshot tail) {
        List<PendingAction> pending = new ArrayList<>();
        for (int i = tail.size() - 1; i >= 0; i--) {
            // the kind first: re-reading every held event's JSON would cost a long tail dearly
            if ("ActionEvent".equals(tail.get(i).kind())
                    && tail.pairIndexOf(i) < 0
                    && tail.get(i).event() instanceof ActionEvent action
                    && executable(action)) {
                pending.add(of(action));
            }
        }
        Collections.reverse(pending);
        return List.copyOf(pending);
    }

    /** How far back a tail is searched for a change of execution status: a change that matters is recent. */
    static final int STATUS_WINDOW = 300;

    /**
     * The execution status the tail's newest {@code execution_status} update reports, or null when
     * none is among its newest {@value #STATUS_WINDOW} events. A live tail hears of a change (the
     * agent running again after an answer) before the next refresh of the list does.
     */
    public static String latestExecutionStatus(TailSnapshot tail) {
        for (int i = tail.size() - 1; i >= Math.max(0, tail.size() - STATUS_WINDOW); i--) {
            if ("ConversationStateUpdateEvent".equals(tail.get(i).kind())
                    && tail.get(i).event() instanceof StateUpdateEvent update
                    && "execution_status".equals(update.key())) {
                return update.value();
            }
        }
        return null;
    }

    /** Whether the agent called any of {@code pending} HIGH risk. */
    public static boolean anyHighRisk(List<PendingAction> pending) {
        return pending.stream().anyMatch(PendingAction::highRisk);
    }

    /**
     * An action the SDK would run on approval: one whose arguments were valid ({@code action} not
     * null); a tool call that failed validation has none and is answered by an error already.
     */
    private static boolean executable(ActionEvent action) {
        return action.actionKind() != null;
    }

    private static PendingAction of(ActionEvent action) {
        String tool = action.toolName() != null ? action.toolName() : action.actionKind();
        String what = action.argument() != null && !action.argument().isEmpty()
                ? action.argument()
                : action.summaryText() == null ? "" : action.summaryText();
        String risk = action.securityRisk() == null ? UNKNOWN_RISK : action.securityRisk();
        return new PendingAction(action.id(), tool, what, risk, Timestamps.parse(action.timestamp()));
    }
}

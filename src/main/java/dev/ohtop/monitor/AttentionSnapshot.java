package dev.ohtop.monitor;

import java.util.Map;

/**
 * The conversations that changed into a state that needs their user since the user last looked
 * at them ({@link Attention}), with the reason each was noted for.
 */
public record AttentionSnapshot(Map<String, Attention.Reason> unseen) {
    public static final AttentionSnapshot NONE = new AttentionSnapshot(Map.of());

    public AttentionSnapshot {
        unseen = Map.copyOf(unseen);
    }

    /** Marked on the list: it changed into a state that needs the user, who has not looked yet. */
    public boolean marked(String conversationId) {
        return unseen.containsKey(conversationId);
    }

    /**
     * Waits for the user (the {@code w} filter): waiting for confirmation, in error or stuck, or
     * changed into a state that needs them (finished, sandbox lost) since they last looked.
     */
    public boolean waits(ConversationRow row) {
        String execution = row.executionStatus();
        return "waiting_for_confirmation".equals(execution)
                || "error".equals(execution)
                || "stuck".equals(execution)
                || unseen.containsKey(row.id());
    }
}

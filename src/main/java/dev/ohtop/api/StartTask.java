package dev.ohtop.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The progress of starting a conversation. {@code appConversationId} is set only at READY;
 * {@code detail} explains an ERROR.
 */
public record StartTask(
        String id,
        String createdByUserId,
        String status,
        String detail,
        String appConversationId,
        String sandboxId,
        String agentServerUrl,
        JsonNode request,
        Instant createdAt,
        Instant updatedAt) {

    public static final String READY = "READY";
    public static final String ERROR = "ERROR";

    public boolean isFinished() {
        return READY.equals(status) || failed();
    }

    /**
     * Whether it ended without a conversation: ERROR, the one failure the app server names today,
     * or FAILED and CANCELLED, which the skill's client also treats as final (statuses may evolve).
     */
    public boolean failed() {
        return ERROR.equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }
}

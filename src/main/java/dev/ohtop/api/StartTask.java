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
        return READY.equals(status) || ERROR.equals(status);
    }
}

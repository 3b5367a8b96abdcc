package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One app conversation and its events. Its execution status, metrics and {@code updated_at}
 * follow from the events it records, as on the real services where the agent reports them.
 * Guarded by the {@link DemoWorld} lock like everything in the world.
 */
final class Conversation {
    final String id;
    final String createdByUserId;
    final Instant createdAt;
    final ConversationOrigin origin;
    final List<String> subConversationIds = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final ConversationEvents events = new ConversationEvents();
    final AgentScript agent;
    /** Told of every event recorded: live sockets wait on it. */
    private final Runnable onRecord;

    String sandboxId;
    String title;
    Boolean isPublic;
    Instant updatedAt;
    String executionStatus = "idle";
    /** The agent's latest reported metrics; null until the first stats update. */
    JsonNode metrics;
    /** Old conversations on Cloud may have no metrics stored: those report {@code metrics} as null. */
    boolean reportsMetrics = true;
    /** A title derived from the first message, applied once the agent starts acting (Cloud renames later, too). */
    String titleOnFirstAction;

    Conversation(
            String id,
            String createdByUserId,
            Instant createdAt,
            String sandboxId,
            ConversationOrigin origin,
            String title,
            AgentScript agent,
            Runnable onRecord) {
        this.id = id;
        this.createdByUserId = createdByUserId;
        this.createdAt = createdAt;
        this.sandboxId = sandboxId;
        this.origin = origin;
        this.title = title;
        this.agent = agent;
        this.onRecord = onRecord;
        this.updatedAt = createdAt;
    }

    /** Records the agent's events up to {@code now}. */
    void advanceTo(Instant now) {
        agent.emitUntil(now, this::record);
    }

    /** Records events that happen at {@code at} on a user's request (messages, pause, run). */
    void recordAll(Instant at, List<ObjectNode> newEvents) {
        newEvents.forEach(event -> record(at, event));
    }

    boolean isRunning() {
        return "running".equals(executionStatus);
    }

    int eventCount() {
        return events.size();
    }

    double accumulatedCost() {
        return metrics == null ? 0.0 : metrics.path("accumulated_cost").asDouble();
    }

    private void record(Instant at, ObjectNode event) {
        events.add(at, event);
        updatedAt = at;
        onRecord.run();
        switch (event.get("kind").asText()) {
            case "ConversationStateUpdateEvent" -> applyStateUpdate(event);
            case "ActionEvent" -> {
                if (titleOnFirstAction != null) {
                    title = titleOnFirstAction;
                    titleOnFirstAction = null;
                }
            }
            default -> {
                // Other kinds change nothing the app server reports.
            }
        }
    }

    private void applyStateUpdate(ObjectNode event) {
        String key = event.path("key").asText();
        if (key.equals("execution_status")) {
            executionStatus = event.path("value").asText();
        } else if (key.equals("stats")) {
            metrics = event.path("value").path("usage_to_metrics").path("agent");
        }
    }
}

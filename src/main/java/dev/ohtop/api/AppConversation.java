package dev.ohtop.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A conversation as the app server describes it. Statuses stay strings: the service adds
 * values, and an unknown one must still be shown. {@code conversationUrl} and
 * {@code sessionApiKey} are present only while the sandbox is RUNNING.
 */
public record AppConversation(
        String id,
        String createdByUserId,
        String sandboxId,
        String selectedRepository,
        String selectedBranch,
        String gitProvider,
        String title,
        String trigger,
        List<Integer> prNumber,
        String llmModel,
        String agentKind,
        Metrics metrics,
        String parentConversationId,
        List<String> subConversationIds,
        @JsonProperty("public") Boolean isPublic,
        Map<String, String> tags,
        Instant createdAt,
        Instant updatedAt,
        String sandboxStatus,
        String executionStatus,
        String conversationUrl,
        String sessionApiKey) {

    /** Accumulated cost in USD, or null when the server has no metrics. */
    public Double cost() {
        return metrics == null ? null : metrics.accumulatedCost();
    }

    /** The model: from the conversation, else from its metrics. */
    public String model() {
        if (llmModel != null) {
            return llmModel;
        }
        return metrics == null ? null : metrics.modelName();
    }

    @Override
    public String toString() {
        return "AppConversation[id=" + id + ", title=" + title + ", sandboxStatus=" + sandboxStatus
                + ", executionStatus=" + executionStatus + ", sessionApiKey="
                + (sessionApiKey == null ? "null" : "****")
                + "]";
    }
}

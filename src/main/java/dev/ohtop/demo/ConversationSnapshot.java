package dev.ohtop.demo;

import java.time.Instant;

/**
 * A conversation as the simulated world holds it right now, for tests that want to compare what a
 * client shows with the truth.
 *
 * @param executionStatus null unless the sandbox is RUNNING, as the app server reports it
 */
public record ConversationSnapshot(
        String id,
        String sandboxId,
        String title,
        String selectedRepository,
        SandboxStatus sandboxStatus,
        String executionStatus,
        int eventCount,
        double accumulatedCost,
        Instant createdAt,
        Instant updatedAt,
        String parentConversationId) {}

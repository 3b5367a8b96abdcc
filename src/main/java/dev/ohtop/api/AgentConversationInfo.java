package dev.ohtop.api;

/** A conversation as its own agent server sees it; only the fields ohtop uses. */
public record AgentConversationInfo(
        String id, String executionStatus, String title, String createdAt, String updatedAt) {}

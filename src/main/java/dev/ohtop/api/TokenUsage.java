package dev.ohtop.api;

/** Accumulated token counts of a conversation's LLM calls. */
public record TokenUsage(
        Long promptTokens,
        Long completionTokens,
        Long cacheReadTokens,
        Long cacheWriteTokens,
        Long reasoningTokens,
        Long contextWindow,
        Long perTurnToken) {}

package dev.ohtop.api;

/** Cost and token use of a conversation so far. */
public record Metrics(
        String modelName, Double accumulatedCost, Double maxBudgetPerTask, TokenUsage accumulatedTokenUsage) {}

package dev.ohtop.api.events;

import java.util.List;

/**
 * The parts of a {@code full_state} update (the conversation's whole state, some 19 fields)
 * a user cares about; the rest stays in the raw JSON. Any part may be null.
 */
public record FullState(
        String executionStatus,
        String model,
        Double cost,
        String workingDir,
        Integer maxIterations,
        String confirmationPolicy,
        String securityAnalyzer,
        List<String> tools,
        int fieldCount) {

    /** {@code idle · openai/gpt-5 · cost $0.0312}: what the row says. */
    public String summary() {
        StringBuilder out = new StringBuilder(executionStatus == null ? "status unknown" : executionStatus);
        if (model != null) {
            out.append(" · ").append(model);
        }
        if (cost != null) {
            out.append(" · ").append(String.format(java.util.Locale.ROOT, "cost $%.4f", cost));
        }
        return out.toString();
    }
}

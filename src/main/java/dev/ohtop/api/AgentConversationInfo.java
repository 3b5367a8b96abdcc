package dev.ohtop.api;

/**
 * A conversation as its own agent server sees it; only the fields ohtop uses.
 *
 * @param workspace where the agent works; null when the server did not say
 * @param metrics   cost and tokens so far; null when the server has none
 * @param agent     the agent, for its model; null when the server did not say
 */
public record AgentConversationInfo(
        String id,
        String executionStatus,
        String title,
        String createdAt,
        String updatedAt,
        Workspace workspace,
        Metrics metrics,
        Agent agent) {

    /** The agent (only its LLM's model is read). */
    public record Agent(Llm llm) {}

    /** The agent's LLM. */
    public record Llm(String model) {}

    /** The model the agent uses, or null when the server did not say. */
    public String model() {
        return agent == null || agent.llm() == null ? null : agent.llm().model();
    }

    /**
     * The agent's workspace. {@code workingDir} may be relative ({@code "."} in a process sandbox
     * of a self-hosted app server): then it is relative to the agent server's own folder.
     */
    public record Workspace(String kind, String workingDir) {}

    /** The working folder as the server wrote it, or null when it did not say. */
    public String workingDir() {
        return workspace == null ? null : workspace.workingDir();
    }
}

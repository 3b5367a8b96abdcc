package dev.ohtop.monitor;

import java.io.IOException;

/**
 * Pausing a conversation's agent or setting it running again, through its agent server's own
 * {@code POST /api/conversations/{id}/pause} and {@code /run}: the sandbox stays up either way.
 */
public enum AgentRun {
    PAUSE("pause", "paused"),
    RUN("run", "set running");

    private final String verb;
    private final String done;

    AgentRun(String verb, String done) {
        this.verb = verb;
        this.done = done;
    }

    /** What the screen says while the request is on its way. */
    public String doing(String shortId) {
        return (this == PAUSE ? "pausing" : "running") + " the agent of " + shortId + "…";
    }

    /** Sends the request and says, in a line, how it went. Blocks on the network: call it on a worker. */
    String apply(SandboxAccess access, String conversationId) {
        String shortId = ConversationRow.shortId(conversationId);
        try {
            access.call(agent -> {
                if (this == PAUSE) {
                    agent.pause(conversationId);
                } else {
                    agent.run(conversationId);
                }
                return null;
            });
            return done + " the agent of " + shortId;
        } catch (IOException e) {
            return "could not " + verb + " the agent of " + shortId + ": " + e.getMessage();
        }
    }
}

package dev.ohtop.api;

/** Where a conversation's agent server can be reached, or why it cannot be right now. */
public sealed interface AgentServerLocation {

    /** Running: here it is. */
    record Available(AgentEndpoint endpoint) implements AgentServerLocation {}

    /** The sandbox sleeps; resuming it brings the agent server back. */
    record SandboxPaused(String sandboxId) implements AgentServerLocation {}

    /** Starting, failed, gone, or unknown: nothing to talk to, and resuming would not help (yet). */
    record SandboxUnavailable(String sandboxId, String status) implements AgentServerLocation {}
}

package dev.ohtop.monitor;

import dev.ohtop.api.AgentServerLocation;
import java.io.IOException;

/**
 * The conversation's sandbox cannot take a command or a file right now: paused (resuming helps,
 * see {@link SandboxResumer}), starting, failed or gone. The message is one line for the user.
 */
public final class SandboxNotReadyException extends IOException {
    private final AgentServerLocation location;

    public SandboxNotReadyException(AgentServerLocation location) {
        super(describe(location));
        this.location = location;
    }

    public AgentServerLocation location() {
        return location;
    }

    static String describe(AgentServerLocation location) {
        if (location instanceof AgentServerLocation.SandboxPaused p) {
            return "the sandbox " + p.sandboxId() + " is paused: resume it first";
        }
        if (location instanceof AgentServerLocation.SandboxUnavailable u) {
            String status = u.status() == null ? "unknown" : u.status();
            return switch (status) {
                case "MISSING" -> "the sandbox " + name(u.sandboxId()) + " is gone (MISSING): nothing to connect to";
                case "STARTING" -> "the sandbox " + name(u.sandboxId()) + " is still starting: try again in a moment";
                case "ERROR" -> "the sandbox " + name(u.sandboxId()) + " failed (ERROR)";
                default -> "the sandbox " + name(u.sandboxId()) + " is not available (" + status + ")";
            };
        }
        return "the sandbox is not available";
    }

    private static String name(String sandboxId) {
        return sandboxId == null ? "(none)" : sandboxId;
    }
}

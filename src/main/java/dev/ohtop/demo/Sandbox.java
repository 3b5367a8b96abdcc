package dev.ohtop.demo;

import java.time.Instant;

/** One sandbox: its status over time and the session key its agent server wants. Guarded by the world lock. */
final class Sandbox {
    static final String SPEC_ID = "ghcr.io/openhands/agent-server:7c91cbe-python";

    final String id;
    /** Changes when the sandbox is given a new key ({@link DemoWorld#rotateSessionKey}). */
    String sessionKey;

    final Instant createdAt;
    SandboxStatus status;
    String statusDetail;
    /** When a STARTING sandbox will be RUNNING. */
    Instant runningFrom;
    /** When its agent server last came up: the base of {@code uptime}. */
    Instant upSince;

    Sandbox(String id, String sessionKey, Instant createdAt, SandboxStatus status) {
        this.id = id;
        this.sessionKey = sessionKey;
        this.createdAt = createdAt;
        this.status = status;
        this.upSince = createdAt;
    }

    boolean isRunning() {
        return status == SandboxStatus.RUNNING;
    }
}

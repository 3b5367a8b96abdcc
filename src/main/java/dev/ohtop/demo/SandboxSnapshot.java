package dev.ohtop.demo;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** A sandbox as the simulated world holds it right now, with the conversations that use it. */
public record SandboxSnapshot(
        String id,
        SandboxStatus status,
        String sessionApiKey,
        URI agentServerUrl,
        Instant createdAt,
        List<String> conversationIds) {}

package dev.ohtop.api;

import java.net.URI;

/** Where a conversation's agent server is and the session key it takes (redacted in toString). */
public record AgentEndpoint(URI baseUrl, Credential sessionKey) {
    public AgentEndpoint {
        if (!sessionKey.isSessionKey()) {
            throw new IllegalArgumentException("an agent server takes a session key, never the API key");
        }
    }
}

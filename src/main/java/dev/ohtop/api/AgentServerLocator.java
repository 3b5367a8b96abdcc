package dev.ohtop.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a conversation's agent server: from its {@code conversation_url} (minus the
 * {@code /api/conversations/{id}} or {@code /api/acp/conversations/{id}} suffix) and its
 * session key; else from its sandbox's {@code AGENT_SERVER} exposed URL; else says why not.
 */
public final class AgentServerLocator {
    private static final Pattern CONVERSATION_SUFFIX = Pattern.compile("/api(/acp)?/conversations/[^/]+/?$");

    private final CloudClient cloud;

    public AgentServerLocator(CloudClient cloud) {
        this.cloud = cloud;
    }

    public AgentServerLocation locate(AppConversation conversation) throws ApiException {
        Optional<URI> fromUrl = baseFromConversationUrl(conversation.conversationUrl());
        if (fromUrl.isPresent() && hasText(conversation.sessionApiKey())) {
            return new AgentServerLocation.Available(
                    new AgentEndpoint(fromUrl.get(), Credential.sessionKey(conversation.sessionApiKey())));
        }
        if (!hasText(conversation.sandboxId())) {
            return new AgentServerLocation.SandboxUnavailable(null, conversation.sandboxStatus());
        }
        List<SandboxInfo> found = cloud.getSandboxes(List.of(conversation.sandboxId()));
        SandboxInfo sandbox = found.isEmpty() ? null : found.get(0);
        return fromSandbox(conversation.sandboxId(), sandbox);
    }

    /** What a sandbox record says about its agent server. */
    public static AgentServerLocation fromSandbox(String sandboxId, SandboxInfo sandbox) {
        if (sandbox == null) {
            return new AgentServerLocation.SandboxUnavailable(sandboxId, "MISSING");
        }
        String url = sandbox.exposedUrl(ExposedUrl.AGENT_SERVER);
        if ("RUNNING".equals(sandbox.status()) && hasText(url) && hasText(sandbox.sessionApiKey())) {
            return new AgentServerLocation.Available(new AgentEndpoint(
                    URI.create(url.replaceAll("/+$", "")), Credential.sessionKey(sandbox.sessionApiKey())));
        }
        if ("PAUSED".equals(sandbox.status())) {
            return new AgentServerLocation.SandboxPaused(sandboxId);
        }
        return new AgentServerLocation.SandboxUnavailable(sandboxId, sandbox.status());
    }

    /** {@code https://h/x/api/conversations/abc} -> {@code https://h/x}; empty when it has no such suffix. */
    public static Optional<URI> baseFromConversationUrl(String conversationUrl) {
        if (!hasText(conversationUrl)) {
            return Optional.empty();
        }
        var m = CONVERSATION_SUFFIX.matcher(conversationUrl.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(conversationUrl.strip().substring(0, m.start())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}

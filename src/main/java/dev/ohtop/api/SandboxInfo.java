package dev.ohtop.api;

import java.time.Instant;
import java.util.List;

/** A sandbox: the machine a conversation's agent server runs in. */
public record SandboxInfo(
        String id,
        String createdByUserId,
        String sandboxSpecId,
        String status,
        String statusDetail,
        String sessionApiKey,
        List<ExposedUrl> exposedUrls,
        Instant createdAt) {

    /** The exposed URL with this name, or null. */
    public String exposedUrl(String name) {
        if (exposedUrls == null) {
            return null;
        }
        return exposedUrls.stream()
                .filter(u -> u != null && name.equals(u.name()))
                .map(ExposedUrl::url)
                .findFirst()
                .orElse(null);
    }

    @Override
    public String toString() {
        return "SandboxInfo[id=" + id + ", status=" + status + ", spec=" + sandboxSpecId + ", sessionApiKey="
                + (sessionApiKey == null ? "null" : "****") + ", exposedUrls=" + exposedUrls + "]";
    }
}

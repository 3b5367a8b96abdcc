package dev.ohtop.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code PATCH /app-conversations/{id}}: only fields that are not null are applied. */
public record ConversationPatch(
        String title, @JsonProperty("public") Boolean isPublic) {
    public static ConversationPatch title(String title) {
        return new ConversationPatch(title, null);
    }
}

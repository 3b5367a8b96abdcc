package dev.ohtop.api;

import java.time.Instant;

/** Filters of the conversation search and count routes; null means "not filtered". */
public record ConversationQuery(
        String titleContains,
        Instant createdAtGte,
        Instant createdAtLt,
        Instant updatedAtGte,
        Instant updatedAtLt,
        String sandboxIdEq,
        Boolean includeSubConversations) {
    public static ConversationQuery all() {
        return new ConversationQuery(null, null, null, null, null, null, null);
    }

    public static ConversationQuery inSandbox(String sandboxId) {
        return new ConversationQuery(null, null, null, null, null, sandboxId, null);
    }

    public ConversationQuery withTitleContains(String text) {
        return new ConversationQuery(
                text, createdAtGte, createdAtLt, updatedAtGte, updatedAtLt, sandboxIdEq, includeSubConversations);
    }

    Query toQuery() {
        return Query.of()
                .add("title__contains", titleContains)
                .add("created_at__gte", createdAtGte)
                .add("created_at__lt", createdAtLt)
                .add("updated_at__gte", updatedAtGte)
                .add("updated_at__lt", updatedAtLt)
                .add("sandbox_id__eq", sandboxIdEq)
                .add("include_sub_conversations", includeSubConversations);
    }
}

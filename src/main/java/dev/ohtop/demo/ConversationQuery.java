package dev.ohtop.demo;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The filters of conversation search and count. Sub-conversations are left out unless asked for, as on Cloud. */
record ConversationQuery(String titleContains, Instant createdFrom, Instant createdBefore, Instant updatedFrom,
                         Instant updatedBefore, String sandboxId, boolean includeSubConversations) {

    static ConversationQuery from(Query query) {
        String title = query.first("title__contains");
        return new ConversationQuery(title == null ? null : title.toLowerCase(Locale.ROOT),
                query.instant("created_at__gte"), query.instant("created_at__lt"), query.instant("updated_at__gte"),
                query.instant("updated_at__lt"), query.first("sandbox_id__eq"),
                query.bool("include_sub_conversations", false));
    }

    List<Conversation> apply(List<Conversation> newestFirst) {
        return newestFirst.stream().filter(this::matches).toList();
    }

    private boolean matches(Conversation c) {
        return (includeSubConversations || c.origin.parentId() == null)
                && (titleContains == null || c.title.toLowerCase(Locale.ROOT).contains(titleContains))
                && (sandboxId == null || sandboxId.equals(c.sandboxId))
                && within(c.createdAt, createdFrom, createdBefore)
                && within(c.updatedAt, updatedFrom, updatedBefore);
    }

    private static boolean within(Instant at, Instant from, Instant before) {
        return (from == null || !at.isBefore(from)) && (before == null || at.isBefore(before));
    }
}

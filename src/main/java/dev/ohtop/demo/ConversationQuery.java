package dev.ohtop.demo;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The filters of conversation search and count. Sub-conversations are left out unless asked for, as on Cloud.
 * The title filter is Cloud's SQL {@code title LIKE '%text%'} on PostgreSQL: case-sensitive, and a
 * {@code %} or {@code _} in the text is a wildcard (any run of characters, any one character).
 */
record ConversationQuery(
        Pattern titleLike,
        Instant createdFrom,
        Instant createdBefore,
        Instant updatedFrom,
        Instant updatedBefore,
        String sandboxId,
        boolean includeSubConversations) {

    static ConversationQuery from(Query query) {
        String title = query.first("title__contains");
        return new ConversationQuery(
                title == null ? null : like(title),
                query.instant("created_at__gte"),
                query.instant("created_at__lt"),
                query.instant("updated_at__gte"),
                query.instant("updated_at__lt"),
                query.first("sandbox_id__eq"),
                query.bool("include_sub_conversations", false));
    }

    List<Conversation> apply(List<Conversation> newestFirst) {
        return newestFirst.stream().filter(this::matches).toList();
    }

    private boolean matches(Conversation c) {
        return (includeSubConversations || c.origin.parentId() == null)
                && (titleLike == null
                        || (c.title != null && titleLike.matcher(c.title).matches()))
                && (sandboxId == null || sandboxId.equals(c.sandboxId))
                && within(c.createdAt, createdFrom, createdBefore)
                && within(c.updatedAt, updatedFrom, updatedBefore);
    }

    /** {@code %text%} as SQL LIKE reads it, without an escape character. */
    private static Pattern like(String text) {
        StringBuilder regex = new StringBuilder(".*");
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            regex.append(ch == '%' ? ".*" : ch == '_' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(regex.append(".*").toString(), Pattern.DOTALL);
    }

    private static boolean within(Instant at, Instant from, Instant before) {
        return (from == null || !at.isBefore(from)) && (before == null || at.isBefore(before));
    }
}

package dev.ohtop.api;

import java.time.Instant;

/** Filters of the start-task search. */
public record StartTaskQuery(String conversationIdEq, Instant createdAtGte, String sortOrder) {
    public static StartTaskQuery all() {
        return new StartTaskQuery(null, null, null);
    }

    Query toQuery() {
        return Query.of()
                .add("conversation_id__eq", conversationIdEq)
                .add("created_at__gte", createdAtGte)
                .add("sort_order", sortOrder);
    }
}

package dev.ohtop.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An app conversation (with its metrics and token use) read from its JSON by hand, for every
 * route that answers one. The mapper's route cost {@code ohtop ls} about 80 ms of its 0.26 s
 * (the mapper built, the record's reader derived, all in interpreted code; see
 * docs/performance.md), more than the whole rest of reading the page. Read as {@link Json#MAPPER}
 * read it: unknown fields ignored, missing or null ones null, times through {@link Timestamps}
 * (unreadable: null), numbers and booleans given as strings taken, a single value where a list
 * belongs read as a list of one; a value of the wrong shape (an object for a title) makes the
 * answer a bad response that says where.
 */
final class ConversationJson {
    private ConversationJson() {}

    /** The conversation in {@code node}, or null for a null or missing node. */
    static AppConversation read(JsonNode node, String route) throws ApiException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return new ConversationJson().conversation(node, "");
        } catch (Shape e) {
            throw new ApiException(
                    ApiException.Failure.BAD_RESPONSE,
                    route,
                    "unexpected AppConversation shape" + (e.path.isEmpty() ? "" : " at " + e.path),
                    null);
        }
    }

    private AppConversation conversation(JsonNode n, String at) {
        object(n, at);
        return new AppConversation(
                text(n, "id", at),
                text(n, "created_by_user_id", at),
                text(n, "sandbox_id", at),
                text(n, "selected_repository", at),
                text(n, "selected_branch", at),
                text(n, "git_provider", at),
                text(n, "title", at),
                text(n, "trigger", at),
                list(n, "pr_number", at, this::integer),
                text(n, "llm_model", at),
                text(n, "agent_kind", at),
                metrics(n.get("metrics"), path(at, "metrics")),
                text(n, "parent_conversation_id", at),
                list(n, "sub_conversation_ids", at, this::text),
                bool(n, "public", at),
                tags(n.get("tags"), path(at, "tags")),
                time(n, "created_at"),
                time(n, "updated_at"),
                text(n, "sandbox_status", at),
                text(n, "execution_status", at),
                text(n, "conversation_url", at),
                text(n, "session_api_key", at));
    }

    private Metrics metrics(JsonNode n, String at) {
        if (absent(n)) {
            return null;
        }
        object(n, at);
        return new Metrics(
                text(n, "model_name", at),
                decimal(n.get("accumulated_cost"), path(at, "accumulated_cost")),
                decimal(n.get("max_budget_per_task"), path(at, "max_budget_per_task")),
                tokens(n.get("accumulated_token_usage"), path(at, "accumulated_token_usage")));
    }

    private TokenUsage tokens(JsonNode n, String at) {
        if (absent(n)) {
            return null;
        }
        object(n, at);
        return new TokenUsage(
                whole(n, "prompt_tokens", at),
                whole(n, "completion_tokens", at),
                whole(n, "cache_read_tokens", at),
                whole(n, "cache_write_tokens", at),
                whole(n, "reasoning_tokens", at),
                whole(n, "context_window", at),
                whole(n, "per_turn_token", at));
    }

    private Map<String, String> tags(JsonNode n, String at) {
        if (absent(n)) {
            return null;
        }
        object(n, at);
        Map<String, String> tags = new LinkedHashMap<>();
        n.properties().forEach(e -> tags.put(e.getKey(), text(e.getValue(), path(at, e.getKey()))));
        return tags;
    }

    private <T> List<T> list(JsonNode parent, String name, String at, Reader<T> item) {
        JsonNode n = parent.get(name);
        String here = path(at, name);
        if (absent(n)) {
            return null;
        }
        List<T> list = new ArrayList<>();
        if (!n.isArray()) { // one value where a list belongs: a list of one, as the mapper reads it
            list.add(item.read(n, here + "[0]"));
            return list;
        }
        for (int i = 0; i < n.size(); i++) {
            list.add(item.read(n.get(i), here + "[" + i + "]"));
        }
        return list;
    }

    private String text(JsonNode parent, String name, String at) {
        return text(parent.get(name), path(at, name));
    }

    private String text(JsonNode n, String at) {
        if (absent(n)) {
            return null;
        }
        if (!n.isValueNode()) {
            throw new Shape(at);
        }
        return n.asText();
    }

    private Boolean bool(JsonNode parent, String name, String at) {
        JsonNode n = parent.get(name);
        if (absent(n)) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.asLong() != 0;
        }
        return scalar(n, path(at, name), text -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException();
        });
    }

    private Double decimal(JsonNode n, String at) {
        if (absent(n)) {
            return null;
        }
        return n.isNumber() ? Double.valueOf(n.doubleValue()) : scalar(n, at, Double::valueOf);
    }

    private Long whole(JsonNode parent, String name, String at) {
        JsonNode n = parent.get(name);
        String here = path(at, name);
        if (absent(n)) {
            return null;
        }
        if (n.isNumber()) {
            if (n.isIntegralNumber() && !n.canConvertToLong()) {
                throw new Shape(here);
            }
            return n.longValue(); // a fraction is cut, as the mapper does
        }
        return scalar(n, here, Long::valueOf);
    }

    private Integer integer(JsonNode n, String at) {
        if (absent(n)) {
            return null;
        }
        if (n.isNumber()) {
            if (n.isIntegralNumber() && !n.canConvertToInt()) {
                throw new Shape(at);
            }
            return n.intValue();
        }
        return scalar(n, at, Integer::valueOf);
    }

    /** A number or boolean given as a string; empty: null; anything else there: a bad shape. */
    private static <T> T scalar(JsonNode n, String at, Function<String, T> parse) {
        if (!n.isTextual()) {
            throw new Shape(at);
        }
        String text = n.textValue().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new Shape(at);
        }
    }

    private java.time.Instant time(JsonNode parent, String name) {
        JsonNode n = parent.get(name);
        return n != null && n.isValueNode() ? Timestamps.parse(n.isNull() ? null : n.asText()) : null;
    }

    private static void object(JsonNode n, String at) {
        if (!n.isObject()) {
            throw new Shape(at);
        }
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    private static String path(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonNode node, String at);
    }

    /** Where a value of the wrong shape was; turned into the route's bad response. */
    private static final class Shape extends RuntimeException {
        final String path;

        Shape(String path) {
            super(path, null, false, false);
            this.path = path;
        }
    }
}

package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.function.Function;

/** Batch gets: answers in request order, {@code null} in place of an unknown id, at most 99 ids. */
final class Batch {
    static final int MAX_IDS = 99;

    private Batch() {}

    static ArrayNode get(List<String> ids, Function<String, JsonNode> lookup) {
        ArrayNode out = Json.array();
        for (String id : ids) {
            JsonNode found = lookup.apply(id);
            if (found == null) {
                out.addNull();
            } else {
                out.add(found);
            }
        }
        return out;
    }

    /** Call before looking anything up, outside the world lock. */
    static List<String> ids(Query query, String parameter) {
        List<String> ids = query.all(parameter);
        if (ids.size() > MAX_IDS) {
            throw ApiError.detail(400, "Too many ids: " + ids.size() + " (at most " + MAX_IDS + " per request)");
        }
        return ids;
    }
}

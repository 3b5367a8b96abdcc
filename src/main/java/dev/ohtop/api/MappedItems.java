package dev.ohtop.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records mapped from the items of list answers, remembered by their JSON: an item that comes
 * back as it was (most of a list refresh: a few of a hundred conversations move) is not mapped
 * again, which was most of an idle refresh's work (its times parsed, its record built). Holds the
 * items last seen, a few pages' worth; safe from any thread.
 */
final class MappedItems {
    private static final int HELD = 1_000;

    private final Map<JsonNode, Object> byJson = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JsonNode, Object> eldest) {
            return size() > HELD;
        }
    };

    /** {@code item} as a {@code type}: the record made for the same JSON before, or a new one. */
    <T> T map(JsonNode item, Class<T> type, String route) throws ApiException {
        return map(item, type, node -> HttpCore.convert(node, type, route));
    }

    /** As {@link #map(JsonNode, Class, String)}, read by {@code reader}. */
    synchronized <T> T map(JsonNode item, Class<T> type, Pages.ItemReader<T> reader) throws ApiException {
        Object known = byJson.get(item);
        if (type.isInstance(known)) {
            return type.cast(known);
        }
        T mapped = reader.read(item);
        if (mapped != null) {
            byJson.put(item, mapped);
        }
        return mapped;
    }
}

package dev.ohtop.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.EventParser;
import java.util.ArrayList;
import java.util.List;

/** Reads the shapes every search and batch route shares: pages, arrays with nulls, bare counts. */
final class Pages {
    private Pages() {}

    @FunctionalInterface
    interface ItemReader<T> {
        T read(JsonNode item) throws ApiException;
    }

    static <T> Page<T> read(JsonNode body, String route, ItemReader<T> reader) throws ApiException {
        if (body == null || !body.isObject() || !body.path("items").isArray()) {
            throw new ApiException(
                    ApiException.Failure.BAD_RESPONSE, route, "expected a page with an \"items\" list", null);
        }
        List<T> items = new ArrayList<>(body.get("items").size());
        for (JsonNode item : body.get("items")) {
            T value = reader.read(item);
            if (value != null) {
                items.add(value);
            }
        }
        JsonNode next = body.get("next_page_id");
        return new Page<>(items, next == null || next.isNull() ? null : next.asText());
    }

    static <T> Page<T> read(JsonNode body, String route, Class<T> type) throws ApiException {
        return read(body, route, item -> HttpCore.convert(item, type, route));
    }

    static Page<Event> events(JsonNode body, String route) throws ApiException {
        return read(body, route, EventParser::parse);
    }

    /** As {@link #read(JsonNode, String, Class)}, mapping through {@code items}: unchanged items are not mapped again. */
    static <T> Page<T> read(JsonNode body, String route, Class<T> type, MappedItems items) throws ApiException {
        return read(body, route, item -> items.map(item, type, route));
    }

    /** As {@link #read(JsonNode, String, ItemReader)}, reading through {@code items}: unchanged items are not read again. */
    static <T> Page<T> read(JsonNode body, String route, Class<T> type, ItemReader<T> reader, MappedItems items)
            throws ApiException {
        return read(body, route, item -> items.map(item, type, reader));
    }

    /** A batch answer: one entry per requested id, in order, null where the id is unknown. */
    static <T> List<T> batch(JsonNode body, String route, Class<T> type) throws ApiException {
        return batch(body, route, item -> HttpCore.convert(item, type, route));
    }

    /** As {@link #batch(JsonNode, String, Class)}, mapping through {@code items}. */
    static <T> List<T> batch(JsonNode body, String route, Class<T> type, MappedItems items) throws ApiException {
        return batch(body, route, item -> items.map(item, type, route));
    }

    /** As {@link #batch(JsonNode, String, Class, MappedItems)}, read by {@code reader}. */
    static <T> List<T> batch(JsonNode body, String route, Class<T> type, ItemReader<T> reader, MappedItems items)
            throws ApiException {
        return batch(body, route, item -> items.map(item, type, reader));
    }

    private static <T> List<T> batch(JsonNode body, String route, ItemReader<T> reader) throws ApiException {
        if (body == null || !body.isArray()) {
            throw new ApiException(ApiException.Failure.BAD_RESPONSE, route, "expected a JSON list", null);
        }
        List<T> out = new ArrayList<>(body.size());
        for (JsonNode item : body) {
            out.add(item.isNull() ? null : reader.read(item));
        }
        return out;
    }

    /** Counts come back as a bare JSON integer. */
    static int count(JsonNode body, String route) throws ApiException {
        if (body != null && body.canConvertToInt() && body.isIntegralNumber()) {
            return body.asInt();
        }
        if (body != null && body.isTextual() && body.asText().strip().matches("\\d{1,9}")) {
            return Integer.parseInt(body.asText().strip());
        }
        throw new ApiException(ApiException.Failure.BAD_RESPONSE, route, "expected a count (an integer)", null);
    }
}

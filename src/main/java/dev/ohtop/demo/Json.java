package dev.ohtop.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON as both services write it: null fields are left out of every object, null array items stay. */
final class Json {
    // Configured once here and never changed afterwards; ObjectMapper is thread-safe for reading and writing.
    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(JsonNodeFeature.WRITE_NULL_PROPERTIES, false);

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    /** Error shape 1 of the spec: {@code {"detail": "text"}}. */
    static ObjectNode detail(String text) {
        return object().put("detail", text);
    }

    /** Error shape 3 of the spec (Cloud's auth middleware and rate limiter): {@code {"error": "text"}}. */
    static ObjectNode error(String text) {
        return object().put("error", text);
    }
}

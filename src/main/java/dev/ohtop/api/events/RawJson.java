package dev.ohtop.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.api.Json;

import java.nio.charset.StandardCharsets;

/**
 * An event exactly as the server sent it, kept as compact UTF-8 bytes (a parsed tree costs
 * several times more) and re-parsed only when someone opens the detail view.
 */
public final class RawJson {
    private final byte[] utf8;

    private RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    public static RawJson of(JsonNode node) {
        try {
            return new RawJson(Json.MAPPER.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            return new RawJson(node.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    public JsonNode tree() {
        try {
            return Json.MAPPER.readTree(utf8);
        } catch (java.io.IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(text());
        }
    }

    public String text() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    public String pretty() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree());
        } catch (JsonProcessingException e) {
            return text();
        }
    }

    public int size() {
        return utf8.length;
    }

    @Override
    public String toString() {
        return "RawJson[" + utf8.length + " bytes]";
    }
}

package dev.ohtop.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.api.Json;
import dev.ohtop.api.JsonTree;
import java.nio.charset.StandardCharsets;

/**
 * An event exactly as the server sent it, kept as compact UTF-8 bytes (a parsed tree costs
 * several times more) and re-parsed only when someone opens the detail view; or, for an event
 * too large to hold, a marked excerpt of it ({@link #cutTo(int)}).
 */
public final class RawJson {
    /** Marks where an excerpt left text or items out. */
    public static final String CUT_MARK = "…[cut: ";

    private final byte[] utf8;
    private final long wholeSize;

    private RawJson(byte[] utf8, long wholeSize) {
        this.utf8 = utf8;
        this.wholeSize = wholeSize;
    }

    public static RawJson of(JsonNode node) {
        byte[] bytes = bytes(node);
        return new RawJson(bytes, bytes.length);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            return node.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * This, or past {@code limit} bytes an excerpt of at most that size: the same fields, long
     * strings and lists cut short, each cut marked {@value #CUT_MARK}…]. Still JSON, so the detail
     * view reads it like any event, and {@link #cut()} says it is not the whole.
     */
    public RawJson cutTo(int limit) {
        if (utf8.length <= limit) {
            return this;
        }
        JsonNode whole = tree();
        for (int keep = 4096; keep >= 16; keep /= 4) {
            byte[] excerpt = bytes(Excerpt.of(whole, keep, Math.max(2, keep / 64)));
            if (excerpt.length <= limit) {
                return new RawJson(excerpt, wholeSize);
            }
        }
        String head = new String(utf8, 0, Math.min(utf8.length, Math.max(0, limit / 2)), StandardCharsets.UTF_8);
        return new RawJson(
                bytes(Json.MAPPER
                        .getNodeFactory()
                        .textNode(head + CUT_MARK + (utf8.length - head.length()) + " bytes]")),
                wholeSize);
    }

    /** Whether this is an excerpt of a larger event. */
    public boolean cut() {
        return wholeSize != utf8.length;
    }

    /** The size of the event as the server sent it, in bytes (more than {@link #size()} when {@link #cut()}). */
    public long wholeSize() {
        return wholeSize;
    }

    public JsonNode tree() {
        try {
            return JsonTree.read(utf8);
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
        return "RawJson[" + utf8.length + " bytes" + (cut() ? " of " + wholeSize : "") + "]";
    }
}

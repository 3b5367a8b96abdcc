package dev.ohtop.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns whatever a server sent with an error status into one readable line. The services use
 * four shapes: {@code {"detail": "text"}}, {@code {"detail": [{loc, msg}...]}} (validation),
 * {@code {"error": "text"}} (Cloud's auth middleware and rate limiter), and anything else
 * (HTML from a proxy, plain text, nothing).
 */
final class ErrorBodies {
    static final int MAX_LENGTH = 300;

    private ErrorBodies() {}

    /** @param body the error body, already redacted: cutting it to one line could split a secret */
    static String describe(String body, String contentType) {
        String text = body.strip();
        if (text.isEmpty()) {
            return "";
        }
        if (looksLikeHtml(text, contentType)) {
            return "the server sent an HTML page instead of JSON";
        }
        try {
            JsonNode node = JsonTree.read(text);
            String fromJson = fromJson(node);
            if (fromJson != null) {
                return oneLine(fromJson);
            }
        } catch (Exception notJson) {
            // fall through: plain text bodies are shown as they are
        }
        return oneLine(text);
    }

    private static String fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode detail = node.get("detail");
        if (detail != null && detail.isTextual()) {
            return detail.asText();
        }
        if (detail != null && detail.isArray()) {
            return validationErrors(detail);
        }
        JsonNode error = node.get("error");
        if (error != null && error.isTextual()) {
            return error.asText();
        }
        JsonNode message = node.get("message");
        if (message != null && message.isTextual()) {
            return message.asText();
        }
        return detail == null ? null : detail.toString();
    }

    /** {@code [{"loc":["query","limit"],"msg":"..."}]} becomes {@code "limit: ..."}. */
    private static String validationErrors(JsonNode items) {
        List<String> parts = new ArrayList<>();
        for (JsonNode item : items) {
            String msg = item.path("msg").asText("invalid");
            JsonNode loc = item.path("loc");
            String field =
                    loc.isArray() && loc.size() > 0 ? loc.get(loc.size() - 1).asText() : "";
            parts.add(field.isEmpty() ? msg : field + ": " + msg);
        }
        return parts.isEmpty() ? "validation failed" : String.join("; ", parts);
    }

    static boolean looksLikeHtml(String text, String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("text/html")) {
            return true;
        }
        String head = text.length() > 64 ? text.substring(0, 64) : text;
        head = head.stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html")
                || head.startsWith("<html")
                || head.startsWith("<head")
                || head.startsWith("<body");
    }

    /** Collapses whitespace and controls to single spaces and caps the length. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() <= MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        if (out.length() > MAX_LENGTH) {
            out.setLength(MAX_LENGTH - 1);
            out.append('…');
        }
        return out.toString();
    }
}

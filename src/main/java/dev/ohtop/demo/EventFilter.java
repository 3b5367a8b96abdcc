package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;

/**
 * The filters both event searches offer. {@code kind} is matched against the short kind when
 * {@code qualifiedKind} is false (app server) and against the Python class name when true (agent server);
 * the agent server's also leaves out what only the app server stores.
 */
record EventFilter(String kind, boolean qualifiedKind, String source, String body, Instant from, Instant until) {

    boolean matches(ConversationEvents.Stored event) {
        if (qualifiedKind && appServerOnly(event)) {
            return false;
        }
        // The agent server takes the short name too (1.58.2), so both forms match there.
        if (kind != null
                && !kind.equals(event.kind())
                && !(qualifiedKind && kind.equals(EventKinds.qualified(event.kind())))) {
            return false;
        }
        if (source != null && !source.equals(event.source())) {
            return false;
        }
        if (from != null && event.at().isBefore(from)) {
            return false;
        }
        if (until != null && !event.at().isBefore(until)) {
            return false;
        }
        return body == null || messageText(event.json()).contains(body.toLowerCase(Locale.ROOT));
    }

    /** Kept by the app server's event store only: the agent server's search never returns them. */
    private static boolean appServerOnly(ConversationEvents.Stored event) {
        return event.kind().equals("StreamingDeltaEvent") || isStateSnapshot(event);
    }

    /**
     * The whole state the app server stored when it first subscribed: not an event the agent server
     * publishes (each socket gets a snapshot of its own), while streaming deltas are published live.
     */
    static boolean isStateSnapshot(ConversationEvents.Stored event) {
        return event.kind().equals("ConversationStateUpdateEvent")
                && "full_state".equals(event.json().path("key").asText());
    }

    /** The text a body search looks in: the text items of a message, lower-cased. */
    private static String messageText(JsonNode event) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : event.path("llm_message").path("content")) {
            text.append(item.path("text").asText("")).append('\n');
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}

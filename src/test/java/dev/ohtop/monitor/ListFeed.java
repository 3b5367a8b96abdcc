package dev.ohtop.monitor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.Page;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.EventParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory conversation that pages like the app server: oldest first from {@code timestamp__gte},
 * or newest first, page ids that are offsets into the query's results. Records each search it answers.
 */
final class ListFeed implements EventFeed {
    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final String[] KINDS = {
        "MessageEvent",
        "ActionEvent",
        "ObservationEvent",
        "ConversationStateUpdateEvent",
        "AgentErrorEvent",
        "HookExecutionEvent"
    };
    private static final String[] SOURCES = {"user", "agent", "environment", "environment", "agent", "hook"};

    final List<Event> events = new ArrayList<>();
    final List<String> searches = new ArrayList<>();
    int counts;
    private Instant next = Instant.parse("2026-11-27T10:00:00Z");

    /** Adds {@code n} synthetic events, one per millisecond, of rotating kinds. */
    ListFeed add(int n) {
        return add(n, 0);
    }

    /** As {@link #add(int)}, each event carrying {@code padding} more characters of text in its raw JSON. */
    ListFeed add(int n, int padding) {
        String pad = "x".repeat(padding);
        for (int i = 0; i < n; i++) {
            int k = events.size();
            events.add(synthetic(k, KINDS[k % KINDS.length], SOURCES[k % SOURCES.length], pad));
        }
        return this;
    }

    private Event synthetic(int k, String kind, String source, String pad) {
        ObjectNode n = JsonNodeFactory.instance
                .objectNode()
                .put("kind", kind)
                .put("id", "ev-" + k)
                .put("timestamp", NAIVE.format(LocalDateTime.ofInstant(next, ZoneOffset.UTC)))
                .put("source", source);
        next = next.plusMillis(1);
        if (!pad.isEmpty()) {
            n.put("padding", pad);
        }
        switch (kind) {
            case "MessageEvent" ->
                n.putObject("llm_message")
                        .put("role", "user")
                        .putArray("content")
                        .addObject()
                        .put("type", "text")
                        .put("text", k % 1000 == 0 ? "Needle in message " + k : "message " + k);
            case "ActionEvent" ->
                n.put("tool_name", "terminal")
                        .put("tool_call_id", "call-" + k)
                        .putObject("action")
                        .put("kind", "TerminalAction")
                        .put("command", "ls " + k);
            case "ObservationEvent" ->
                n.put("tool_name", "terminal")
                        .put("tool_call_id", "call-" + (k - 1))
                        .put("action_id", "ev-" + (k - 1))
                        .putObject("observation")
                        .put("kind", "TerminalObservation")
                        .put("is_error", k % 7 == 0)
                        .put("exit_code", 0);
            case "AgentErrorEvent" -> n.put("tool_name", "file_editor").put("error", "no such file " + k);
            case "HookExecutionEvent" -> n.put("hook_event_type", "PostToolUse").put("success", true);
            default -> n.put("key", "stats").put("value", "x");
        }
        return EventParser.parse(n);
    }

    @Override
    public Page<Event> search(String timestampGte, String pageId, int limit) throws ApiException {
        searches.add("since=" + timestampGte + " page=" + pageId);
        List<Event> matching = timestampGte == null
                ? events
                : events.stream()
                        .filter(e -> e.timestamp().compareTo(timestampGte) >= 0)
                        .toList();
        int offset = pageId == null ? 0 : Integer.parseInt(pageId);
        int end = Math.min(matching.size(), offset + limit);
        return new Page<>(
                new ArrayList<>(matching.subList(Math.min(offset, end), end)),
                end < matching.size() ? Integer.toString(end) : null);
    }

    @Override
    public Page<Event> searchNewestFirst(String pageId, int limit) throws ApiException {
        searches.add("newest-first page=" + pageId);
        List<Event> newestFirst = new ArrayList<>(events);
        java.util.Collections.reverse(newestFirst);
        int offset = pageId == null ? 0 : Integer.parseInt(pageId);
        int end = Math.min(newestFirst.size(), offset + limit);
        return new Page<>(
                new ArrayList<>(newestFirst.subList(Math.min(offset, end), end)),
                end < newestFirst.size() ? Integer.toString(end) : null);
    }

    @Override
    public int count() {
        counts++;
        return events.size();
    }
}

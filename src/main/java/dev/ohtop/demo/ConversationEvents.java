package dev.ohtop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The events of one conversation, oldest first; only ever appended to. */
final class ConversationEvents {
    /** An event with what searches need pulled out of its JSON. The JSON is never changed once stored. */
    record Stored(Instant at, String kind, String source, ObjectNode json) {
        String id() {
            return json.get("id").asText();
        }
    }

    private final List<Stored> events = new ArrayList<>();
    private final Map<String, Integer> positionById = new HashMap<>();

    void add(Instant at, ObjectNode json) {
        positionById.put(json.get("id").asText(), events.size());
        events.add(new Stored(at, json.get("kind").asText(), json.get("source").asText(), json));
    }

    int size() {
        return events.size();
    }

    List<Stored> all() {
        return List.copyOf(events);
    }

    /** The events from {@code position} on (0: all), oldest first. */
    List<Stored> from(int position) {
        return List.copyOf(events.subList(Math.min(position, events.size()), events.size()));
    }

    /** Every match, in timestamp order or reversed. */
    List<Stored> matching(EventFilter filter, boolean newestFirst) {
        List<Stored> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Stored event = events.get(newestFirst ? events.size() - 1 - i : i);
            if (filter.matches(event)) {
                out.add(event);
            }
        }
        return out;
    }

    /**
     * The agent server's paging: up to {@code limit} matches starting at the event {@code pageId}
     * (an unknown id starts from the beginning, as the agent server does), plus the id of the match
     * after them (null on the last page).
     */
    CursorPage page(EventFilter filter, boolean newestFirst, String pageId, int limit) {
        Integer start = pageId == null ? null : positionById.get(pageId);
        int from = start != null ? start : newestFirst ? events.size() - 1 : 0;
        int step = newestFirst ? -1 : 1;
        List<Stored> items = new ArrayList<>();
        for (int i = from; i >= 0 && i < events.size(); i += step) {
            Stored event = events.get(i);
            if (!filter.matches(event)) {
                continue;
            }
            if (items.size() == limit) {
                return new CursorPage(items, event.id());
            }
            items.add(event);
        }
        return new CursorPage(items, null);
    }

    record CursorPage(List<Stored> items, String nextPageId) {}
}

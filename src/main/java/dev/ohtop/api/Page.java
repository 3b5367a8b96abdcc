package dev.ohtop.api;

import java.util.List;

/** One page of a search: its items and the opaque id of the next page (null on the last). */
public record Page<T>(List<T> items, String nextPageId) {
    public Page {
        items = items == null ? List.of() : java.util.Collections.unmodifiableList(items);
    }

    public boolean hasNext() {
        return nextPageId != null && !nextPageId.isEmpty();
    }
}

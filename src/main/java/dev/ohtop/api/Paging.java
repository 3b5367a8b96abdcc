package dev.ohtop.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Follows {@code next_page_id} for any search route, so no route needs its own loop. */
public final class Paging {
    private Paging() {}

    /** Fetches one page given a page id (null for the first). */
    @FunctionalInterface
    public interface PageSource<T> {
        Page<T> fetch(String pageId) throws ApiException;
    }

    /**
     * Collects items from successive pages until the last page or {@code maxItems}. A server
     * that hands back a page id it already gave stops the walk instead of looping forever.
     */
    public static <T> List<T> collect(PageSource<T> source, int maxItems) throws ApiException {
        List<T> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String pageId = null;
        do {
            Page<T> page = source.fetch(pageId);
            for (T item : page.items()) {
                if (all.size() >= maxItems) {
                    return all;
                }
                all.add(item);
            }
            pageId = page.hasNext() && seen.add(page.nextPageId()) ? page.nextPageId() : null;
        } while (pageId != null);
        return all;
    }
}

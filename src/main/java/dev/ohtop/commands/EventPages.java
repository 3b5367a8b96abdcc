package dev.ohtop.commands;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.Page;
import dev.ohtop.api.events.Event;
import dev.ohtop.monitor.EventFeed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A conversation's events read through its {@link EventFeed}, a page of {@value #PAGE} at a time:
 * every one oldest first (handed on page by page, so a long history is never held whole), or
 * the newest that a filter lets through.
 */
final class EventPages {
    /** Events per request: the most either server gives. */
    static final int PAGE = 100;

    private EventPages() {}

    /** What is done with each event, in order. */
    @FunctionalInterface
    interface Each {
        void accept(Event event) throws CommandFailure;
    }

    /** Every event, oldest first. */
    static void all(EventFeed feed, Each each) throws ApiException, CommandFailure {
        String pageId = null;
        while (true) {
            Page<Event> page = feed.search(null, pageId, PAGE);
            for (Event event : page.items()) {
                each.accept(event);
            }
            if (!page.hasNext() || page.nextPageId().equals(pageId)) {
                return;
            }
            pageId = page.nextPageId();
        }
    }

    /**
     * The newest {@code n} events that {@code wanted} lets through, oldest first: newest-first pages
     * until there are {@code n} of them or no more events.
     *
     * @param filtered whether {@code wanted} may refuse events (else pages of {@code n} suffice)
     */
    static List<Event> newest(EventFeed feed, int n, Predicate<Event> wanted, boolean filtered) throws ApiException {
        List<Event> found = new ArrayList<>();
        int limit = filtered ? PAGE : Math.min(PAGE, n);
        String pageId = null;
        while (found.size() < n) {
            Page<Event> page = feed.searchNewestFirst(pageId, limit);
            for (Event event : page.items()) {
                if (found.size() < n && wanted.test(event)) {
                    found.add(event);
                }
            }
            if (!page.hasNext() || page.nextPageId().equals(pageId)) {
                break;
            }
            pageId = page.nextPageId();
        }
        Collections.reverse(found);
        return found;
    }
}

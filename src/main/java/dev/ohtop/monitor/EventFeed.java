package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.EventQuery;
import dev.ohtop.api.Page;
import dev.ohtop.api.events.Event;

/**
 * Where an {@link EventTail} reads one conversation's events from: a search, oldest first,
 * that can start at a timestamp, the same newest first, and a count. Today that is the app
 * server; an agent-server (or WebSocket) source can take its place without the tail changing.
 */
public interface EventFeed {

    /**
     * One page of events sorted oldest first.
     *
     * @param timestampGte the service's own timestamp string, passed back untouched; null for all
     * @param pageId       the {@code next_page_id} of the previous page of the same query; null for the first
     */
    Page<Event> search(String timestampGte, String pageId, int limit) throws ApiException;

    /**
     * One page of all the conversation's events sorted newest first: how a tail starts (the
     * latest events at once), then how it fetches older ones, page after page.
     *
     * @param pageId the {@code next_page_id} of the previous page of this query; null for the first
     */
    Page<Event> searchNewestFirst(String pageId, int limit) throws ApiException;

    /** How many events the conversation has in all. */
    int count() throws ApiException;

    /** The app server's {@code /conversation/{id}/events/search} and {@code /count}. */
    static EventFeed cloud(CloudClient cloud, String conversationId) {
        return new EventFeed() {
            @Override
            public Page<Event> search(String timestampGte, String pageId, int limit) throws ApiException {
                EventQuery query = EventQuery.all().since(timestampGte).sorted(EventQuery.SortOrder.TIMESTAMP);
                return cloud.searchEvents(conversationId, query, pageId, limit);
            }

            @Override
            public Page<Event> searchNewestFirst(String pageId, int limit) throws ApiException {
                EventQuery query = EventQuery.all().sorted(EventQuery.SortOrder.TIMESTAMP_DESC);
                return cloud.searchEvents(conversationId, query, pageId, limit);
            }

            @Override
            public int count() throws ApiException {
                return cloud.countEvents(conversationId, EventQuery.all());
            }
        };
    }
}

package dev.ohtop.monitor;

import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.EventQuery;
import dev.ohtop.api.Page;
import dev.ohtop.api.events.Event;

/**
 * Where an {@link EventTail} reads one conversation's events from: a search, oldest first,
 * that can start at a timestamp, the same newest first, and a count: the app server's, or
 * (attached to one with {@code --agent-server}) the agent server's own; the tail is the same.
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
        return of(
                (query, pageId, limit) -> cloud.searchEvents(conversationId, query, pageId, limit),
                () -> cloud.countEvents(conversationId, EventQuery.all()));
    }

    /** An agent server's own {@code /api/conversations/{id}/events/search} and {@code /count}. */
    static EventFeed agentServer(AgentServerClient agent, String conversationId) {
        return of(
                (query, pageId, limit) -> agent.searchEvents(conversationId, query, pageId, limit),
                () -> agent.countEvents(conversationId, EventQuery.all()));
    }

    /** One conversation's event search on either server: the same queries, asked of its route. */
    interface Search {
        Page<Event> page(EventQuery query, String pageId, int limit) throws ApiException;
    }

    /** One conversation's event count on either server. */
    interface Count {
        int all() throws ApiException;
    }

    private static EventFeed of(Search search, Count count) {
        return new EventFeed() {
            @Override
            public Page<Event> search(String timestampGte, String pageId, int limit) throws ApiException {
                return search.page(
                        EventQuery.all().since(timestampGte).sorted(EventQuery.SortOrder.TIMESTAMP), pageId, limit);
            }

            @Override
            public Page<Event> searchNewestFirst(String pageId, int limit) throws ApiException {
                return search.page(EventQuery.all().sorted(EventQuery.SortOrder.TIMESTAMP_DESC), pageId, limit);
            }

            @Override
            public int count() throws ApiException {
                return count.all();
            }
        };
    }
}

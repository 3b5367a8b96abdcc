package dev.ohtop.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.ohtop.api.Timestamps;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An app server (WireMock on loopback) that says exactly what a test wants: the account, a list
 * of conversations on one running sandbox, and each conversation's events with a server count.
 * Every string is whatever the test put in, control characters included (Jackson writes them as
 * JSON escapes, which is what a hostile server would send).
 *
 * <p>Events are searched as the real service does it: {@code timestamp__gte} (a date, or 422),
 * oldest first or newest first ({@code sort_order}), then pages of {@code limit} from
 * {@code page_id} (an offset) with a {@code next_page_id}.
 */
final class FakeCloud implements AutoCloseable {
    static final String KEY = "fake-cloud-key";
    static final String SANDBOX = "sbx1";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String EVENT_PAGES = "event-pages";

    private final Map<String, Events> events = new ConcurrentHashMap<>();
    private final WireMockServer server = new WireMockServer(
            wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new EventPages()));
    private final List<ObjectNode> conversations = new ArrayList<>();
    private String email = "someone@example.com";
    private String agentServer = "http://127.0.0.1:1";
    private String sessionKey = "sess-1";

    FakeCloud() {
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    FakeCloud email(String who) {
        this.email = who;
        return this;
    }

    /** Conversations added after this have their agent server at {@code base}, with {@code key} as its session key. */
    FakeCloud agentServer(URI base, String key) {
        this.agentServer = base.toString();
        this.sessionKey = key;
        return this;
    }

    /** The WireMock behind it, for a test to answer some route differently (the newest stub wins). */
    WireMockServer wire() {
        return server;
    }

    /** Adds a conversation; {@code updatedMinutesAgo} orders the list (newest first after the running ones). */
    FakeCloud conversation(
            String id,
            String title,
            String repository,
            String branch,
            String model,
            String executionStatus,
            int updatedMinutesAgo) {
        ObjectNode c = JSON.objectNode();
        c.put("id", id);
        c.put("created_by_user_id", "u1");
        c.put("sandbox_id", SANDBOX);
        c.put("selected_repository", repository);
        c.put("selected_branch", branch);
        c.put("git_provider", "github");
        c.put("title", title);
        c.put("trigger", "gui");
        c.putArray("pr_number");
        c.put("llm_model", model);
        c.put("agent_kind", "llm");
        c.putObject("metrics").put("model_name", model).put("accumulated_cost", 1.25);
        c.putArray("sub_conversation_ids");
        c.putObject("tags");
        String at = java.time.Instant.parse("2026-11-27T10:15:30Z")
                .minusSeconds(60L * updatedMinutesAgo)
                .toString();
        c.put("created_at", at);
        c.put("updated_at", at);
        c.put("sandbox_status", "RUNNING");
        c.put("execution_status", executionStatus);
        c.put("conversation_url", agentServer + "/api/conversations/" + id);
        c.put("session_api_key", sessionKey);
        conversations.add(c);
        return this;
    }

    /** The events of a conversation, oldest first, and what {@code /events/count} answers. */
    FakeCloud events(String conversationId, int serverCount, List<ObjectNode> list) {
        events.put(conversationId, new Listed(new CopyOnWriteArrayList<>(list), serverCount));
        return this;
    }

    /**
     * {@code total} events made on demand, oldest first ({@code eventAt(i)} for the i-th); their
     * timestamps must rise with i. For histories too long to build up front.
     */
    FakeCloud events(String conversationId, int total, IntFunction<ObjectNode> eventAt) {
        events.put(conversationId, new Generated(total, eventAt));
        return this;
    }

    /** Events that arrive later (after {@link #serve()} too); the count grows with them. */
    FakeCloud arrive(String conversationId, ObjectNode... more) {
        Listed listed = (Listed) events.get(conversationId);
        listed.list().addAll(List.of(more));
        listed.counted().addAndGet(more.length);
        return this;
    }

    /**
     * Sets one field of some conversations (say {@code execution_status} to {@code finished}) and
     * serves the list anew: the next refresh sees them all changed at once.
     */
    FakeCloud change(String field, String value, String... ids) {
        synchronized (conversations) {
            for (ObjectNode c : conversations) {
                if (List.of(ids).contains(c.get("id").asText())) {
                    c.put(field, value);
                }
            }
            server.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/search"))
                    .willReturn(okJson(page(conversations, null))));
        }
        return this;
    }

    /** Installs the stubs; call once everything is added. */
    FakeCloud serve() {
        server.stubFor(get(urlPathEqualTo("/api/v1/users/me"))
                .willReturn(okJson(
                        JSON.objectNode().put("id", "u1").put("email", email).toString())));
        server.stubFor(
                get(urlPathEqualTo("/api/v1/app-conversations/search")).willReturn(okJson(page(conversations, null))));
        // One conversation by id, as the consoles and transfers fetch it to find its agent server.
        conversations.forEach(c -> server.stubFor(get(urlPathEqualTo("/api/v1/app-conversations"))
                .withQueryParam("ids", equalTo(c.get("id").asText()))
                .willReturn(okJson(JSON.arrayNode().add(c).toString()))));
        server.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/count"))
                .willReturn(okJson(String.valueOf(conversations.size()))));
        ObjectNode sandbox = JSON.objectNode()
                .put("id", SANDBOX)
                .put("created_by_user_id", "u1")
                .put("sandbox_spec_id", "spec")
                .put("status", "RUNNING")
                .put("session_api_key", sessionKey)
                .put("created_at", "2026-11-27T09:00:00Z");
        sandbox.putArray("exposed_urls");
        server.stubFor(
                get(urlPathEqualTo("/api/v1/sandboxes/search")).willReturn(okJson(page(List.of(sandbox), null))));
        events.keySet().forEach(id -> {
            server.stubFor(get(urlPathEqualTo("/api/v1/conversation/" + id + "/events/search"))
                    .willReturn(aResponse().withTransformers(EVENT_PAGES).withTransformerParameter("id", id)));
            server.stubFor(get(urlPathEqualTo("/api/v1/conversation/" + id + "/events/count"))
                    .willReturn(aResponse().withTransformers(EVENT_PAGES).withTransformerParameter("id", id)));
        });
        return this;
    }

    /** How many search requests for events were answered (each one page). */
    int eventPagesServed() {
        return (int) server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().contains("/events/search"))
                .count();
    }

    private static String page(List<ObjectNode> items, String nextPageId) {
        ObjectNode page = JSON.objectNode();
        ArrayNode array = page.putArray("items");
        items.forEach(array::add);
        page.put("next_page_id", nextPageId);
        return page.toString();
    }

    // ---- events as the service pages them ------------------------------------------------

    /** One conversation's events as the server holds them, oldest first. */
    private interface Events {
        /** The events at or after {@code since} (all for null): those whose timestamp text sorts after it. */
        List<ObjectNode> from(String since, int offset, int limit);

        int matching(String since);

        int count();

        /** Page {@code offset / limit} of all the events newest first ({@code sort_order=TIMESTAMP_DESC}). */
        default List<ObjectNode> newestFirst(int offset, int limit) {
            int total = matching(null);
            int end = Math.max(0, total - offset);
            int start = Math.max(0, end - limit);
            List<ObjectNode> page = new ArrayList<>(from(null, start, end - start));
            java.util.Collections.reverse(page);
            return page;
        }
    }

    private record Listed(List<ObjectNode> list, AtomicInteger counted) implements Events {
        Listed(List<ObjectNode> list, int count) {
            this(list, new AtomicInteger(count));
        }

        private List<ObjectNode> matches(String since) {
            return since == null
                    ? list
                    : list.stream()
                            .filter(e -> e.path("timestamp").isTextual()
                                    && e.get("timestamp").asText().compareTo(since) >= 0)
                            .toList();
        }

        @Override
        public List<ObjectNode> from(String since, int offset, int limit) {
            List<ObjectNode> all = matches(since);
            return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        }

        @Override
        public int matching(String since) {
            return matches(since).size();
        }

        @Override
        public int count() {
            return counted.get();
        }
    }

    private record Generated(int total, IntFunction<ObjectNode> eventAt) implements Events {
        /** The first index at or after {@code since}: timestamps rise with the index. */
        private int first(String since) {
            int low = 0;
            int high = total;
            while (since != null && low < high) {
                int mid = (low + high) >>> 1;
                if (eventAt.apply(mid).path("timestamp").asText().compareTo(since) < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        @Override
        public List<ObjectNode> from(String since, int offset, int limit) {
            List<ObjectNode> out = new ArrayList<>(limit);
            for (int i = first(since) + offset; i < total && out.size() < limit; i++) {
                out.add(eventAt.apply(i));
            }
            return out;
        }

        @Override
        public int matching(String since) {
            return total - first(since);
        }

        @Override
        public int count() {
            return total;
        }
    }

    /** Answers the events routes from {@link #events}, as they are when the request comes. */
    private final class EventPages implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            var request = serveEvent.getRequest();
            Events held = events.get(serveEvent.getTransformerParameters().getString("id"));
            if (request.getUrl().contains("/events/count")) {
                return json(200, String.valueOf(held.count()));
            }
            String since = value(request.queryParameter("timestamp__gte"));
            if (since != null && Timestamps.parse(since) == null) {
                return json(
                        422,
                        "{\"detail\":[{\"loc\":[\"query\",\"timestamp__gte\"],"
                                + "\"msg\":\"Input should be a valid datetime\"}]}");
            }
            int offset = value(request.queryParameter("page_id")) == null
                    ? 0
                    : Integer.parseInt(value(request.queryParameter("page_id")));
            String limitText = value(request.queryParameter("limit"));
            int limit = limitText == null ? 100 : Integer.parseInt(limitText);
            boolean newestFirst = "TIMESTAMP_DESC".equals(value(request.queryParameter("sort_order")));
            List<ObjectNode> items = newestFirst ? held.newestFirst(offset, limit) : held.from(since, offset, limit);
            boolean more = offset + items.size() < held.matching(since);
            return json(200, page(items, more ? String.valueOf(offset + items.size()) : null));
        }

        private static String value(QueryParameter parameter) {
            return parameter == null || !parameter.isPresent() ? null : parameter.firstValue();
        }

        private static ResponseDefinition json(int status, String body) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)
                    .build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return EVENT_PAGES;
        }
    }

    // ---- events, in the shapes of the spec's examples ------------------------------------

    static ObjectNode message(String id, String time, String role, String text) {
        ObjectNode e = base("MessageEvent", id, time, role);
        ObjectNode message = e.putObject("llm_message").put("role", role);
        message.putArray("content").addObject().put("type", "text").put("text", text);
        e.putArray("activated_skills");
        e.putArray("extended_content");
        return e;
    }

    static ObjectNode action(String id, String time, String toolCallId, String command, String summary) {
        ObjectNode e = base("ActionEvent", id, time, "agent");
        e.putArray("thought").addObject().put("type", "text").put("text", "thinking about " + command);
        e.putObject("action")
                .put("kind", "TerminalAction")
                .put("command", command)
                .put("is_input", false);
        e.put("tool_name", "terminal");
        e.put("tool_call_id", toolCallId);
        e.put("security_risk", "LOW");
        e.put("summary", summary);
        return e;
    }

    static ObjectNode observation(
            String id, String time, String actionId, String toolCallId, String command, String output) {
        ObjectNode e = base("ObservationEvent", id, time, "environment");
        e.put("tool_name", "terminal");
        e.put("tool_call_id", toolCallId);
        e.put("action_id", actionId);
        ObjectNode o = e.putObject("observation").put("kind", "TerminalObservation");
        o.putArray("content").addObject().put("type", "text").put("text", output);
        o.put("is_error", false).put("command", command).put("exit_code", 0);
        return e;
    }

    static ObjectNode event(String kind, String id, String time, String source) {
        return base(kind, id, time, source);
    }

    private static ObjectNode base(String kind, String id, String time, String source) {
        return JSON.objectNode()
                .put("kind", kind)
                .put("id", id)
                .put("timestamp", time)
                .put("source", source);
    }

    @Override
    public void close() {
        server.stop();
    }
}

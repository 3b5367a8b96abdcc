package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The agent server's view of the conversations in its sandbox: info, control (pause, run,
 * interrupt, send a message) and event search, whose {@code kind} filter takes the fully qualified
 * Python class name. ACP conversations are served under {@code /api/acp/conversations} as well.
 */
final class AgentConversationRoutes {
    /** What the real server writes when a rejection gives no reason ({@code ConfirmationResponseRequest}). */
    static final String DEFAULT_REJECTION = "User rejected the action.";

    private final DemoWorld world;
    private final AppJson appJson;

    AgentConversationRoutes(DemoWorld world) {
        this.world = world;
        this.appJson = new AppJson(world);
    }

    void register(Router router, String prefix, AgentServer.Guard guard) {
        router.add("GET", prefix + "/api/file/download-trajectory/{conversation}", guard.authed(this::trajectory));
        for (String base : List.of(prefix + "/api/conversations", prefix + "/api/acp/conversations")) {
            router.add("GET", base + "/search", guard.authed(this::search))
                    .add("GET", base + "/count", guard.authed(this::count))
                    .add("GET", base, guard.authed(this::batch))
                    .add("GET", base + "/{conversation}", guard.authed(this::info))
                    .add(
                            "POST",
                            base + "/{conversation}/pause",
                            guard.authed(control((w, c) -> w.stopAgent(c, "PauseEvent"))))
                    .add(
                            "POST",
                            base + "/{conversation}/interrupt",
                            guard.authed(control((w, c) -> w.stopAgent(c, "InterruptEvent"))))
                    .add("POST", base + "/{conversation}/run", guard.authed(control(DemoWorld::runAgent)))
                    .add("POST", base + "/{conversation}/events", guard.authed(this::sendMessage))
                    .add(
                            "POST",
                            base + "/{conversation}/events/respond_to_confirmation",
                            guard.authed(this::respondToConfirmation))
                    .add("GET", base + "/{conversation}/events/search", guard.authed(this::searchEvents))
                    .add("GET", base + "/{conversation}/events/count", guard.authed(this::countEvents));
        }
    }

    private void search(Call call, Map<String, String> params) throws IOException {
        int limit = call.query().limit();
        String pageId = IdSource.normalizeHex(call.query().first("page_id"));
        call.json(200, world.act(w -> {
            List<Conversation> local = w.conversationsIn(params.get("sandbox"));
            int start = 0;
            for (int i = 0; pageId != null && i < local.size(); i++) {
                if (local.get(i).id.equals(pageId)) {
                    start = i;
                    break;
                }
            }
            ObjectNode page = Json.object();
            ArrayNode items = page.putArray("items");
            int end = Math.min(local.size(), start + limit);
            local.subList(start, end).forEach(c -> items.add(info(c)));
            // The real server pages by the 32-hex id (a dashed one silently restarts at page 1).
            return page.put("next_page_id", end < local.size() ? local.get(end).id : null);
        }));
    }

    /** How many conversations this agent server holds (the real one counts its whole catalog). */
    private void count(Call call, Map<String, String> params) throws IOException {
        int count = world.act(w -> w.conversationsIn(params.get("sandbox")).size());
        call.json(200, Json.object().numberNode(count));
    }

    /** Conversations by id, in the order asked, null for those this agent server does not hold. */
    private void batch(Call call, Map<String, String> params) throws IOException {
        List<String> ids = call.query().all("ids");
        call.json(200, world.act(w -> {
            ArrayNode items = Json.array();
            for (String id : ids) {
                Conversation c = w.conversationById(id);
                if (c != null && c.sandboxId.equals(params.get("sandbox"))) {
                    items.add(info(c));
                } else {
                    items.addNull();
                }
            }
            return items;
        }));
    }

    private void info(Call call, Map<String, String> params) throws IOException {
        call.json(200, world.act(w -> info(local(w, params))));
    }

    /** The agent server's own record of a conversation: its ids are dashed UUIDs. */
    private static ObjectNode info(Conversation c) {
        ObjectNode json = Json.object()
                .put("id", IdSource.dashed(c.id))
                .put("title", c.title)
                .put("execution_status", c.executionStatus)
                .put("created_at", WireTime.microsZ(c.createdAt))
                .put("updated_at", WireTime.microsZ(c.updatedAt));
        // Where the agent works: ohtop reads it for the console's start folder and relative paths.
        json.putObject("workspace").put("kind", "LocalWorkspace").put("working_dir", SandboxFiles.PROJECT);
        json.set("metrics", AppJson.metrics(c));
        json.putObject("agent")
                .put("kind", c.origin.isAcp() ? "ACPAgent" : "Agent")
                .putObject("llm")
                .put("model", c.origin.llmModel());
        return json;
    }

    private Router.Handler control(BiConsumer<DemoWorld, Conversation> action) {
        return (call, params) -> {
            world.act(w -> {
                action.accept(w, local(w, params));
                return null;
            });
            call.json(200, Json.object().put("success", true));
        };
    }

    private void sendMessage(Call call, Map<String, String> params) throws IOException {
        JsonNode message = call.jsonBody();
        if (message == null || !message.isObject()) {
            throw ApiError.missing("body", "content");
        }
        world.act(w -> {
            w.deliverMessage(
                    local(w, params),
                    DemoWorld.messageText(message),
                    message.path("run").asBoolean(false));
            return null;
        });
        call.json(200, Json.object().put("success", true));
    }

    /** {@code {"accept": bool, "reason": "..."}}; the reason defaults as the real server's does. */
    private void respondToConfirmation(Call call, Map<String, String> params) throws IOException {
        JsonNode body = call.jsonBody();
        if (body == null || !body.isObject() || !body.path("accept").isBoolean()) {
            throw ApiError.missing("body", "accept");
        }
        String reason = body.path("reason").isTextual() ? body.get("reason").asText() : DEFAULT_REJECTION;
        world.act(w -> {
            w.respondToConfirmation(local(w, params), body.get("accept").asBoolean(), reason);
            return null;
        });
        call.json(200, Json.object().put("success", true));
    }

    private void searchEvents(Call call, Map<String, String> params) throws IOException {
        Query query = call.query();
        EventFilter filter = filter(query);
        boolean newestFirst =
                "TIMESTAMP_DESC".equals(query.oneOf("sort_order", "TIMESTAMP", "TIMESTAMP", "TIMESTAMP_DESC"));
        int limit = query.limit();
        call.json(200, world.act(w -> {
            ConversationEvents.CursorPage page =
                    local(w, params).events.page(filter, newestFirst, query.first("page_id"), limit);
            ObjectNode json = Json.object();
            ArrayNode items = json.putArray("items");
            page.items().forEach(e -> items.add(e.json()));
            return json.put("next_page_id", page.nextPageId());
        }));
    }

    private void countEvents(Call call, Map<String, String> params) throws IOException {
        EventFilter filter = filter(call.query());
        int count =
                world.act(w -> local(w, params).events.matching(filter, false).size());
        call.json(200, Json.object().numberNode(count));
    }

    private void trajectory(Call call, Map<String, String> params) throws IOException {
        record Trajectory(JsonNode meta, List<ConversationEvents.Stored> events) {}
        Trajectory trajectory = world.act(w -> {
            Conversation conversation = local(w, params);
            return new Trajectory(appJson.conversationInfo(conversation), conversation.events.all());
        });
        try (OutputStream out = call.stream(200, "application/zip", -1, Map.of())) {
            TrajectoryZip.write(out, trajectory.meta(), trajectory.events());
        }
    }

    private static EventFilter filter(Query query) {
        return new EventFilter(
                query.first("kind"),
                true,
                query.first("source"),
                query.first("body"),
                query.instant("timestamp__gte"),
                query.instant("timestamp__lt"));
    }

    /** The conversation named in the path, if it lives in this sandbox. */
    private static Conversation local(DemoWorld world, Map<String, String> params) {
        Conversation conversation = world.conversationById(params.get("conversation"));
        if (conversation == null || !conversation.sandboxId.equals(params.get("sandbox"))) {
            throw ApiError.detail(404, "Conversation not found");
        }
        return conversation;
    }
}

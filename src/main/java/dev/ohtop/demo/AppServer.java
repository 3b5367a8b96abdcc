package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The simulated OpenHands Cloud app server: every route of spec section 1 under {@code /api/v1},
 * behind Cloud's API-key check. A session key is not a credential here.
 */
final class AppServer implements Endpoint.Service {
    private static final String WEB_APP_PAGE = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>OpenHands</title><link rel=\"icon\" href=\"/favicon.ico\"></head>"
            + "<body><div id=\"root\"></div><script type=\"module\" src=\"/assets/index.js\"></script></body></html>\n";

    private final DemoWorld world;
    private final AppJson json;
    private final byte[] apiKey;
    private final Router router = new Router();

    AppServer(DemoWorld world, String apiKey) {
        this.world = world;
        this.json = new AppJson(world);
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        String v1 = "/api/v1";
        router.add("GET", v1 + "/users/me", this::me)
                .add("GET", v1 + "/app-conversations/start-tasks/search", this::searchStartTasks)
                .add("GET", v1 + "/app-conversations/start-tasks", this::batchStartTasks)
                .add("GET", v1 + "/app-conversations/search", this::searchConversations)
                .add("GET", v1 + "/app-conversations/count", this::countConversations)
                .add("GET", v1 + "/app-conversations", this::batchConversations)
                .add("POST", v1 + "/app-conversations", this::startConversation)
                .add("GET", v1 + "/app-conversations/{id}/download", this::download)
                .add("POST", v1 + "/app-conversations/{id}/send-message", this::sendMessage)
                .add("GET", v1 + "/app-conversations/{id}", this::webAppPage)
                .add("PATCH", v1 + "/app-conversations/{id}", this::patch)
                .add("DELETE", v1 + "/app-conversations/{id}", this::delete)
                .add("GET", v1 + "/conversation/{id}/events/search", this::searchEvents)
                .add("GET", v1 + "/conversation/{id}/events/count", this::countEvents)
                .add("GET", v1 + "/sandboxes/search", this::searchSandboxes)
                .add("GET", v1 + "/sandboxes", this::batchSandboxes)
                .add("POST", v1 + "/sandboxes/{id}/pause", this::pauseSandbox)
                .add("POST", v1 + "/sandboxes/{id}/resume", this::resumeSandbox);
    }

    @Override
    public void answer(Call call) throws IOException {
        if (!hasApiKey(call.header("Authorization"))) {
            throw new ApiError(401, Json.error("Invalid API key"));
        }
        router.dispatch(call, call.path());
    }

    private boolean hasApiKey(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, apiKey);
    }

    private void me(Call call, Map<String, String> params) throws IOException {
        call.json(
                200,
                Json.object()
                        .put("id", world.userId())
                        .put("email", "demo@ohtop.dev")
                        .put("username", "demo-user")
                        .put("display_name", "Demo User")
                        .put("accepted_tos", true));
    }

    // ---- conversations ----

    private void searchConversations(Call call, Map<String, String> params) throws IOException {
        ConversationQuery filter = ConversationQuery.from(call.query());
        OffsetPaging paging = OffsetPaging.of(call.query());
        call.json(200, world.act(w -> paging.page(filter.apply(w.conversationsNewestFirst()), json::conversation)));
    }

    private void countConversations(Call call, Map<String, String> params) throws IOException {
        ConversationQuery filter = ConversationQuery.from(call.query());
        int count = world.act(w -> filter.apply(w.conversationsNewestFirst()).size());
        call.json(200, Json.object().numberNode(count));
    }

    private void batchConversations(Call call, Map<String, String> params) throws IOException {
        batchGet(call, "ids", DemoWorld::conversationById, json::conversation);
    }

    private void startConversation(Call call, Map<String, String> params) throws IOException {
        ObjectNode request = objectBody(call);
        call.json(200, world.act(w -> json.startTask(w.requestStart(request))));
    }

    /** Cloud has no single-conversation GET: this path is the web app's, and answers its HTML page. */
    private void webAppPage(Call call, Map<String, String> params) throws IOException {
        call.text(200, "text/html; charset=utf-8", WEB_APP_PAGE);
    }

    private void patch(Call call, Map<String, String> params) throws IOException {
        ObjectNode changes = objectBody(call);
        call.json(200, world.act(w -> {
            Conversation conversation = w.requireConversation(params.get("id"));
            if (changes.has("title")) {
                conversation.title = changes.get("title").asText();
            }
            if (changes.has("public")) {
                conversation.isPublic = changes.get("public").isNull()
                        ? null
                        : changes.get("public").asBoolean();
            }
            if (changes.has("tags") && changes.get("tags").isObject()) {
                conversation.tags.clear();
                changes.get("tags")
                        .properties()
                        .forEach(e ->
                                conversation.tags.put(e.getKey(), e.getValue().asText()));
            }
            conversation.updatedAt = w.now();
            return json.conversation(conversation);
        }));
    }

    private void delete(Call call, Map<String, String> params) throws IOException {
        world.act(w -> {
            w.delete(w.requireConversation(params.get("id")));
            return null;
        });
        call.json(200, Json.object().put("success", true));
    }

    private void sendMessage(Call call, Map<String, String> params) throws IOException {
        ObjectNode message = objectBody(call);
        String sandboxStatus = world.act(w -> {
            Conversation conversation = w.requireConversation(params.get("id"));
            w.sendMessage(
                    conversation,
                    DemoWorld.messageText(message),
                    message.path("run").asBoolean(true));
            return w.sandbox(conversation.sandboxId).status.name();
        });
        call.json(
                200,
                Json.object()
                        .put("success", true)
                        .put("sandbox_status", sandboxStatus)
                        .put("message", "Message sent"));
    }

    private void download(Call call, Map<String, String> params) throws IOException {
        record Trajectory(String id, JsonNode meta, List<ConversationEvents.Stored> events) {}
        Trajectory trajectory = world.act(w -> {
            Conversation conversation = w.requireConversation(params.get("id"));
            return new Trajectory(conversation.id, json.conversationInfo(conversation), conversation.events.all());
        });
        try (OutputStream out = call.stream(
                200,
                "application/zip",
                -1,
                Map.of("Content-Disposition", "attachment; filename=\"conversation_" + trajectory.id() + ".zip\""))) {
            TrajectoryZip.write(out, trajectory.meta(), trajectory.events());
        }
    }

    // ---- events ----

    private void searchEvents(Call call, Map<String, String> params) throws IOException {
        EventFilter filter = eventFilter(call.query());
        boolean newestFirst =
                "TIMESTAMP_DESC".equals(call.query().oneOf("sort_order", "TIMESTAMP", "TIMESTAMP", "TIMESTAMP_DESC"));
        OffsetPaging paging = OffsetPaging.of(call.query());
        call.json(
                200,
                world.act(w -> paging.page(
                        w.requireConversation(params.get("id")).events.matching(filter, newestFirst),
                        ConversationEvents.Stored::json)));
    }

    private void countEvents(Call call, Map<String, String> params) throws IOException {
        EventFilter filter = eventFilter(call.query());
        int count = world.act(w -> w.requireConversation(params.get("id"))
                .events
                .matching(filter, false)
                .size());
        call.json(200, Json.object().numberNode(count));
    }

    private static EventFilter eventFilter(Query query) {
        return new EventFilter(
                query.first("kind__eq"),
                false,
                null,
                null,
                query.instant("timestamp__gte"),
                query.instant("timestamp__lt"));
    }

    // ---- start tasks ----

    private void batchStartTasks(Call call, Map<String, String> params) throws IOException {
        batchGet(call, "ids", DemoWorld::startTask, json::startTask);
    }

    private void searchStartTasks(Call call, Map<String, String> params) throws IOException {
        Query query = call.query();
        String conversationId = IdSource.normalizeHex(query.first("conversation_id__eq"));
        Instant createdFrom = query.instant("created_at__gte");
        boolean oldestFirst = "CREATED_AT"
                .equals(query.oneOf(
                        "sort_order",
                        "CREATED_AT_DESC",
                        "CREATED_AT",
                        "CREATED_AT_DESC",
                        "UPDATED_AT",
                        "UPDATED_AT_DESC"));
        OffsetPaging paging = OffsetPaging.of(query);
        call.json(200, world.act(w -> {
            List<StartTask> tasks = new ArrayList<>(w.startTasksNewestFirst().stream()
                    .filter(t -> query.first("conversation_id__eq") == null
                            || conversationId != null && conversationId.equals(t.conversationId))
                    .filter(t -> createdFrom == null || !t.createdAt.isBefore(createdFrom))
                    .toList());
            if (oldestFirst) {
                Collections.reverse(tasks);
            }
            return paging.page(tasks, json::startTask);
        }));
    }

    // ---- sandboxes ----

    private void searchSandboxes(Call call, Map<String, String> params) throws IOException {
        OffsetPaging paging = OffsetPaging.of(call.query());
        call.json(200, world.act(w -> paging.page(w.sandboxesNewestFirst(), json::sandbox)));
    }

    private void batchSandboxes(Call call, Map<String, String> params) throws IOException {
        batchGet(call, "id", DemoWorld::sandbox, json::sandbox);
    }

    private void pauseSandbox(Call call, Map<String, String> params) throws IOException {
        world.act(w -> {
            w.pause(w.requireSandbox(params.get("id")));
            return null;
        });
        call.json(200, Json.object().put("success", true));
    }

    private void resumeSandbox(Call call, Map<String, String> params) throws IOException {
        world.act(w -> {
            w.resume(w.requireSandbox(params.get("id")));
            return null;
        });
        call.json(200, Json.object().put("success", true));
    }

    /** A batch get: the ids of the repeated {@code parameter}, each found or null, in request order. */
    private <T> void batchGet(
            Call call, String parameter, BiFunction<DemoWorld, String, T> find, Function<T, JsonNode> toJson)
            throws IOException {
        List<String> ids = Batch.ids(call.query(), parameter);
        call.json(
                200,
                world.act(w -> Batch.get(ids, id -> {
                    T found = find.apply(w, id);
                    return found == null ? null : toJson.apply(found);
                })));
    }

    /** A JSON object body; an absent body counts as {}. */
    private static ObjectNode objectBody(Call call) throws IOException {
        JsonNode body = call.jsonBody();
        if (body == null) {
            return Json.object();
        }
        if (!body.isObject()) {
            throw ApiError.invalid(
                    "model_attributes_type",
                    "body",
                    "body",
                    "Input should be a valid dictionary or" + " object to extract fields from",
                    body.toString(),
                    null);
        }
        return (ObjectNode) body;
    }
}

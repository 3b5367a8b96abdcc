package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The agent server's {@code /api/bash} routes. */
final class BashRoutes {
    private static final int DEFAULT_TIMEOUT_SECONDS = 300;

    private final BashRunner bash;
    private final SandboxFiles files;

    BashRoutes(BashRunner bash, SandboxFiles files) {
        this.bash = bash;
        this.files = files;
    }

    void register(Router router, String prefix, AgentServer.Guard guard) {
        router.add("POST", prefix + "/api/bash/execute_bash_command", guard.authed(this::execute))
                .add("POST", prefix + "/api/bash/start_bash_command", guard.authed(this::start))
                .add("GET", prefix + "/api/bash/bash_events/search", guard.authed(this::search))
                .add("POST", prefix + "/api/bash/bash_commands/{command}/stop", guard.authed(this::stop));
    }

    /** Not in our spec, but the real agent server (1.58.2) has it: 404 for an unknown command. */
    private void stop(Call call, Map<String, String> params) throws IOException {
        String commandId = IdSource.normalizeHex(params.get("command"));
        if (commandId == null || !bash.stop(params.get("sandbox"), commandId)) {
            throw ApiError.detail(404, "Not Found");
        }
        call.json(200, Json.object().put("success", true));
    }

    private void execute(Call call, Map<String, String> params) throws IOException {
        BashRunner.Request request = request(call);
        call.json(200, bash.execute(params.get("sandbox"), request));
    }

    private void start(Call call, Map<String, String> params) throws IOException {
        BashRunner.Request request = request(call);
        call.json(200, bash.start(params.get("sandbox"), request));
    }

    private void search(Call call, Map<String, String> params) throws IOException {
        Query query = call.query();
        String kind = query.first("kind__eq");
        String commandIdText = query.first("command_id__eq");
        String commandId = IdSource.normalizeHex(commandIdText);
        if (commandIdText != null && commandId == null) {
            throw ApiError.invalid(
                    "uuid_parsing", "query", "command_id__eq", "Input should be a valid UUID", commandIdText, null);
        }
        Integer orderAbove = query.integer("order__gt");
        Instant from = query.instant("timestamp__gte");
        Instant until = query.instant("timestamp__lt");
        boolean newestFirst =
                "TIMESTAMP_DESC".equals(query.oneOf("sort_order", "TIMESTAMP", "TIMESTAMP", "TIMESTAMP_DESC"));
        int limit = query.limit();

        List<BashEvents.Event> matching = new ArrayList<>();
        for (BashEvents.Event event : bash.events(params.get("sandbox")).all()) {
            boolean output = event instanceof BashEvents.Output;
            // Only outputs carry a command id or an order, so those filters leave commands out.
            if ((kind == null || kind.equals(event.kind()))
                    && (commandId == null || output && commandId.equals(((BashEvents.Output) event).commandId()))
                    && (orderAbove == null || output && ((BashEvents.Output) event).order() > orderAbove)
                    && (from == null || !event.at().isBefore(from))
                    && (until == null || event.at().isBefore(until))) {
                matching.add(event);
            }
        }
        if (newestFirst) {
            Collections.reverse(matching);
        }
        call.json(200, page(matching, query.first("page_id"), limit, files.paths(params.get("sandbox"))));
    }

    /** As the agent server pages: from the event named by page_id; next_page_id names the first of the next page. */
    private static ObjectNode page(List<BashEvents.Event> events, String pageId, int limit, SandboxPaths paths) {
        int start = 0;
        for (int i = 0; pageId != null && i < events.size(); i++) {
            if (events.get(i).id().equals(pageId)) {
                start = i;
                break;
            }
        }
        ObjectNode page = Json.object();
        ArrayNode items = page.putArray("items");
        int end = Math.min(events.size(), start + limit);
        for (int i = start; i < end; i++) {
            items.add(BashEvents.json(events.get(i), paths));
        }
        return page.put("next_page_id", end < events.size() ? events.get(end).id() : null);
    }

    private static BashRunner.Request request(Call call) throws IOException {
        JsonNode body = call.jsonBody();
        if (body == null || !body.isObject() || !body.hasNonNull("command")) {
            throw ApiError.missing("body", "command");
        }
        JsonNode timeout = body.get("timeout");
        int seconds = DEFAULT_TIMEOUT_SECONDS;
        if (timeout != null && !timeout.isNull()) {
            if (timeout.canConvertToInt()
                    && (timeout.isIntegralNumber() || timeout.asText().matches("-?\\d+"))) {
                seconds = timeout.asInt();
            } else {
                throw ApiError.invalid(
                        "int_parsing", "body", "timeout", "Input should be a valid integer", timeout.asText(), null);
            }
        }
        JsonNode cwd = body.get("cwd");
        return new BashRunner.Request(
                body.get("command").asText(), cwd == null || cwd.isNull() ? null : cwd.asText(), seconds);
    }
}

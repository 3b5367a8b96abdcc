package dev.ohtop.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one event from JSON, leniently: a field that is missing or of the wrong type becomes
 * null, never a failure, and a kind we do not know becomes an {@link UnknownEvent}. Only the
 * fields the screens show are pulled out; the rest stays in the raw JSON.
 */
public final class EventParser {
    /** Cap on any one text we keep per event; the detail view reads the full raw JSON. */
    static final int MAX_TEXT = 4096;

    private EventParser() {}

    public static Event parse(JsonNode node) {
        JsonNode n = node == null || !node.isObject()
                ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : node;
        String kind = EventKinds.shortName(text(n, "kind"));
        EventInfo info = new EventInfo(
                text(n, "id"), kind, text(n, "timestamp"), text(n, "source"), text(n, "parent_id"), RawJson.of(n));
        if (kind == null) {
            return new UnknownEvent(info);
        }
        return switch (kind) {
            case "MessageEvent" -> message(info, n);
            case "ActionEvent" -> action(info, n);
            case "ObservationEvent" -> observation(info, n);
            case "UserRejectObservation" ->
                new ObservationEvent(
                        info,
                        text(n, "tool_name"),
                        text(n, "tool_call_id"),
                        text(n, "action_id"),
                        kind,
                        text(n, "rejection_reason"),
                        false,
                        null,
                        null);
            case "AgentErrorEvent" ->
                new ErrorEvent(info, text(n, "tool_name"), text(n, "tool_call_id"), null, text(n, "error"));
            case "ConversationErrorEvent", "ServerErrorEvent" ->
                new ErrorEvent(
                        info,
                        null,
                        null,
                        text(n, "code"),
                        firstNonNull(text(n, "detail"), text(n, "error"), text(n, "message")));
            case "ConversationStateUpdateEvent" -> stateUpdate(info, n);
            case "SystemPromptEvent" ->
                new SystemPromptEvent(info, text(n.path("system_prompt"), "text"), toolNames(n.path("tools")));
            case "HookExecutionEvent" ->
                new HookEvent(
                        info,
                        text(n, "hook_event_type"),
                        text(n, "hook_command"),
                        bool(n, "success"),
                        bool(n, "blocked"),
                        integer(n, "exit_code"),
                        text(n, "stdout"),
                        text(n, "stderr"));
            case "Condensation", "CondensationRequest", "CondensationSummaryEvent" ->
                new CondensationEvent(info, n.path("forgotten_event_ids").size(), text(n, "summary"));
            case "PauseEvent" -> new PlainEvent(info, "paused by the user");
            case "InterruptEvent" -> new PlainEvent(info, "interrupted by the user");
            case "StreamingDeltaEvent" ->
                new StreamingDeltaEvent(info, text(n, "content"), text(n, "reasoning_content"));
            case "TokenEvent", "LLMCompletionLogEvent", "ACPToolCallEvent" -> new PlainEvent(info, kind);
            default -> new UnknownEvent(info);
        };
    }

    private static MessageEvent message(EventInfo info, JsonNode n) {
        JsonNode llm = n.path("llm_message");
        List<String> images = new ArrayList<>();
        for (JsonNode item : llm.path("content")) {
            if ("image".equals(text(item, "type"))) {
                item.path("image_urls").forEach(u -> images.add(u.asText()));
            }
        }
        return new MessageEvent(info, text(llm, "role"), joinTexts(llm.path("content")), List.copyOf(images));
    }

    private static ActionEvent action(EventInfo info, JsonNode n) {
        JsonNode action = n.path("action");
        String actionKind = text(action, "kind");
        return new ActionEvent(
                info,
                text(n, "tool_name"),
                text(n, "tool_call_id"),
                actionKind,
                mainArgument(actionKind, action),
                text(n, "summary"),
                joinTexts(n.path("thought")),
                text(n, "security_risk"));
    }

    /** The one argument that says what the action does, per action kind. */
    static String mainArgument(String actionKind, JsonNode action) {
        if (actionKind == null) {
            return firstNonNull(text(action, "command"), text(action, "message"), text(action, "thought"));
        }
        return switch (actionKind) {
            case "TerminalAction", "ExecuteBashAction", "CmdRunAction" -> text(action, "command");
            case "FileEditorAction", "StrReplaceEditorAction" -> join(text(action, "command"), text(action, "path"));
            case "FinishAction" -> text(action, "message");
            case "ThinkAction" -> text(action, "thought");
            default ->
                firstNonNull(
                        text(action, "command"),
                        text(action, "path"),
                        text(action, "message"),
                        text(action, "thought"));
        };
    }

    private static ObservationEvent observation(EventInfo info, JsonNode n) {
        JsonNode obs = n.path("observation");
        Integer exitCode = integer(obs, "exit_code");
        if (exitCode == null) {
            exitCode = integer(obs.path("metadata"), "exit_code");
        }
        return new ObservationEvent(
                info,
                text(n, "tool_name"),
                text(n, "tool_call_id"),
                text(n, "action_id"),
                text(obs, "kind"),
                joinTexts(obs.path("content")),
                Boolean.TRUE.equals(bool(obs, "is_error")),
                exitCode,
                text(obs, "command"));
    }

    private static StateUpdateEvent stateUpdate(EventInfo info, JsonNode n) {
        JsonNode value = n.path("value");
        String key = text(n, "key");
        String shown = value.isValueNode()
                ? value.asText()
                : value.isMissingNode() || value.isNull() ? null : "{" + value.size() + " fields}";
        FullState full = "full_state".equals(key) && value.isObject() ? fullState(value) : null;
        return new StateUpdateEvent(info, key, cap(shown), costOf(value), full);
    }

    private static FullState fullState(JsonNode value) {
        JsonNode agent = value.path("agent");
        return new FullState(
                text(value, "execution_status"),
                text(agent.path("llm"), "model"),
                costOf(value),
                text(value.path("workspace"), "working_dir"),
                integer(value, "max_iterations"),
                text(value.path("confirmation_policy"), "kind"),
                text(value.path("security_analyzer"), "kind"),
                toolNames(agent.path("tools")),
                value.size());
    }

    /**
     * The accumulated cost inside a stats value: either a metrics object with
     * {@code accumulated_cost}, or {@code usage_to_metrics} (one metrics per LLM usage) summed.
     */
    static Double costOf(JsonNode value) {
        if (value == null || !value.isObject()) {
            return null;
        }
        JsonNode stats = value.has("stats") ? value.get("stats") : value;
        JsonNode usage = stats.path("usage_to_metrics");
        if (usage.isObject()) {
            double sum = 0;
            boolean any = false;
            for (JsonNode metrics : usage) {
                if (metrics.path("accumulated_cost").isNumber()) {
                    sum += metrics.get("accumulated_cost").asDouble();
                    any = true;
                }
            }
            return any ? sum : null;
        }
        JsonNode cost = stats.path("accumulated_cost");
        return cost.isNumber() ? cost.asDouble() : null;
    }

    private static List<String> toolNames(JsonNode tools) {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : tools) {
            String name = tool.isTextual()
                    ? tool.asText()
                    : firstNonNull(text(tool, "name"), text(tool.path("function"), "name"), text(tool, "title"));
            if (name != null) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** Joins the {@code text} of every {@code type:"text"} item of a content list. */
    static String joinTexts(JsonNode items) {
        if (items == null || !items.isArray()) {
            return items != null && items.isTextual() ? cap(items.asText()) : "";
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode item : items) {
            String t = item.isTextual()
                    ? item.asText()
                    : "text".equals(text(item, "type")) || !item.has("type") ? text(item, "text") : null;
            if (t != null && !t.isEmpty()) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(t);
                if (out.length() > MAX_TEXT) {
                    break;
                }
            }
        }
        return cap(out.toString());
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        return cap(v.asText());
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() || (v.isNumber() && v.canConvertToInt())) {
            return v.asInt();
        }
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isBoolean() ? null : v.asBoolean();
    }

    private static String cap(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}

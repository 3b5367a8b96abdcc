package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Conversation events in the SDK's shapes (spec section 3 and examples/event-page.json). */
final class EventJson {
    private final IdSource ids;

    EventJson(IdSource ids) {
        this.ids = ids;
    }

    static ArrayNode textContent(String text) {
        ArrayNode content = Json.array();
        content.addObject().put("type", "text").put("text", text).put("cache_prompt", false);
        return content;
    }

    ObjectNode systemPrompt(Instant at) {
        ObjectNode event = base("SystemPromptEvent", at, "agent");
        event.putObject("system_prompt").put("type", "text").put("text", Playbook.SYSTEM_PROMPT);
        ArrayNode tools = event.putArray("tools");
        Playbook.TOOLS.forEach(name -> tools.addObject().put("name", name));
        return event;
    }

    /** {@code source} is "user" or "agent"; the LLM role of an agent message is "assistant". */
    ObjectNode message(Instant at, String source, String text) {
        ObjectNode event = base("MessageEvent", at, source);
        ObjectNode message = event.putObject("llm_message").put("role", source.equals("user") ? "user" : "assistant");
        message.set("content", textContent(text));
        message.putArray("thinking_blocks");
        event.putArray("activated_skills");
        event.putArray("extended_content");
        return event;
    }

    ObjectNode action(Instant at, AgentStep step, String toolCallId) {
        ObjectNode event = base("ActionEvent", at, "agent");
        event.set("thought", step.thought().isEmpty() ? Json.array() : textContent(step.thought()));
        event.putArray("thinking_blocks");
        event.set("action", step.action());
        event.put("tool_name", step.toolName()).put("tool_call_id", toolCallId);
        event.putObject("tool_call")
                .put("id", toolCallId)
                .put("name", step.toolName())
                .put("arguments", step.arguments())
                .put("origin", "completion");
        event.put("llm_response_id", "chatcmpl-" + ids.base62(24));
        return event.put("security_risk", step.securityRisk()).put("summary", step.summary());
    }

    ObjectNode observation(Instant at, AgentStep step, ObjectNode action) {
        ObjectNode event = base("ObservationEvent", at, "environment");
        event.put("tool_name", step.toolName())
                .put("tool_call_id", action.get("tool_call_id").asText())
                .put("action_id", action.get("id").asText());
        event.set("observation", step.observation());
        event.putArray("extended_content");
        return event;
    }

    /** The answer to an action the user rejected in confirmation mode, as the SDK writes it. */
    ObjectNode rejection(Instant at, AgentStep step, ObjectNode action, String reason) {
        return base("UserRejectObservation", at, "environment")
                .put("tool_name", step.toolName())
                .put("tool_call_id", action.get("tool_call_id").asText())
                .put("rejection_reason", reason)
                .put("rejection_source", "user")
                .put("action_id", action.get("id").asText());
    }

    ObjectNode stateUpdate(Instant at, String key, JsonNode value) {
        ObjectNode event =
                base("ConversationStateUpdateEvent", at, "environment").put("key", key);
        event.set("value", value);
        return event;
    }

    ObjectNode executionStatus(Instant at, String status) {
        return stateUpdate(at, "execution_status", TextNode.valueOf(status));
    }

    /**
     * A tool call the agent server could not run (unknown tool, unparseable arguments): an
     * ActionEvent with no {@code action}, which an {@link #agentError} with the same tool call id closes.
     */
    ObjectNode failedAction(Instant at, String toolName, String toolCallId, String arguments) {
        ObjectNode event = base("ActionEvent", at, "agent");
        event.putArray("thought");
        event.putArray("thinking_blocks");
        event.put("tool_name", toolName).put("tool_call_id", toolCallId);
        event.putObject("tool_call")
                .put("id", toolCallId)
                .put("name", toolName)
                .put("arguments", arguments)
                .put("origin", "completion");
        event.put("llm_response_id", "chatcmpl-" + ids.base62(24));
        return event.put("security_risk", "UNKNOWN");
    }

    ObjectNode agentError(Instant at, String toolName, String toolCallId, String error) {
        return base("AgentErrorEvent", at, "agent")
                .put("tool_name", toolName)
                .put("tool_call_id", toolCallId)
                .put("error", error);
    }

    ObjectNode conversationError(Instant at, String code, String detail) {
        return base("ConversationErrorEvent", at, "environment")
                .put("code", code)
                .put("detail", detail);
    }

    ObjectNode hook(Instant at, boolean success) {
        return base("HookExecutionEvent", at, "hook")
                .put("hook_event_type", "PostToolUse")
                .put("hook_command", "./lint.sh")
                .put("success", success)
                .put("blocked", false)
                .put("exit_code", success ? 0 : 1)
                .put("stdout", success ? "ok\n" : "")
                .put("stderr", success ? "" : "lint: 2 problems\n");
    }

    /** A kind no client knows yet: clients must keep it and show it raw. */
    ObjectNode futureEvent(Instant at) {
        ObjectNode event = base("SomeFutureEvent", at, "environment");
        event.putObject("payload").put("note", "a kind this client has never seen: show it raw");
        return event;
    }

    /** {@code PauseEvent} or {@code InterruptEvent}: a user's action, nothing more to it. */
    ObjectNode userAction(Instant at, String kind) {
        return base(kind, at, "user");
    }

    ObjectNode condensation(Instant at, List<String> forgottenIds) {
        ObjectNode event = base("Condensation", at, "environment");
        ArrayNode forgotten = event.putArray("forgotten_event_ids");
        forgottenIds.forEach(forgotten::add);
        return event.put(
                "summary",
                "Earlier: explored the repository, reproduced the flaky test, traced it to the" + " client timeout.");
    }

    /**
     * What only the app server stores: a piece of the LLM's answer as it streamed (the agent
     * server broadcasts these but does not keep them). Its id is made from the event it precedes,
     * so adding it draws nothing from the seeded ids and the rest of the world stays as it was.
     */
    ObjectNode streamingDelta(Instant at, ObjectNode before, String content) {
        return base("StreamingDeltaEvent", at, "agent", derivedId("StreamingDeltaEvent", before))
                .put("content", content);
    }

    /**
     * The whole state at the start of a run, as the app server stores it ({@code key=full_state});
     * the real one has 19 fields, this leaves out the conversation id and its workspace.
     */
    ObjectNode fullState(Instant at, ObjectNode before, String model, String executionStatus) {
        return fullState(at, derivedId("full_state", before), stateValue(model, executionStatus));
    }

    /**
     * What the agent server sends a socket first: the conversation's whole state as it is now, in
     * an event of its own that is not stored (so it gets a random id, not one from the seed).
     *
     * @param metrics the agent's latest metrics, or null before the first stats update
     */
    static ObjectNode currentState(Instant at, String model, String executionStatus, JsonNode metrics) {
        ObjectNode value = stateValue(model, executionStatus);
        if (metrics != null) {
            ((ObjectNode) value.get("stats").get("usage_to_metrics")).set("agent", metrics.deepCopy());
        }
        return fullState(at, UUID.randomUUID().toString(), value);
    }

    private static ObjectNode fullState(Instant at, String id, ObjectNode value) {
        ObjectNode event =
                base("ConversationStateUpdateEvent", at, "environment", id).put("key", "full_state");
        event.set("value", value);
        return event;
    }

    private static ObjectNode stateValue(String model, String executionStatus) {
        ObjectNode value = Json.object();
        ObjectNode agent = value.putObject("agent");
        agent.putObject("llm").put("model", model).put("api_key", "**********").put("usage_id", "agent");
        ArrayNode tools = agent.putArray("tools");
        Playbook.TOOLS.forEach(name -> tools.addObject().put("name", name).putObject("params"));
        agent.put("kind", "Agent");
        value.put("max_iterations", 500).put("stuck_detection", true).put("execution_status", executionStatus);
        value.putObject("confirmation_policy").put("kind", "NeverConfirm");
        value.putObject("security_analyzer").put("kind", "LLMSecurityAnalyzer");
        value.putArray("activated_knowledge_skills");
        value.putArray("activated_path_rules");
        value.putArray("invoked_skills");
        value.putObject("blocked_actions");
        value.putObject("blocked_messages");
        value.put("head_is_empty", false);
        value.putObject("stats").putObject("usage_to_metrics");
        value.putObject("secret_registry").putObject("secret_sources");
        value.putObject("tags");
        value.putObject("agent_state");
        return value;
    }

    /** A version-4-looking UUID made from {@code from}'s id, as all event ids are. */
    private static String derivedId(String what, ObjectNode from) {
        UUID named = UUID.nameUUIDFromBytes((what + " " + from.get("id").asText()).getBytes(StandardCharsets.UTF_8));
        return new UUID((named.getMostSignificantBits() & ~0xF000L) | 0x4000L, named.getLeastSignificantBits())
                .toString();
    }

    private ObjectNode base(String kind, Instant at, String source) {
        return base(kind, at, source, ids.uuid());
    }

    private static ObjectNode base(String kind, Instant at, String source, String id) {
        return Json.object()
                .put("kind", kind)
                .put("id", id)
                .put("timestamp", WireTime.naive(at))
                .put("source", source);
    }
}

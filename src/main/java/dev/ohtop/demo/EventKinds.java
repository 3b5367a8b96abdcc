package dev.ohtop.demo;

import java.util.Map;

/**
 * Short event kinds (what events carry, and what the app server filters on) and the fully
 * qualified Python class names the agent server's {@code kind} filter wants instead.
 */
final class EventKinds {
    private static final String SDK = "openhands.sdk.event.";
    private static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("MessageEvent", "llm_convertible.message"),
            Map.entry("ActionEvent", "llm_convertible.action"),
            Map.entry("ObservationEvent", "llm_convertible.observation"),
            Map.entry("UserRejectObservation", "llm_convertible.observation"),
            Map.entry("AgentErrorEvent", "llm_convertible.observation"),
            Map.entry("SystemPromptEvent", "llm_convertible.system"),
            Map.entry("ConversationStateUpdateEvent", "conversation_state"),
            Map.entry("ConversationErrorEvent", "conversation_error"),
            Map.entry("PauseEvent", "user_action"),
            Map.entry("InterruptEvent", "user_action"),
            Map.entry("Condensation", "condenser"),
            Map.entry("CondensationRequest", "condenser"),
            Map.entry("CondensationSummaryEvent", "condenser"),
            Map.entry("HookExecutionEvent", "hook_execution"),
            Map.entry("LLMCompletionLogEvent", "llm_completion_log"),
            Map.entry("TokenEvent", "token"),
            Map.entry("ACPToolCallEvent", "acp_tool_call"),
            Map.entry("StreamingDeltaEvent", "streaming_delta"));

    private EventKinds() {}

    /** E.g. {@code ActionEvent} -> {@code openhands.sdk.event.llm_convertible.action.ActionEvent}. */
    static String qualified(String shortKind) {
        // Kinds the SDK does not have yet (the demo's SomeFutureEvent) live in a module of their own.
        return SDK + MODULES.getOrDefault(shortKind, "future") + "." + shortKind;
    }
}

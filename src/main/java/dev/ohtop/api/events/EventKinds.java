package dev.ohtop.api.events;

import java.util.Map;

/**
 * Event kind names. Items carry the short class name ({@code ActionEvent}); the app server's
 * search takes the short name, the agent server's the fully qualified Python class name of the
 * module that defines it (1.58 also takes the short one; older servers may not).
 */
public final class EventKinds {
    private EventKinds() {}

    private static final String EVENT = "openhands.sdk.event.";

    private static final Map<String, String> QUALIFIED = Map.ofEntries(
            Map.entry("MessageEvent", EVENT + "llm_convertible.message.MessageEvent"),
            Map.entry("ActionEvent", EVENT + "llm_convertible.action.ActionEvent"),
            Map.entry("ObservationEvent", EVENT + "llm_convertible.observation.ObservationEvent"),
            Map.entry("UserRejectObservation", EVENT + "llm_convertible.observation.UserRejectObservation"),
            Map.entry("AgentErrorEvent", EVENT + "llm_convertible.observation.AgentErrorEvent"),
            Map.entry("SystemPromptEvent", EVENT + "llm_convertible.system.SystemPromptEvent"),
            Map.entry("TokenEvent", EVENT + "token.TokenEvent"),
            Map.entry("ConversationStateUpdateEvent", EVENT + "conversation_state.ConversationStateUpdateEvent"),
            Map.entry("ConversationErrorEvent", EVENT + "conversation_error.ConversationErrorEvent"),
            Map.entry("PauseEvent", EVENT + "user_action.PauseEvent"),
            Map.entry("InterruptEvent", EVENT + "user_action.InterruptEvent"),
            Map.entry("Condensation", EVENT + "condenser.Condensation"),
            Map.entry("CondensationRequest", EVENT + "condenser.CondensationRequest"),
            Map.entry("CondensationSummaryEvent", EVENT + "condenser.CondensationSummaryEvent"),
            Map.entry("HookExecutionEvent", EVENT + "hook_execution.HookExecutionEvent"),
            Map.entry("LLMCompletionLogEvent", EVENT + "llm_completion_log.LLMCompletionLogEvent"),
            Map.entry("StreamingDeltaEvent", EVENT + "streaming_delta.StreamingDeltaEvent"),
            Map.entry("ACPToolCallEvent", EVENT + "acp_tool_call.ACPToolCallEvent"),
            Map.entry("SecurityAnalysisEvent", EVENT + "security.SecurityAnalysisEvent"),
            Map.entry("ServerErrorEvent", "openhands.agent_server.models.ServerErrorEvent"));

    /** The fully qualified name for a short kind; a name that already has dots is returned as it is. */
    public static String qualified(String kind) {
        if (kind == null || kind.contains(".")) {
            return kind;
        }
        return QUALIFIED.getOrDefault(kind, kind);
    }

    /** The short name: the part after the last dot. */
    public static String shortName(String kind) {
        if (kind == null) {
            return null;
        }
        int dot = kind.lastIndexOf('.');
        return dot < 0 ? kind : kind.substring(dot + 1);
    }
}

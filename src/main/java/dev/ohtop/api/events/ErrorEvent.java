package dev.ohtop.api.events;

/**
 * Something went wrong: {@code AgentErrorEvent} (a tool call failed; it answers the action
 * with the same {@code toolCallId}), {@code ConversationErrorEvent} (with a code) or
 * {@code ServerErrorEvent}.
 */
public record ErrorEvent(EventInfo info, String toolName, String toolCallId, String code, String detail)
        implements Event {
    @Override
    public String summary() {
        String head = code != null ? code : toolName;
        return (head == null ? "" : head + ": ") + (detail == null ? "" : detail);
    }

    @Override
    public boolean isError() {
        return true;
    }
}

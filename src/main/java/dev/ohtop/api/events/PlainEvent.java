package dev.ohtop.api.events;

/**
 * A kind ohtop knows but shows without fields of its own: {@code PauseEvent},
 * {@code InterruptEvent}, {@code TokenEvent}, {@code LLMCompletionLogEvent}, ...
 */
public record PlainEvent(EventInfo info, String note) implements Event {
    @Override
    public String summary() {
        return note == null ? "" : note;
    }
}

package dev.ohtop.api.events;

/**
 * One event of a conversation, typed as far as ohtop needs to show it. Kinds the SDK adds
 * later arrive as {@link UnknownEvent} and are shown by their kind name and raw JSON.
 */
public sealed interface Event
        permits MessageEvent,
                ActionEvent,
                ObservationEvent,
                ErrorEvent,
                StateUpdateEvent,
                StreamingDeltaEvent,
                SystemPromptEvent,
                HookEvent,
                CondensationEvent,
                PlainEvent,
                UnknownEvent {

    EventInfo info();

    /** One line describing the event for the tail (not yet sanitised for the terminal). */
    String summary();

    /** Whether the tail should highlight it as a problem. */
    default boolean isError() {
        return false;
    }

    default String id() {
        return info().id();
    }

    default String kind() {
        return info().kind();
    }

    default String source() {
        return info().source();
    }

    default String timestamp() {
        return info().timestamp();
    }
}

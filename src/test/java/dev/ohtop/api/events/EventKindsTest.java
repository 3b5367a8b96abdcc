package dev.ohtop.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agent server filters on the fully qualified class name, the app server on the short one. */
class EventKindsTest {

    @ParameterizedTest
    @CsvSource({
        "MessageEvent, openhands.sdk.event.llm_convertible.message.MessageEvent",
        "ActionEvent, openhands.sdk.event.llm_convertible.action.ActionEvent",
        "ObservationEvent, openhands.sdk.event.llm_convertible.observation.ObservationEvent",
        "AgentErrorEvent, openhands.sdk.event.llm_convertible.observation.AgentErrorEvent",
        "ConversationStateUpdateEvent, openhands.sdk.event.conversation_state.ConversationStateUpdateEvent",
        "ConversationErrorEvent, openhands.sdk.event.conversation_error.ConversationErrorEvent",
        "PauseEvent, openhands.sdk.event.user_action.PauseEvent",
        "Condensation, openhands.sdk.event.condenser.Condensation",
        "HookExecutionEvent, openhands.sdk.event.hook_execution.HookExecutionEvent"
    })
    void aShortKindIsQualifiedForTheAgentServerAndShortenedBack(String shortName, String qualified) {
        assertEquals(qualified, EventKinds.qualified(shortName));
        assertEquals(shortName, EventKinds.shortName(qualified));
        assertEquals(shortName, EventKinds.shortName(shortName));
    }

    @Test
    void anAlreadyQualifiedOrUnknownKindIsPassedThrough() {
        assertEquals("my.pkg.CustomEvent", EventKinds.qualified("my.pkg.CustomEvent"));
        assertEquals("SomeFutureEvent", EventKinds.qualified("SomeFutureEvent"));
        assertNull(EventKinds.qualified(null));
        assertNull(EventKinds.shortName(null));
    }
}

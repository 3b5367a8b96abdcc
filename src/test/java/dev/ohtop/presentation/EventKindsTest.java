package dev.ohtop.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventKindsTest {
    @Test
    void kindsLoseTheirConversationPrefixAndEventSuffix() {
        assertEquals("StateUpdate", EventKinds.shortKind("ConversationStateUpdateEvent"));
        assertEquals("Action", EventKinds.shortKind("ActionEvent"));
    }

    @Test
    void aRejectionIsNamedSoItFitsTheKindColumn() {
        assertEquals("Rejected", EventKinds.shortKind("UserRejectObservation"));
    }

    @Test
    void aKindThatIsAllNoiseKeepsAName() {
        assertEquals("Event", EventKinds.shortKind("Event"));
        assertEquals("Conversation", EventKinds.shortKind("ConversationEvent"));
        assertEquals("?", EventKinds.shortKind(null));
    }

    @Test
    void theChecklistShowsTheShortNameThenTheFullOneWhenTheyDiffer() {
        assertEquals("Message            MessageEvent", EventKinds.label("MessageEvent"));
        assertEquals("Rejected           UserRejectObservation", EventKinds.label("UserRejectObservation"));
    }

    @Test
    void hiddenKindsAreListedShortAndSorted() {
        assertEquals(
                List.of("Action", "Message", "StateUpdate"),
                EventKinds.shortKinds(Set.of("MessageEvent", "ConversationStateUpdateEvent", "ActionEvent")));
    }
}

package dev.ohtop.monitor;

import static dev.ohtop.monitor.ConfirmationEvents.editor;
import static dev.ohtop.monitor.ConfirmationEvents.observation;
import static dev.ohtop.monitor.ConfirmationEvents.parse;
import static dev.ohtop.monitor.ConfirmationEvents.rejection;
import static dev.ohtop.monitor.ConfirmationEvents.terminal;
import static dev.ohtop.monitor.ConfirmationEvents.toolError;
import static dev.ohtop.monitor.ConfirmationEvents.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.events.Event;
import dev.ohtop.monitor.PendingActions.PendingAction;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which actions a conversation in confirmation mode waits on, found as the SDK finds them. */
class PendingActionsTest {

    private static List<PendingAction> pending(String... events) {
        List<Event> parsed = Stream.of(events).map(ConfirmationEvents::parse).toList();
        return PendingActions.in(parsed);
    }

    @Test
    void theActionsNothingAnswersWaitWithTheirToolWhatTheyDoAndTheAgentsStatedRisk() {
        List<PendingAction> waiting = pending(
                user("m1", "clean up"),
                terminal("a1", "call-1", "ls", "LOW"),
                observation("o1", "a1", "call-1"),
                terminal("a2", "call-2", "rm -rf build", "HIGH"),
                editor("a3", "call-3", "view", "/workspace/README.md", "LOW"));

        assertEquals(
                List.of(
                        new PendingAction(
                                "a2", "terminal", "rm -rf build", "HIGH", Instant.parse("2026-12-04T10:00:01.500Z")),
                        new PendingAction(
                                "a3",
                                "file_editor",
                                "view /workspace/README.md",
                                "LOW",
                                Instant.parse("2026-12-04T10:00:02Z"))),
                waiting);
        assertTrue(PendingActions.anyHighRisk(waiting));
        assertTrue(waiting.get(0).highRisk());
        assertFalse(waiting.get(1).highRisk());
    }

    @Test
    void aRejectedActionNoLongerWaits() {
        assertEquals(
                List.of(),
                pending(
                        terminal("a1", "call-1", "git push -f", "HIGH"),
                        rejection("r1", "a1", "call-1", "not on main")));
    }

    @Test
    void anActionAnsweredOnlyByItsToolCallOrByAToolErrorDoesNotWait() {
        assertEquals(
                List.of(),
                pending(
                        terminal("a1", "call-1", "make", "LOW"),
                        observation("o1", "someone-else", "call-1"),
                        terminal("a2", "call-2", "make test", "LOW"),
                        toolError("e2", "call-2")));
    }

    @Test
    void aToolCallWhoseArgumentsWereInvalidIsNotOfferedForApproval() {
        String invalid = """
                {"kind":"ActionEvent","id":"a1","timestamp":"2026-12-04T10:00:01","source":"agent",
                 "tool_name":"terminal","tool_call_id":"call-1","action":null}""";

        assertEquals(List.of(), pending(invalid));
    }

    @Test
    void anAgentThatStatesNoRiskIsShownAsUnknownRisk() {
        List<PendingAction> waiting = pending(terminal("a1", "call-1", "ls", null));

        assertEquals(PendingActions.UNKNOWN_RISK, waiting.get(0).risk());
        assertFalse(PendingActions.anyHighRisk(waiting));
    }

    @Test
    void anOlderActionLeftWithoutAnswerStillWaitsAsTheSdkWouldRunItOnApproval() {
        List<PendingAction> waiting = pending(
                terminal("a1", "call-1", "sleep 100", "LOW"),
                user("m1", "go on"),
                terminal("a2", "call-2", "echo hi", "MEDIUM"));

        assertEquals(
                List.of("a1", "a2"),
                waiting.stream().map(PendingAction::eventId).toList());
        assertEquals("MEDIUM", waiting.get(1).risk());
        assertEquals(
                parse(terminal("a2", "call-2", "echo hi", "MEDIUM")).id(),
                waiting.get(1).eventId());
    }

    @Test
    void aTailFindsTheSameWaitingActionsAsTheWholeConversation() throws Exception {
        ListFeed feed = new ListFeed();
        Stream.of(
                        user("m1", "clean up"),
                        terminal("a1", "call-1", "ls", "LOW"),
                        observation("o1", "a1", "call-1"),
                        terminal("a2", "call-2", "rm -rf build", "HIGH"))
                .map(ConfirmationEvents::parse)
                .forEach(feed.events::add);
        EventTail tail = new EventTail("c1", feed, dev.ohtop.testing.ManualClock.atDemoStart());
        Tails.pollUntilCaughtUp(tail, 5);

        List<PendingAction> waiting = PendingActions.in(tail.snapshot());

        assertEquals(PendingActions.in(feed.events), waiting);
        assertEquals(List.of("a2"), waiting.stream().map(PendingAction::eventId).toList());
    }
}

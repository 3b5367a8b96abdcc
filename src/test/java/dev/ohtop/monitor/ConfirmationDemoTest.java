package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.MessageRequest;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.EventParser;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.monitor.ConfirmationAnswer.AnswerSnapshot;
import dev.ohtop.monitor.ConfirmationAnswer.State;
import dev.ohtop.monitor.PendingActions.PendingAction;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answering the demo's conversation in confirmation mode through its app server, as ohtop does in
 * Cloud: an approval runs the action and the agent stops at its next risky step; a rejection is
 * answered by a {@code UserRejectObservation} carrying the reason, and leaves the agent idle.
 */
class ConfirmationDemoTest {
    private final ClientOptions options = ClientOptions.defaults().withRetry(RetryPolicy.none());
    private DemoCloud demo;
    private String id;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoCloud(12);
        id = demo.demo.world().conversations().stream()
                .filter(c -> "waiting_for_confirmation".equals(c.executionStatus()))
                .map(ConversationSnapshot::id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo has a conversation waiting for confirmation"));
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private AnswerSnapshot answer(boolean accept, String reason) {
        SandboxAccess access = new SandboxAccess(demo.cloud, id, HttpCore.newHttpClient(options), options);
        ConfirmationAnswer answer = new ConfirmationAnswer(access, id, Runnable::run, () -> {});
        answer.answer(accept, reason);
        return answer.snapshot();
    }

    private List<Event> events() {
        return demo.demo.world().events(id).stream().map(EventParser::parse).toList();
    }

    private String status() {
        return demo.demo.world().conversations().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow()
                .executionStatus();
    }

    @Test
    void anApprovedActionRunsAndTheAgentStopsAgainAtItsNextRiskyStep() {
        List<PendingAction> before = PendingActions.in(events());
        assertEquals(
                List.of("git push --force origin main"),
                before.stream().map(PendingAction::what).toList());
        assertEquals("HIGH", before.get(0).risk());

        AnswerSnapshot approved = answer(true, null);
        assertEquals(State.DONE, approved.state(), String.valueOf(approved.problem()));
        assertEquals(before, approved.actions(), "it says what it approved");
        assertEquals("running", status());

        demo.clock.advanceSeconds(3);
        demo.demo.world().conversations(); // the world moves when asked
        assertTrue(
                events().stream()
                        .anyMatch(e -> e instanceof dev.ohtop.api.events.ObservationEvent o
                                && before.get(0).eventId().equals(o.actionId())
                                && "ObservationEvent".equals(o.kind())),
                "the action's observation follows the approval");

        demo.clock.advanceSeconds(60);
        assertEquals("waiting_for_confirmation", status(), "it waits again");
        List<PendingAction> next = PendingActions.in(events());
        assertEquals(
                List.of("pip install --upgrade httpx"),
                next.stream().map(PendingAction::what).toList());
        assertEquals("MEDIUM", next.get(0).risk());
    }

    @Test
    void aRejectionIsAnsweredWithTheReasonAndTheAgentIsLeftIdleUntilToldMore() throws Exception {
        String pending = PendingActions.in(events()).get(0).eventId();

        assertEquals(State.DONE, answer(false, "never force-push main").state());

        JsonNode rejection = demo.demo.world().events(id).stream()
                .filter(e -> "UserRejectObservation".equals(e.path("kind").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no UserRejectObservation"));
        assertEquals(pending, rejection.path("action_id").asText());
        assertEquals("never force-push main", rejection.path("rejection_reason").asText());
        assertEquals("idle", status());
        assertEquals(List.of(), PendingActions.in(events()));

        AnswerSnapshot again = answer(true, null);
        assertEquals(State.NOT_WAITING, again.state(), "answered once only");

        demo.cloud.sendMessage(id, MessageRequest.userText("find another way"));
        demo.clock.advanceSeconds(60);
        assertEquals("waiting_for_confirmation", status(), "a message wakes it, and it stops at its next risky step");
        assertEquals(
                List.of("pip install --upgrade httpx"),
                PendingActions.in(events()).stream().map(PendingAction::what).toList());
    }
}

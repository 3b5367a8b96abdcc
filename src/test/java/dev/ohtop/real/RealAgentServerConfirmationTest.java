package dev.ohtop.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.EventQuery;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.ObservationEvent;
import dev.ohtop.api.events.StateUpdateEvent;
import dev.ohtop.monitor.PendingActions;
import dev.ohtop.monitor.PendingActions.PendingAction;
import dev.ohtop.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Confirmation mode on the real agent server: a conversation started with the SDK's {@code
 * AlwaysConfirm} policy, driven by the scripted LLM to risky terminal commands, approved once and
 * rejected once by {@code ohtop approve} and {@code ohtop reject} attached to the server; the
 * server's own events say what happened.
 */
@Tag("real-agent-server")
class RealAgentServerConfirmationTest {
    private static RealAgentServer server;
    private static ScriptedLlm llm;
    private static Path project;

    @BeforeAll
    static void llm() throws Exception {
        server = RealAgentServer.shared();
        if (server == null) {
            return;
        }
        project = Files.createDirectories(server.workdir.resolve("confirm-" + System.nanoTime()));
        llm = new ScriptedLlm(List.of(
                ScriptedLlm.Step.of(
                        "terminal",
                        "command",
                        "echo approved > approved.txt",
                        "summary",
                        "write a file",
                        "security_risk",
                        "MEDIUM"),
                ScriptedLlm.Step.of(
                        "terminal",
                        "command",
                        "rm -rf approved.txt",
                        "summary",
                        "remove the file",
                        "security_risk",
                        "HIGH")));
    }

    @AfterAll
    static void stopLlm() {
        if (llm != null) {
            llm.close();
        }
    }

    @BeforeEach
    void needsTheRealServer() {
        RealAgentServer.assumeAvailable();
    }

    @Test
    void anApprovedActionRunsAndARejectedOneIsAnsweredWithTheReasonAndTheAgentStops() throws Exception {
        AgentServerClient agent = server.client();
        String id = server.startConversation(llm, project, "Write a file, then remove it.", "AlwaysConfirm");

        List<PendingAction> first = awaitWaiting(agent, id);
        assertEquals(
                List.of("echo approved > approved.txt"),
                first.stream().map(PendingAction::what).toList());
        assertEquals("terminal", first.get(0).tool());

        assertEquals("MEDIUM", first.get(0).risk(), "the LLM's stated risk, kept by the LLM security analyzer");
        CommandRun approve = ohtop("approve", id);
        assertEquals(0, approve.exit(), approve.toString());
        assertEquals(first.get(0).eventId(), approve.out().strip());
        assertTrue(
                approve.err().contains("approved: terminal: echo approved > approved.txt (risk MEDIUM)"),
                approve.toString());

        List<Event> afterApproval =
                awaitEvents(agent, id, events -> answers(events, first.get(0).eventId(), "ObservationEvent"));
        assertTrue(Files.exists(project.resolve("approved.txt")), "the approved command ran: " + afterApproval);

        List<PendingAction> second = awaitWaiting(agent, id);
        assertEquals(
                List.of("rm -rf approved.txt"),
                second.stream().map(PendingAction::what).toList());

        assertEquals("HIGH", second.get(0).risk());
        CommandRun unasked = ohtop("approve", id);
        assertEquals(2, unasked.exit(), "a HIGH risk needs --yes: " + unasked);
        assertEquals("waiting_for_confirmation", agent.conversation(id).executionStatus(), "nothing answered");

        CommandRun reject = ohtop("reject", id.substring(0, 8), "--reason", "keep the file");
        assertEquals(0, reject.exit(), reject.toString());
        assertEquals(second.get(0).eventId(), reject.out().strip());

        List<Event> afterRejection =
                awaitEvents(agent, id, events -> answers(events, second.get(0).eventId(), "UserRejectObservation"));
        ObservationEvent rejection = afterRejection.stream()
                .filter(e -> e instanceof ObservationEvent o
                        && second.get(0).eventId().equals(o.actionId()))
                .map(ObservationEvent.class::cast)
                .findFirst()
                .orElseThrow();
        assertEquals("keep the file", rejection.text());
        assertTrue(Files.exists(project.resolve("approved.txt")), "the rejected command did not run");
        Thread.sleep(2_000); // the agent would have asked the LLM again by now if it went on
        assertEquals("idle", agent.conversation(id).executionStatus(), "after a rejection the agent stops");
        assertEquals(List.of(), PendingActions.in(events(agent, id)));
        List<String> order = summaries(events(agent, id), second.get(0).eventId());
        assertTrue(
                order.indexOf("ConversationStateUpdateEvent execution_status = idle")
                        < order.indexOf("UserRejectObservation"),
                "idle first, then the rejection (docs/fidelity.md row 17): " + order);
        System.out.println(
                "risks stated: " + first.get(0).risk() + ", " + second.get(0).risk());

        CommandRun again = ohtop("reject", id);
        assertEquals(4, again.exit(), again.toString());
    }

    private static boolean answers(List<Event> events, String actionId, String kind) {
        return events.stream()
                .anyMatch(
                        e -> e instanceof ObservationEvent o && actionId.equals(o.actionId()) && kind.equals(o.kind()));
    }

    /** What came from the action on: kinds and status changes, to see the server's order. */
    private static List<String> summaries(List<Event> events, String fromId) {
        int from = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).id().equals(fromId)) {
                from = i;
            }
        }
        return events.subList(from, events.size()).stream()
                .map(e -> e instanceof StateUpdateEvent ? e.kind() + " " + e.summary() : e.kind())
                .toList();
    }

    private static List<Event> events(AgentServerClient agent, String id) throws Exception {
        return agent.searchEvents(id, EventQuery.all(), null, 100).items();
    }

    private static List<PendingAction> awaitWaiting(AgentServerClient agent, String id) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            if ("waiting_for_confirmation".equals(agent.conversation(id).executionStatus())) {
                List<PendingAction> pending = PendingActions.in(events(agent, id));
                if (!pending.isEmpty()) {
                    return pending;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never waited for confirmation; events: " + events(agent, id));
            }
            Thread.sleep(100);
        }
    }

    private static List<Event> awaitEvents(AgentServerClient agent, String id, Predicate<List<Event>> done)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            List<Event> events = events(agent, id);
            if (done.test(events)) {
                return events;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never got the events awaited: " + events);
            }
            Thread.sleep(100);
        }
    }

    private static CommandRun ohtop(String... args) {
        return CommandRun.attached(server.url, server.sessionKey, args);
    }
}

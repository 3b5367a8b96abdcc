package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.testing.CommandRun;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ohtop approve ID} and {@code ohtop reject ID [--reason TEXT]} against the demo's conversation in confirmation mode. */
class AnswerCommandTest {

    private static ConversationSnapshot waiting(CommandDemo demo) {
        return demo.server.world().conversations().stream()
                .filter(c -> "waiting_for_confirmation".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo has a conversation waiting for confirmation"));
    }

    /** The demo's first event of {@code kind} answering {@code actionId}, waited for a few seconds. */
    private static Optional<JsonNode> answerTo(CommandDemo demo, String conversationId, String actionId, String kind)
            throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            Optional<JsonNode> found = demo.server.world().events(conversationId).stream()
                    .filter(e -> kind.equals(e.path("kind").asText()))
                    .filter(e -> actionId.equals(e.path("action_id").asText()))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    @Test
    void approveWithYesRunsTheHighRiskActionAndItsObservationFollows() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = waiting(demo);

            CommandRun run = demo.run("approve", c.id().substring(0, 8), "--yes");

            assertEquals(0, run.exit(), run.toString());
            assertTrue(
                    run.err().contains("approved: terminal: git push --force origin main (risk HIGH)"), run.toString());
            String actionId = run.out().strip();
            assertEquals(1, run.out().lines().count(), run.toString());
            assertTrue(answerTo(demo, c.id(), actionId, "ObservationEvent").isPresent(), "the action ran");
        }
    }

    @Test
    void aHighRiskActionIsNotApprovedFromAScriptWithoutYes() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = waiting(demo);

            CommandRun run = demo.run("approve", c.id());

            assertEquals(Exit.USAGE, run.exit(), run.toString());
            assertEquals("", run.out());
            assertTrue(run.err().contains("waits: terminal: git push --force origin main (risk HIGH)"), run.toString());
            assertTrue(run.err().contains("--yes"), run.toString());
            assertEquals(
                    "waiting_for_confirmation", waiting(demo).executionStatus(), "still waiting: nothing answered");
        }
    }

    @Test
    void rejectWithAReasonIsAnsweredByAUserRejectObservationCarryingIt() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = waiting(demo);

            CommandRun run = demo.run("reject", c.id(), "--reason", "never force-push main");

            assertEquals(0, run.exit(), run.toString());
            assertTrue(run.err().contains("rejected: terminal: git push --force origin main"), run.toString());
            JsonNode rejection = answerTo(demo, c.id(), run.out().strip(), "UserRejectObservation")
                    .orElseThrow(() -> new AssertionError("no UserRejectObservation: " + run));
            assertEquals(
                    "never force-push main", rejection.path("rejection_reason").asText());
        }
    }

    @Test
    void aConversationThatWaitsForNothingExits4WithAPlainLineAndNothingAnswered() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot running = demo.server.world().conversations().stream()
                    .filter(c -> "running".equals(c.executionStatus()) && c.sandboxStatus() == SandboxStatus.RUNNING)
                    .findFirst()
                    .orElseThrow();
            int before = demo.server.world().events(running.id()).size();

            CommandRun run = demo.run("reject", running.id());

            assertEquals(Exit.NOT_FOUND, run.exit(), run.toString());
            assertEquals("", run.out());
            assertEquals(1, run.err().lines().count(), run.toString());
            assertTrue(run.err().contains("does not wait for confirmation"), run.toString());
            assertTrue(
                    demo.server.world().events(running.id()).stream()
                            .skip(before)
                            .noneMatch(e -> "UserRejectObservation"
                                    .equals(e.path("kind").asText())),
                    "nothing rejected");
        }
    }

    @Test
    void underReadonlyBothAreRefusedBeforeAnyRequestLeaves() {
        try (CommandDemo demo = CommandDemo.fast()) {
            String id = waiting(demo).id();
            long mark = demo.proxy.requests().mark();

            CommandRun approve = CommandRun.against(demo.server, "--readonly", "approve", id, "--yes");
            CommandRun reject = CommandRun.against(demo.server, "--readonly", "reject", id);

            assertEquals(Exit.USAGE, approve.exit(), approve.toString());
            assertEquals(Exit.USAGE, reject.exit(), reject.toString());
            assertTrue(reject.err().contains("--readonly: reject changes things"), reject.toString());
            assertEquals(List.of(), demo.proxy.requests().since(mark));
        }
    }

    @Test
    void aPausedSandboxExits3UnlessResumeIsGivenThenTheAnswerGoes() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = waiting(demo);
            assertEquals(0, demo.run("pause", c.id()).exit());

            CommandRun refused = demo.run("reject", c.id());
            assertEquals(Exit.SERVER, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("is paused") && refused.err().contains("--resume"), refused.toString());

            CommandRun run = demo.run("reject", c.id(), "--resume");
            assertEquals(0, run.exit(), run.toString());
            assertEquals(SandboxStatus.RUNNING, demo.sandboxStatus(c.sandboxId()));
            assertTrue(
                    answerTo(demo, c.id(), run.out().strip(), "UserRejectObservation")
                            .isPresent(),
                    run.toString());
        }
    }

    @Test
    void attachedTheAgentServerTakesTheAnswer() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = waiting(demo);
            SandboxSnapshot sandbox = demo.server.world().sandboxes().stream()
                    .filter(s -> s.id().equals(c.sandboxId()))
                    .findFirst()
                    .orElseThrow();

            CommandRun run = CommandRun.attached(
                    sandbox.agentServerUrl(), sandbox.sessionApiKey(), "reject", c.id(), "--reason", "not now");

            assertEquals(0, run.exit(), run.toString());
            JsonNode rejection = answerTo(demo, c.id(), run.out().strip(), "UserRejectObservation")
                    .orElseThrow(() -> new AssertionError("no UserRejectObservation: " + run));
            assertEquals("not now", rejection.path("rejection_reason").asText());
        }
    }
}

package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.testing.CommandRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ohtop send ID MESSAGE|-}: a message to the conversation's agent. */
class SendCommandTest {

    @Test
    void theMessageReachesTheConversationAndStdoutStaysEmpty() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.RUNNING);

            CommandRun run = demo.run("send", c.id().substring(0, 8), "Please also run the linter.");

            assertEquals(0, run.exit(), run.toString());
            assertEquals("", run.out());
            assertTrue(run.err().contains("sent"), run.toString());
            assertTrue(userMessages(demo, c.id()).contains("Please also run the linter."), run.toString());
        }
    }

    @Test
    void dashReadsTheMessageFromStdin() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.RUNNING);

            CommandRun run = demo.runWithStdin("Two lines\nfrom a pipe\n", "send", c.id(), "-");

            assertEquals(0, run.exit(), run.toString());
            assertTrue(userMessages(demo, c.id()).contains("Two lines\nfrom a pipe"), run.toString());
        }
    }

    @Test
    void anEmptyMessageExits2WithNoRequest() {
        try (CommandDemo demo = CommandDemo.fast()) {
            String id = demo.conversationIn(SandboxStatus.RUNNING).id();

            CommandRun typed = demo.run("send", id, " ");
            CommandRun piped = demo.runWithStdin("\n", "send", id, "-");

            assertEquals(2, typed.exit(), typed.toString());
            assertEquals(2, piped.exit(), piped.toString());
            assertEquals(0, demo.proxy.requests().total(), "nothing asked of the server");
        }
    }

    @Test
    void aPausedSandboxIsSaidInOneLineAndExits3WithNothingDelivered() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.PAUSED);
            int before = demo.server.world().events(c.id()).size();

            CommandRun run = demo.run("send", c.id(), "Are you there?");

            assertEquals(3, run.exit(), run.toString());
            assertEquals(1, run.err().lines().count(), run.toString());
            assertTrue(run.err().contains("is paused") && run.err().contains("--resume"), run.toString());
            assertEquals(before, demo.server.world().events(c.id()).size(), "nothing delivered");
            assertEquals(SandboxStatus.PAUSED, demo.sandboxStatus(c.sandboxId()), "not resumed unasked");
        }
    }

    @Test
    void resumeWakesAPausedSandboxAndThenSends() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.PAUSED);

            CommandRun run = demo.run("send", c.id(), "Carry on, please.", "--resume");

            assertEquals(0, run.exit(), run.toString());
            assertEquals(SandboxStatus.RUNNING, demo.sandboxStatus(c.sandboxId()));
            assertTrue(userMessages(demo, c.id()).contains("Carry on, please."), run.toString());
        }
    }

    @Test
    void aServerErrorOnTheSendExits3() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.RUNNING);
            demo.proxy.faults().add(Fault.serverError(), FaultSwitch.Target.APP, "/api/v1/app-conversations/", 1);

            CommandRun run = demo.run("send", c.id(), "hello");

            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.err().contains("not sent"), run.toString());
        }
    }

    @Test
    void aSendAnsweredUnreadablySaysTheMessageMayHaveArrived() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.RUNNING);
            demo.proxy
                    .faults()
                    .add(Fault.malformedJson(), FaultSwitch.Target.APP, "/api/v1/app-conversations/" + c.id(), 1);

            CommandRun run = demo.run("send", c.id(), "hello");

            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.err().contains("may have arrived"), run.toString());
        }
    }

    @Test
    void attachedTheAgentServerTakesTheMessage() {
        try (CommandDemo demo = CommandDemo.fast()) {
            SandboxSnapshot sandbox = demo.server.world().sandboxes().stream()
                    .filter(s -> s.status() == SandboxStatus.RUNNING)
                    .findFirst()
                    .orElseThrow();
            String id = sandbox.conversationIds().get(0);

            CommandRun run = CommandRun.attached(
                    sandbox.agentServerUrl(), sandbox.sessionApiKey(), "send", id, "Straight to the agent server.");

            assertEquals(0, run.exit(), run.toString());
            assertTrue(
                    userMessages(demo, id.replace("-", "")).contains("Straight to the agent server."), run.toString());
        }
    }

    @Test
    void underReadonlySendIsRefusedWithNoRequest() {
        try (CommandDemo demo = CommandDemo.fast()) {
            CommandRun run = demo.run(
                    "--readonly",
                    "send",
                    demo.conversationIn(SandboxStatus.RUNNING).id(),
                    "hi");

            assertEquals(2, run.exit(), run.toString());
            assertEquals(0, demo.proxy.requests().total(), "nothing asked of the server");
        }
    }

    /** The text of every message from the user in the conversation, as the demo holds them. */
    private static List<String> userMessages(CommandDemo demo, String conversationId) {
        return demo.server.world().events(conversationId).stream()
                .filter(e -> "MessageEvent".equals(e.path("kind").asText())
                        && "user".equals(e.path("source").asText()))
                .map(e -> e.path("llm_message")
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText())
                .toList();
    }
}

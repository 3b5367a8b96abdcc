package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.testing.CommandRun;
import org.junit.jupiter.api.Test;

/** {@code ohtop pause ID} and {@code ohtop resume ID [--wait]}: the conversation's sandbox, through the app server. */
class SandboxCommandsTest {

    @Test
    void pauseThenResumeWithWaitLeavesTheSandboxRunningAgain() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.RUNNING);

            CommandRun pause = demo.run("pause", c.id().substring(0, 8));
            assertEquals(0, pause.exit(), pause.toString());
            assertEquals(SandboxStatus.PAUSED, demo.sandboxStatus(c.sandboxId()));
            assertEquals("", pause.out(), "messages only, on stderr");
            assertTrue(pause.err().contains("paused the sandbox " + c.sandboxId()), pause.toString());

            CommandRun resume = demo.run("resume", c.id(), "--wait");
            assertEquals(0, resume.exit(), resume.toString());
            assertEquals(SandboxStatus.RUNNING, demo.sandboxStatus(c.sandboxId()));
            assertTrue(resume.err().contains("sandbox STARTING"), "progress on stderr:\n" + resume);
            assertTrue(resume.err().contains("is running"), resume.toString());
            assertEquals("", resume.out());
        }
    }

    @Test
    void resumeWithoutWaitReturnsWhileTheSandboxStarts() {
        try (CommandDemo demo = CommandDemo.at(dev.ohtop.testing.ManualClock.atDemoStart())) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.PAUSED);

            CommandRun run = demo.run("resume", c.id());

            assertEquals(0, run.exit(), run.toString());
            assertEquals(SandboxStatus.STARTING, demo.sandboxStatus(c.sandboxId()));
            assertTrue(run.err().contains("--wait"), "says how to wait for it:\n" + run);
        }
    }

    @Test
    void pausingAPausedSandboxOrResumingARunningOneSaysSoAndAsksNothing() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot paused = demo.conversationIn(SandboxStatus.PAUSED);
            ConversationSnapshot running = demo.conversationIn(SandboxStatus.RUNNING);

            CommandRun pause = demo.run("pause", paused.id());
            CommandRun resume = demo.run("resume", running.id(), "--wait");

            assertEquals(0, pause.exit(), pause.toString());
            assertTrue(pause.err().contains("already paused"), pause.toString());
            assertEquals(0, resume.exit(), resume.toString());
            assertTrue(resume.err().contains("already running"), resume.toString());
            assertTrue(
                    demo.proxy.requests().all().stream()
                            .noneMatch(r -> r.method().equals("POST")),
                    "no pause or resume was sent");
        }
    }

    @Test
    void resumeWaitExits3WhenTheSandboxIsGone() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.PAUSED);
            demo.proxy.faults().add(Fault.status(404), FaultSwitch.Target.APP, "/api/v1/sandboxes/" + c.sandboxId(), 1);

            CommandRun run = demo.run("resume", c.id(), "--wait");

            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.err().contains("gone"), run.toString());
        }
    }

    @Test
    void aPauseAnsweredUnreadablySaysItMayHaveBeenMade() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.RUNNING);
            demo.proxy.faults().add(Fault.malformedJson(), FaultSwitch.Target.APP, "/api/v1/sandboxes/", 1);

            CommandRun run = demo.run("pause", c.id());

            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.err().contains("it may have been made"), run.toString());
        }
    }

    @Test
    void anUnknownIdExits4() {
        try (CommandDemo demo = CommandDemo.fast()) {
            CommandRun pause = demo.run("pause", "0123456789abcdef0123456789abcdef");
            CommandRun resume = demo.run("resume", "ffffff");

            assertEquals(4, pause.exit(), pause.toString());
            assertEquals(4, resume.exit(), resume.toString());
        }
    }

    @Test
    void aRateLimitWithRetryAfterIsWaitedOutOnce() {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.RUNNING);
            // On the look-up: a refused POST is not sent again (HttpCore retries only what is idempotent).
            demo.proxy.faults().add(Fault.rateLimited(1), FaultSwitch.Target.APP, "/api/v1/app-conversations", 1);

            CommandRun run = demo.run("pause", c.id());

            assertEquals(0, run.exit(), run.toString());
            assertEquals(SandboxStatus.PAUSED, demo.sandboxStatus(c.sandboxId()));
            assertEquals(
                    2,
                    demo.proxy.requests().all().stream()
                            .filter(r -> r.route().equals("GET /api/v1/app-conversations"))
                            .count(),
                    "refused once (429), then asked again");
        }
    }

    @Test
    void aServerThatIsDownExits3() throws Exception {
        CommandDemo demo = CommandDemo.fast();
        DemoServer server = demo.server;
        String id = demo.conversationIn(SandboxStatus.RUNNING).id();
        demo.close();

        CommandRun run = CommandRun.against(server.appServerUrl(), server.apiKey(), "", "pause", id);

        assertEquals(3, run.exit(), run.toString());
        assertEquals(1, run.err().lines().count(), "one line:\n" + run);
    }

    @Test
    void attachedToAnAgentServerPauseAndResumeAreUsageErrors() {
        try (CommandDemo demo = CommandDemo.fast()) {
            SandboxSnapshot sandbox = demo.server.world().sandboxes().stream()
                    .filter(s -> s.status() == SandboxStatus.RUNNING)
                    .findFirst()
                    .orElseThrow();
            for (String command : new String[] {"pause", "resume"}) {
                CommandRun run = CommandRun.attached(
                        sandbox.agentServerUrl(),
                        sandbox.sessionApiKey(),
                        command,
                        sandbox.conversationIds().get(0));

                assertEquals(2, run.exit(), run.toString());
                assertTrue(run.err().contains("needs the app server"), run.toString());
            }
        }
    }

    @Test
    void underReadonlyPauseAndResumeAreRefusedWithNoRequest() {
        try (CommandDemo demo = CommandDemo.fast()) {
            String id = demo.conversationIn(SandboxStatus.RUNNING).id();

            CommandRun pause = demo.run("--readonly", "pause", id);
            CommandRun resume = demo.run("resume", id, "--readonly");

            assertEquals(2, pause.exit(), pause.toString());
            assertEquals(2, resume.exit(), resume.toString());
            assertEquals(0, demo.proxy.requests().total(), "nothing asked of the server");
        }
    }
}

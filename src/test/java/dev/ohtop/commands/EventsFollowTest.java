package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultRule;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.testing.CommandRun;
import dev.ohtop.testing.ManualClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ohtop events --follow} on a running demo conversation, its clock moved on by the test
 * (a few minutes of the agent's work in a few seconds) until the agent finishes.
 */
class EventsFollowTest {

    @Test
    void followPrintsEveryNewEventOnceAndReturnsWhenTheConversationFinishes() throws Exception {
        ManualClock clock = ManualClock.atDemoStart();
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withClock(clock))) {
            // The newest conversation: 45 turns, a minute into them; it gets stuck (its run ends) a few demo minutes
            // on.
            ConversationSnapshot running = demo.world().conversations().get(0);
            assertEquals("running", running.executionStatus());
            int before = running.eventCount();

            CompletableFuture<CommandRun> follow = CompletableFuture.supplyAsync(
                    () -> CommandRun.against(demo, "events", running.id(), "--follow", "--jsonl"));
            Thread.sleep(500); // the history read, the tail's first poll, the socket opened
            String huge = "x".repeat(300_000); // the tail holds an excerpt of it: --jsonl must print it whole
            for (int step = 0; step < 600 && !follow.isDone(); step++) {
                if (step == 20) {
                    DemoMessages.send(demo, running.id(), huge);
                }
                clock.advance(Duration.ofSeconds(1));
                demo.world().conversation(running.id()); // the world moves on to the clock, the socket sends
                Thread.sleep(15);
            }
            CommandRun run = follow.get(30, TimeUnit.SECONDS);

            assertEquals(0, run.exit(), run.toString());
            List<String> printed =
                    run.jsonLines().stream().map(e -> e.get("id").asText()).toList();
            List<String> all = demo.world().events(running.id()).stream()
                    .map(e -> e.get("id").asText())
                    .toList();
            Set<String> once = new HashSet<>(printed);
            assertEquals(printed.size(), once.size(), "an event printed twice:\n" + run);
            assertEquals(new HashSet<>(all), once);
            assertTrue(all.size() > before + 20, "the agent went on: " + before + " -> " + all.size());
            JsonNode last = run.jsonLines().get(printed.size() - 1);
            assertEquals("stuck", last.path("value").asText(), last.toString());
            assertTrue(run.err().contains("finished"), run.err());
            assertTrue(
                    run.jsonLines().stream()
                            .anyMatch(e -> huge.equals(e.path("llm_message")
                                    .path("content")
                                    .path(0)
                                    .path("text")
                                    .asText())),
                    "the huge message whole");
        }
    }

    @Test
    void followSaysWhyAndExitsThreeWhenTheEventsAreRefusedForGood() throws Exception {
        DemoProxy proxy = new DemoProxy();
        try (DemoServer demo = proxy.startDemo(DemoConfig.defaults().withClock(ManualClock.atDemoStart()))) {
            ConversationSnapshot running = demo.world().conversations().get(0);
            CompletableFuture<CommandRun> follow =
                    CompletableFuture.supplyAsync(() -> CommandRun.against(demo, "events", running.id(), "--follow"));
            // Following once the tail has counted (its first poll, after the history was printed).
            for (int i = 0;
                    i < 300
                            && proxy.requests().all().stream()
                                    .noneMatch(r -> r.path().endsWith("/events/count"));
                    i++) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // the socket opens

            // The key no longer opens the events: the socket is cut and refused, the search says 403.
            proxy.faults().always(Fault.upgradeRefused(403), FaultSwitch.Target.AGENT);
            proxy.faults()
                    .add(Fault.status(403), FaultSwitch.Target.APP, "/api/v1/conversation/", FaultRule.UNTIL_CLEARED);
            proxy.faults().always(Fault.socketCut(), FaultSwitch.Target.AGENT);
            CommandRun run = follow.get(30, TimeUnit.SECONDS);

            assertEquals(3, run.exit(), run.toString());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().contains("403"), run.err());
            assertEquals(
                    demo.world().events(running.id()).size(), run.out().lines().count());
        }
    }
}

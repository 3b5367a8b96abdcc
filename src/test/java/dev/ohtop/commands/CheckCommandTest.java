package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.testing.CommandRun;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ohtop check} over a conversation of more than 200 events with problems planted before
 * and after the 200th: the recipe it replaces reads only the first 200 and misses the later ones.
 */
class CheckCommandTest {
    private static final Pattern PROBLEM =
            Pattern.compile("^(unmatched action|duplicate observation|waiting)\\s+#(\\d+)\\s.*?\\s([0-9a-f-]{36})\\s");

    private static DemoServer demo;
    private static ConversationSnapshot planted;
    private static List<String> problems;

    @BeforeAll
    static void start() throws IOException {
        demo = DemoServer.start(DemoConfig.defaults().withClock(ManualClock.atDemoStart()));
        // A finished conversation gets the history (the clock stands still: nothing else comes).
        planted = demo.world().conversations().stream()
                .filter(c -> c.parentConversationId() == null && "finished".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow();
        problems = demo.world().addHistory(planted.id(), 180, Set.of(5, 120), Set.of(60, 150));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void checkFindsExactlyThePlantedProblemsThoughSomeArePastEvent200() {
        List<JsonNode> events = demo.world().events(planted.id());
        assertTrue(events.size() > 300, "events: " + events.size());

        CommandRun run = CommandRun.against(demo, "check", planted.id());

        assertEquals(1, run.exit(), run.toString());
        List<String> ids = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<String> lines = run.out().lines().toList();
        for (String line : lines.subList(0, lines.size() - 1)) {
            Matcher m = PROBLEM.matcher(line);
            assertTrue(m.find(), line);
            ids.add(m.group(3));
            int index = Integer.parseInt(m.group(2));
            indexes.add(index);
            assertEquals(m.group(3), events.get(index).get("id").asText(), "the index names the event: " + line);
        }
        assertEquals(Set.copyOf(problems), Set.copyOf(ids), "found exactly what was planted:\n" + run);
        assertEquals(problems.size(), ids.size());
        assertTrue(
                indexes.stream().anyMatch(i -> i < 200) && indexes.stream().anyMatch(i -> i > 200), indexes.toString());
        assertEquals(
                events.size() + " events: 2 unmatched actions, 2 duplicate observations", lines.get(lines.size() - 1));
    }

    @Test
    void checkJsonListsTheSameProblems() {
        CommandRun run = CommandRun.against(demo, "check", planted.id(), "--json");

        assertEquals(1, run.exit(), run.toString());
        JsonNode found = run.json();
        assertEquals(
                demo.world().events(planted.id()).size(), found.get("events").asInt());
        List<String> ids = new ArrayList<>();
        found.get("unmatched_actions").forEach(a -> ids.add(a.get("id").asText()));
        found.get("duplicate_observations").forEach(d -> {
            ids.add(d.get("id").asText());
            assertTrue(d.hasNonNull("action_id") && d.hasNonNull("tool_name"), d.toString());
        });
        assertEquals(
                problems,
                ids.stream()
                        .sorted((a, b) -> problems.indexOf(a) - problems.indexOf(b))
                        .toList());
        assertEquals(0, found.get("waiting_actions").size());
    }

    @Test
    void aCleanConversationExitsZero() {
        // An older conversation whose agent finished before its sandbox was paused: its last event says so.
        ConversationSnapshot clean = demo.world().conversations().stream()
                .filter(c -> c.parentConversationId() == null && !c.id().equals(planted.id()))
                .filter(c -> {
                    List<JsonNode> events = demo.world().events(c.id());
                    JsonNode last = events.get(events.size() - 1);
                    return last.path("key").asText().equals("execution_status")
                            && last.path("value").asText().equals("finished");
                })
                .findFirst()
                .orElseThrow();

        CommandRun run = CommandRun.against(demo, "check", clean.id());

        assertEquals(0, run.exit(), run.toString());
        assertEquals(
                List.of(demo.world().events(clean.id()).size()
                        + " events: 0 unmatched actions, 0 duplicate observations"),
                run.out().lines().toList());
    }

    @Test
    void theNewestActionOfARunningConversationIsWaitingNotAProblem() {
        // The clock stands still: the running agent adds nothing after these.
        ConversationSnapshot running = demo.world().conversations().stream()
                .filter(c -> c.parentConversationId() == null && "running".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow();
        List<String> left = demo.world().addHistory(running.id(), 3, Set.of(2), Set.of());

        CommandRun run = CommandRun.against(demo, "check", running.id());

        assertEquals(0, run.exit(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("waiting") && lines.get(0).contains(left.get(0)), run.out());
        assertTrue(
                lines.get(lines.size() - 1).endsWith("0 unmatched actions, 0 duplicate observations, 1 waiting"),
                run.out());
    }

    @Test
    void theActionAwaitingConfirmationIsWaitingNotAProblem() {
        ConversationSnapshot asking = demo.world().conversations().stream()
                .filter(c -> "waiting_for_confirmation".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow();

        CommandRun run = CommandRun.against(demo, "check", asking.id());

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().startsWith("waiting "), run.out());
        assertTrue(run.out().strip().endsWith(", 1 waiting"), run.out());
    }
}

package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.testing.CommandRun;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ohtop events} against the demo, whose clock stands still: what it prints is what the world holds. */
class EventsCommandTest {
    private static final ManualClock CLOCK = ManualClock.atDemoStart();
    private static DemoServer demo;

    @BeforeAll
    static void start() throws IOException {
        demo = DemoServer.start(DemoConfig.defaults().withClock(CLOCK));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void humanOutputIsOneLinePerEventOldestFirst() {
        ConversationSnapshot c = finished(0);
        List<JsonNode> events = events(c.id());

        CommandRun run = CommandRun.against(demo, "events", c.id());

        assertEquals(0, run.exit(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(events.size(), lines.size(), run.toString());
        assertTrue(lines.get(0).contains(events.get(0).get("kind").asText()), lines.get(0));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("execution_status = finished"), last);
        assertEquals("", run.err());
    }

    @Test
    void jsonlIsEveryEventAsTheServerSentItInOrder() {
        ConversationSnapshot c = finished(0);
        List<JsonNode> events = events(c.id());

        CommandRun run = CommandRun.against(demo, "events", c.id().substring(0, 10), "--jsonl");

        assertEquals(0, run.exit(), run.toString());
        List<JsonNode> lines = run.jsonLines();
        assertEquals(events, lines);
        for (JsonNode line : lines) {
            assertTrue(line.isObject() && line.has("id") && line.has("kind") && line.has("timestamp"), line.toString());
        }
        CommandRun count = CommandRun.against(demo, "count", c.id());
        assertEquals(String.valueOf(lines.size()), count.out().strip(), count.toString());
    }

    @Test
    void kindAndSourceKeepOnlyThoseEventsInAnyCase() {
        ConversationSnapshot c = finished(0);
        List<JsonNode> events = events(c.id());

        CommandRun actions = CommandRun.against(demo, "events", c.id(), "--jsonl", "--kind", "actionevent");
        CommandRun shortNamed = CommandRun.against(demo, "events", c.id(), "--jsonl", "--kind", "Action");
        CommandRun fromUser = CommandRun.against(demo, "events", c.id(), "--jsonl", "--source", "user");
        CommandRun two = CommandRun.against(
                demo, "events", c.id(), "--jsonl", "--kind", "MessageEvent", "--kind", "ObservationEvent");

        assertEquals(only(events, e -> kind(e).equals("ActionEvent")), actions.jsonLines());
        assertEquals(actions.jsonLines(), shortNamed.jsonLines());
        assertEquals(only(events, e -> e.path("source").asText().equals("user")), fromUser.jsonLines());
        assertEquals(
                only(events, e -> kind(e).equals("MessageEvent") || kind(e).equals("ObservationEvent")),
                two.jsonLines());
        assertFalse(actions.jsonLines().isEmpty());
        assertFalse(fromUser.jsonLines().isEmpty());
    }

    @Test
    void errorsAreTheEventsTheScreenMarksRed() {
        ConversationSnapshot c = withStatus("error");
        List<JsonNode> events = events(c.id());

        CommandRun run = CommandRun.against(demo, "events", c.id(), "--jsonl", "--errors");

        assertEquals(0, run.exit(), run.toString());
        List<String> kinds =
                run.jsonLines().stream().map(EventsCommandTest::kind).toList();
        assertTrue(kinds.contains("ConversationErrorEvent"), kinds.toString());
        assertTrue(kinds.contains("AgentErrorEvent"), kinds.toString()); // the failed tool call of turn 3
        assertEquals(
                only(
                        events,
                        e -> kind(e).endsWith("ErrorEvent")
                                || e.path("observation").path("is_error").asBoolean(false)),
                run.jsonLines());
    }

    @Test
    void limitGivesTheNewestOldestFirstAndCountsAfterTheFilter() {
        ConversationSnapshot c = finished(0);
        List<JsonNode> events = events(c.id());
        List<JsonNode> actions = only(events, e -> kind(e).equals("ActionEvent"));

        CommandRun newest = CommandRun.against(demo, "events", c.id(), "--jsonl", "--limit", "5");
        CommandRun lastActions =
                CommandRun.against(demo, "events", c.id(), "--jsonl", "--limit", "2", "--kind", "ActionEvent");

        assertEquals(events.subList(events.size() - 5, events.size()), newest.jsonLines());
        assertEquals(actions.subList(actions.size() - 2, actions.size()), lastActions.jsonLines());
    }

    @Test
    void followOnAFinishedConversationPrintsItsEventsAndReturns() {
        ConversationSnapshot c = finished(0);

        CommandRun run = CommandRun.against(demo, "events", c.id(), "--follow", "--jsonl");

        assertEquals(0, run.exit(), run.toString());
        assertEquals(events(c.id()), run.jsonLines());
        assertTrue(run.err().contains("finished"), run.err());
    }

    @Test
    void hostileTextIsInertInLinesAndExactInJsonl() throws Exception {
        ConversationSnapshot c = withStatus("idle"); // its sandbox runs: it takes a message
        String hostile = "\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u001b[0m\nsecond line\rover";
        DemoMessages.send(demo, c.id(), hostile);

        CommandRun human = CommandRun.against(demo, "events", c.id(), "--source", "user", "--limit", "1");
        CommandRun json = CommandRun.against(demo, "events", c.id(), "--jsonl", "--source", "user", "--limit", "1");

        assertEquals(0, human.exit(), human.toString());
        assertEquals(1, human.out().lines().count(), human.out());
        assertFalse(human.out().chars().anyMatch(ch -> ch == 0x1b || ch == 0x07 || ch == '\r'), human.out());
        assertTrue(human.out().contains("^[[31mred"), human.out());
        assertEquals(
                hostile,
                json.jsonLines()
                        .get(0)
                        .path("llm_message")
                        .path("content")
                        .get(0)
                        .path("text")
                        .asText());
    }

    @Test
    void aHugeEventIsOneLineAndWholeInJsonl() throws Exception {
        ConversationSnapshot c = withStatus("idle");
        String huge = ("a line of a long paste\n").repeat(15_000); // 345 KB: more than the screen holds whole
        DemoMessages.send(demo, c.id(), huge);

        CommandRun human = CommandRun.against(demo, "events", c.id(), "--limit", "1");
        CommandRun json = CommandRun.against(demo, "events", c.id(), "--jsonl", "--limit", "1");

        assertEquals(1, human.out().lines().count(), human.out().substring(0, 200));
        assertTrue(human.out().length() < 1_000, "one line, cut: " + human.out().length());
        assertEquals(
                huge,
                json.jsonLines()
                        .get(0)
                        .path("llm_message")
                        .path("content")
                        .get(0)
                        .path("text")
                        .asText());
    }

    @Test
    void attachedToAnAgentServerTheEventsAreItsOwn() {
        ConversationSnapshot c = finished(0);
        SandboxSnapshot sandbox = demo.world().sandboxes().stream()
                .filter(s -> s.id().equals(c.sandboxId()))
                .findFirst()
                .orElseThrow();

        CommandRun run =
                CommandRun.attached(sandbox.agentServerUrl(), sandbox.sessionApiKey(), "events", c.id(), "--jsonl");
        CommandRun count =
                CommandRun.attached(sandbox.agentServerUrl(), sandbox.sessionApiKey(), "count", c.id().substring(0, 8));

        assertEquals(0, run.exit(), run.toString());
        // An agent server keeps neither the app server's state snapshot nor streaming deltas.
        assertEquals(
                only(
                        events(c.id()),
                        e -> !kind(e).equals("StreamingDeltaEvent")
                                && !e.path("key").asText().equals("full_state")),
                run.jsonLines());
        assertEquals(String.valueOf(run.jsonLines().size()), count.out().strip(), count.toString());
    }

    @Test
    void unknownIdIsNotFound() {
        CommandRun run = CommandRun.against(demo, "events", "0123456789abcdef0123456789abcdef");

        assertEquals(4, run.exit(), run.toString());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void ambiguousPrefixListsTheCandidates() {
        List<String> ids = demo.world().conversations().stream()
                .filter(c -> c.parentConversationId() == null) // sub-conversations are not listed
                .map(ConversationSnapshot::id)
                .toList();
        Set<String> firsts = new HashSet<>();
        String p = ids.stream()
                .map(id -> id.substring(0, 1))
                .filter(first -> !firsts.add(first))
                .findFirst()
                .orElseThrow();
        List<String> fitting = ids.stream().filter(id -> id.startsWith(p)).toList();

        CommandRun run = CommandRun.against(demo, "events", p);

        assertEquals(4, run.exit(), run.toString());
        assertEquals("", run.out());
        for (String id : fitting) {
            assertTrue(run.err().contains(id), run.err());
        }
    }

    @Test
    void aKindOhtopDoesNotKnowIsPrintedByItsName() {
        // The demo's agent emits a kind from a newer SDK on its fourth turn.
        ConversationSnapshot c = finished(0);
        List<JsonNode> events = events(c.id());
        String future = "SomeFutureEvent";
        assertTrue(events.stream().anyMatch(e -> kind(e).equals(future)));

        CommandRun run = CommandRun.against(demo, "events", c.id(), "--kind", future);

        assertEquals(0, run.exit(), run.toString());
        assertFalse(run.out().isEmpty());
        run.out().lines().forEach(line -> assertTrue(line.contains(future), line));
    }

    /** The world's events as JSON text reads back (a number the demo holds as a long reads as an int). */
    static List<JsonNode> events(String conversationId) {
        return demo.world().events(conversationId).stream()
                .map(e -> {
                    try {
                        return dev.ohtop.api.Json.MAPPER.readTree(e.toString());
                    } catch (IOException x) {
                        throw new java.io.UncheckedIOException(x);
                    }
                })
                .toList();
    }

    static List<JsonNode> only(List<JsonNode> events, Predicate<JsonNode> wanted) {
        return events.stream().filter(wanted).toList();
    }

    static String kind(JsonNode event) {
        return event.path("kind").asText();
    }

    /** The {@code n}th finished conversation on a running sandbox, newest first (the demo has one). */
    static ConversationSnapshot finished(int n) {
        return demo.world().conversations().stream()
                .filter(c -> "finished".equals(c.executionStatus())
                        && c.sandboxStatus() == SandboxStatus.RUNNING
                        && c.parentConversationId() == null)
                .skip(n)
                .findFirst()
                .orElseThrow();
    }

    static ConversationSnapshot withStatus(String status) {
        return demo.world().conversations().stream()
                .filter(c -> status.equals(c.executionStatus()) && c.parentConversationId() == null)
                .findFirst()
                .orElseThrow();
    }
}

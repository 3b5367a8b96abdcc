package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Someone who watches the default demo from its start sees each state a conversation can need
 * its user in come about: finished, error, stuck, and (after an approval) waiting for confirmation
 * again. (What the list shows at start-up is pinned by the screenshots.)
 */
class WatchedOutcomesTest {
    private static final Duration WATCH = Duration.ofMinutes(3);

    private final ManualClock clock = ManualClock.atDemoStart();
    private final DemoWorld world =
            new DemoWorld(clock, DemoConfig.defaults().seed(), URI.create("http://127.0.0.1:1"), 30);

    @Test
    void withinThreeMinutesOfWatchingConversationsFinishFailAndGetStuck() {
        Map<String, String> atStart = statuses();
        Map<String, String> reached = new LinkedHashMap<>(); // status -> title, the first to reach it
        for (long s = 1; s <= WATCH.toSeconds(); s++) {
            clock.advanceSeconds(1);
            statuses().forEach((title, status) -> {
                if (!status.equals(atStart.get(title))) {
                    reached.putIfAbsent(status, title);
                }
            });
        }
        assertTrue(reached.keySet().containsAll(List.of("finished", "error", "stuck")), reached.toString());
    }

    @Test
    void theFailedOneSaysWhyBeforeItsStatusTurnsToError() {
        clock.advance(WATCH);
        List<JsonNode> events = eventsOf("Upgrade React to 19 and fix type errors");
        JsonNode last = events.get(events.size() - 1);
        assertEquals("error", last.path("value").asText(), last.toString());
        JsonNode before = events.get(events.size() - 2);
        assertEquals("ConversationErrorEvent", before.path("kind").asText(), before.toString());
        assertTrue(before.path("detail").asText().contains("context window"), before.toString());
    }

    @Test
    void theStuckOneRepeatsTheSameCommandAndOutputBeforeItsStatusTurnsToStuck() {
        clock.advance(WATCH);
        List<JsonNode> events = eventsOf("Add pagination to /v2/orders endpoint");
        JsonNode last = events.get(events.size() - 1);
        assertEquals("stuck", last.path("value").asText(), last.toString());
        List<String> commands = events.stream()
                .filter(e -> e.path("kind").asText().equals("ActionEvent"))
                .map(e -> e.path("action").path("command").asText())
                .toList();
        List<String> lastThree = commands.subList(commands.size() - 3, commands.size());
        assertEquals(1, lastThree.stream().distinct().count(), lastThree.toString());
        assertTrue(
                events.stream()
                        .noneMatch(e -> e.path("kind").asText().endsWith("ErrorEvent")
                                && e.path("timestamp").asText().compareTo(lastActionTime(events)) > 0),
                "a stuck run has no error event after its loop");
    }

    @Test
    void theConversationInConfirmationModeWaitsAgainAfterItsActionIsApproved() {
        ConversationSnapshot waiting = world.conversations().stream()
                .filter(c -> "waiting_for_confirmation".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow();
        world.act(w -> {
            w.respondToConfirmation(w.requireConversation(waiting.id()), true, null);
            return null;
        });
        clock.advanceSeconds(5);
        assertEquals("running", statusOf(waiting.id()));
        clock.advance(WATCH);
        assertEquals("waiting_for_confirmation", statusOf(waiting.id()));
    }

    /** Each conversation's execution status by title ("null" while its sandbox is not running). */
    private Map<String, String> statuses() {
        Map<String, String> byTitle = new LinkedHashMap<>();
        for (ConversationSnapshot c : world.conversations()) {
            byTitle.put(c.title(), String.valueOf(c.executionStatus()));
        }
        return byTitle;
    }

    private String statusOf(String id) {
        return world.conversation(id).orElseThrow().executionStatus();
    }

    private List<JsonNode> eventsOf(String title) {
        String id = world.conversations().stream()
                .filter(c -> c.title().equals(title))
                .findFirst()
                .orElseThrow()
                .id();
        return world.events(id);
    }

    private static String lastActionTime(List<JsonNode> events) {
        String last = "";
        for (JsonNode e : events) {
            if (e.path("kind").asText().equals("ActionEvent")) {
                last = e.path("timestamp").asText();
            }
        }
        return last;
    }
}

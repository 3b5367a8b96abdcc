package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.SeenRequest;
import dev.ohtop.keymap.Action;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A filter typed on a long list asks the server for matching titles, not for every page. */
@DisplayName("Filtering a long list")
class FilterSearchTest {
    private static final String SEARCH = "/api/v1/app-conversations/search";
    private VirtualOhtop ohtop;

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults()
                .refresh(Duration.ofSeconds(3))
                .conversations(600)
                .pollingOnTheClock());
        ohtop.untilPollsDone().untilShows("600 total");
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    @Test
    void typingAFilterAsksForMatchingTitlesOnceTypingPausesAndLoadsNoOlderPages() {
        long mark = ohtop.proxy.requests().mark();
        ohtop.press(Action.FILTER).type("flaky").press(KeyType.Enter).settle();
        ohtop.pass(Duration.ofSeconds(1)); // the pause after typing

        List<SeenRequest> searches = ohtop.proxy.requests().since(mark).stream()
                .filter(r -> r.path().equals(SEARCH))
                .toList();
        List<String> queries =
                searches.stream().map(r -> String.valueOf(r.rawQuery())).toList();
        assertEquals(
                1,
                queries.stream()
                        .filter(q -> q.contains("title__contains=flaky"))
                        .count(),
                "one question for the pause in typing: " + queries);
        assertTrue(queries.stream().noneMatch(q -> q.contains("created_at__lt")), "no older page: " + queries);
        assertTrue(ohtop.shows("filter \"flaky\""), ohtop.text());
        assertTrue(
                ohtop.selectedLine() != null
                        && ohtop.selectedLine().toLowerCase().contains("flaky"),
                "a match is listed:\n" + ohtop.text());
    }

    @Test
    void runningOnlyLoadsNoOlderPagesSinceRunningOnesAreFoundThroughTheirSandboxes() {
        long mark = ohtop.proxy.requests().mark();
        ohtop.press(Action.TOGGLE_RUNNING_ONLY).untilShows("running only:");
        for (int i = 0; i < 5; i++) {
            ohtop.press(Action.BOTTOM);
            ohtop.pass(Duration.ofSeconds(3));
        }

        List<String> queries = ohtop.proxy.requests().since(mark).stream()
                .filter(r -> r.path().equals(SEARCH))
                .map(r -> String.valueOf(r.rawQuery()))
                .toList();
        assertTrue(queries.stream().noneMatch(q -> q.contains("created_at__lt")), "no older page: " + queries);
        assertTrue(
                ohtop.line(1).contains("running only") && !ohtop.line(1).contains("older: scroll down"),
                "no older rows are promised:\n" + ohtop.text());
    }
}

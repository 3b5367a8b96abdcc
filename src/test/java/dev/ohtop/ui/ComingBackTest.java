package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.SeenRequest;
import dev.ohtop.keymap.Action;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Coming back to the list from another screen shows it as it is now, not as it was when left. */
@DisplayName("Coming back to a screen")
class ComingBackTest {
    private static final Duration REFRESH = Duration.ofSeconds(3);
    private VirtualOhtop ohtop;

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo(
                VirtualOhtop.Setup.defaults().refresh(REFRESH).pollingOnTheClock());
        ohtop.untilPollsDone().untilShows("30 total").untilShows("refreshed 0s ago");
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    @Test
    void backFromTheEventsScreenTheListIsRefreshedAtOnce() {
        ohtop.press(Action.OPEN).until("the events screen", o -> o.app.front() instanceof EventsView);
        ohtop.pass(Duration.ofSeconds(10)); // behind it the list refreshes every 15 s

        long mark = ohtop.proxy.requests().mark();
        ohtop.press(Action.BACK).until("the list", o -> o.app.front() instanceof ConversationsView);
        ohtop.untilPollsDone(); // the clock stands still

        List<SeenRequest> asked = ohtop.proxy.requests().since(mark).stream()
                .filter(r -> r.path().equals("/api/v1/app-conversations/search"))
                .toList();
        assertFalse(asked.isEmpty(), "the list was asked for the moment it came back");
        assertTrue(ohtop.status().contains("refreshed 0s ago"), ohtop.status());
    }
}

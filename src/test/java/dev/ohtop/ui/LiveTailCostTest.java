package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.input.KeyType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The budget of issue #14: an open events screen kept live costs no request a minute (polling
 * costs 20). Counted at the demo's request log: the tail's own routes on the app server
 * ({@code /conversation/{id}/events...}) and anything on the agent server but the socket.
 * (The same guard without the demo, on a test socket server: {@code LiveEventsTest}.)
 */
class LiveTailCostTest {
    private VirtualOhtop ohtop;

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
    }

    @Test
    void anOpenLiveTailCostsNoRequestInAMinute() throws Exception {
        ohtop = VirtualOhtop.onDemo(AppServerFaultsTest.asTheAppRuns());
        ohtop.untilShows("30 total");
        ohtop.press(KeyType.Enter).until("live", o -> o.line(2).stripTrailing().endsWith("  live"));
        ohtop.passNoting(Duration.ofSeconds(10)); // the first recount and history pages settle

        List<VirtualOhtop.Sent> minute = ohtop.passNoting(Duration.ofSeconds(60));

        List<String> tails = minute.stream()
                .map(VirtualOhtop.Sent::route)
                .filter(r -> r.contains("/events") && !r.contains("/sockets/events/"))
                .toList();
        assertEquals(List.of(), tails, "the live tail asked nothing in a minute");
        assertEquals(true, ohtop.line(2).stripTrailing().endsWith("  live"), ohtop.line(2));
    }
}

package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counts in the events header, against a server that says exactly what the test wants. */
class EventCountsTest {

    @Test
    void headerCountsHeldEventsOfTheServersTotalUnmatchedActionsAndDuplicateObservations() throws Exception {
        String id = "c0ffee00000000000000000000000001";
        try (FakeCloud cloud = new FakeCloud()
                        .conversation(id, "Count things", "acme/api", "main", "m", "running", 1)
                        .events(
                                id,
                                9,
                                List.of(
                                        FakeCloud.message("e1", "2026-11-27T10:15:01.000000", "user", "count, please"),
                                        FakeCloud.action("a1", "2026-11-27T10:15:02.000000", "t1", "ls", "list files"),
                                        FakeCloud.observation(
                                                "o1", "2026-11-27T10:15:03.000000", "a1", "t1", "ls", "README.md"),
                                        FakeCloud.observation(
                                                "o1b", "2026-11-27T10:15:04.000000", "a1", "t1", "ls", "README.md"),
                                        FakeCloud.action("a2", "2026-11-27T10:15:05.000000", "t2", "make", "build it")))
                        .serve();
                VirtualOhtop ohtop = VirtualOhtop.on(cloud.url(), FakeCloud.KEY, VirtualOhtop.Setup.defaults())) {
            ohtop.untilShows("Count things").press(KeyType.Enter).untilShows("5/9 events");

            String line = ohtop.line(1);
            assertTrue(line.contains("5/9 events  unmatched 1  dup obs 1"), line);
            assertEquals(
                    TextColor.ANSI.YELLOW_BRIGHT,
                    ohtop.cellOf("unmatched 1", 1).getForegroundColor(),
                    "an action still waiting stands out");
            assertEquals(
                    TextColor.ANSI.RED,
                    ohtop.cellOf("dup obs 1", 1).getForegroundColor(),
                    "a duplicate observation is an error");
            assertEquals(
                    5,
                    ohtop.lines().stream()
                            .filter(l -> l.matches("^. 10:15:0\\d .*"))
                            .count(),
                    ohtop.text());
        }
    }
}

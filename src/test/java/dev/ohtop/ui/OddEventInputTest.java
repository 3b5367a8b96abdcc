package dev.ohtop.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ohtop.keymap.Action;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events a server may send that no spec promised: a kind nobody knows, fields missing or of the
 * wrong type, one event of 10 MB. Each is shown as a row and opens in the detail; none stops the
 * tail, and the event after them still arrives.
 */
@Tag("reliability")
@DisplayName("Odd and huge event input")
class OddEventInputTest {
    private static final String ID = "0dd00000000000000000000000000001";

    @Test
    void oddEventsAreShownAsRowsAndOpenInTheDetailAndNoneStopsTheTail(TestReporter reporter) throws Exception {
        ObjectNode unknown = FakeCloud.event("QuantumEntanglementEvent", "u1", "2026-11-27T10:15:01.000000", "agent");
        unknown.put("entangled_with", "u0");
        ObjectNode missing = FakeCloud.event("MessageEvent", "m1", "2026-11-27T10:15:02.000000", "user");
        missing.remove("source"); // no source, no llm_message
        ObjectNode wrongTypes = FakeCloud.event("ActionEvent", "a1", "2026-11-27T10:15:03.000000", "agent");
        wrongTypes.put("action", "not an object").put("tool_call_id", 42).putArray("summary").add(1);
        ObjectNode huge = FakeCloud.message("h1", "2026-11-27T10:15:04.000000", "assistant",
                "H" + "x".repeat(10 * 1024 * 1024));
        ObjectNode after = FakeCloud.message("z1", "2026-11-27T10:15:05.000000", "user", "still here after them");
        List<ObjectNode> events = List.of(unknown, missing, wrongTypes, huge, after);

        try (FakeCloud cloud = new FakeCloud().conversation(ID, "Odd input", "acme/odd", "main", "m", "running", 1)
                .events(ID, events.size(), events).serve();
             VirtualOhtop ohtop = VirtualOhtop.on(cloud.url(), FakeCloud.KEY, VirtualOhtop.Setup.defaults())) {
            ohtop.untilShows("Odd input").press(Action.OPEN).untilShows("5/5 events");
            ohtop.untilShows("still here after them");
            List<String> rows = ohtop.lines().stream().filter(l -> l.matches("^. 10:15:0\\d .*")).toList();
            assertEquals(5, rows.size(), ohtop.text());
            assertTrue(rows.get(0).contains("QuantumEntanglement"), "the unknown kind is named: " + rows.get(0));
            assertTrue(rows.get(3).length() <= ohtop.size().getColumns(), "the 10 MB message fits its row");

            List<String> details = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ohtop.press(Action.TOP);
                for (int j = 0; j < i; j++) {
                    ohtop.press(Action.DOWN);
                }
                ohtop.press(Action.SHOW_DETAIL).until("the detail of event " + i, o -> o.header().contains("›  event "));
                details.add(ohtop.line(1).strip());
                ohtop.press(Action.BACK).until("the events", o -> o.header().contains("events of"));
            }
            assertTrue(ohtop.app.isOpen());
            rows.forEach(r -> reporter.publishEntry(ReliabilityReportKeys.SEEN, r.strip()));
            reporter.publishEntry(ReliabilityReportKeys.SEEN, "details: " + String.join("; ", details));
        }
    }
}

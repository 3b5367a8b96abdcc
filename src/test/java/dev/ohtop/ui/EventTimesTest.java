package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When events happened, on the events screen: the demo started just after midnight, so the
 * conversation's first events are from the day before and its newest from today.
 */
class EventTimesTest {
    private VirtualOhtop ohtop;

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
    }

    private VirtualOhtop eventsAt(String start, int columns) throws IOException {
        ohtop = VirtualOhtop.onDemo(
                VirtualOhtop.Setup.defaults().size(columns, 40).clock(new ManualClock(Instant.parse(start))));
        ohtop.untilShows("30 total");
        ohtop.type("/Add pagination")
                .press(KeyType.Enter)
                .until("the one conversation", o -> o.line(3).contains("Add pagination"));
        return ohtop.press(KeyType.Enter).until("its events, all fetched", VirtualOhtop::eventsCaughtUp);
    }

    @Test
    void eventsFromAnotherDayShowTheirDateAndTodaysTheTimeOfDay() throws IOException {
        eventsAt("2026-11-27T00:00:10Z", 80);
        List<String> rows = ohtop.lines().subList(3, ohtop.lines().size() - 2);
        assertTrue(rows.stream().anyMatch(r -> r.substring(2, 14).matches("Nov 26 23:5\\d")), ohtop.text());
        assertTrue(rows.stream().anyMatch(r -> r.substring(2, 14).matches("00:00:0\\d    ")), ohtop.text());
        assertTrue(
                rows.stream()
                        .allMatch(r -> r.length() == 80 && !r.substring(14, 40).isBlank()),
                "source, kind and summary still fit: " + ohtop.text());
    }

    @Test
    void theHeaderShowsTheDaysOfTheEventsHeld() throws IOException {
        eventsAt("2026-11-27T00:00:10Z", 120);
        assertTrue(ohtop.line(1).matches(".*dup obs \\d+  Nov 26 23:5\\d–00:00:\\d\\d.*"), ohtop.line(1));
    }

    @Test
    void todaysEventsKeepTheNarrowTimeColumnAndTheHeaderTheirSpan() throws IOException {
        eventsAt("2026-11-27T10:15:30Z", 120);
        String first = ohtop.line(3);
        assertTrue(first.substring(2, 11).matches("10:1\\d:\\d\\d "), first);
        assertTrue(ohtop.line(1).matches(".*dup obs \\d+  10:1\\d:\\d\\d–10:15:\\d\\d.*"), ohtop.line(1));
    }

    @Test
    void searchSaysWhichMatchIsSelectedOfHowMany() throws IOException {
        eventsAt("2026-11-27T10:15:30Z", 120);
        // From the bottom of a followed tail, the search goes round to the first match.
        ohtop.type("/StateUpdate").press(KeyType.Enter).untilShows("search wrapped to the top");
        String line = ohtop.line(2);
        assertTrue(line.matches(".*search \"StateUpdate\": match 1/\\d+.*"), line);
        String total = line.replaceAll(".*match 1/(\\d+).*", "$1");
        ohtop.type("n").until("the second match", o -> o.line(2).contains("match 2/" + total));
        ohtop.type("N").until("the first again", o -> o.line(2).contains("match 1/" + total));
        ohtop.type("N").until("round to the last", o -> o.line(2).contains("match " + total + "/" + total));
        ohtop.press(KeyType.ArrowUp).until("off the matches", o -> o.line(2).contains(": " + total + " matches"));
    }
}

package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The README's screenshots ({@code docs/screenshot.svg}, {@code docs/screenshot-events.svg},
 * {@code docs/screenshot-console.svg}): the real UI against the demo (seed 42, its clock standing
 * still at its start) on a 120x32 virtual terminal, held against the committed pictures. A screen
 * that changed fails the test with the rows that differ; the new pictures are then in
 * {@code target/screenshots/}, and {@code -Dohtop.updateScreenshots=true} writes them to
 * {@code docs/} once the change is meant ({@link ScreenshotGoldens}).
 */
class ScreenshotTest {
    /** The pictures under docs/, in the order {@link #render()} draws them. */
    private static final List<String> NAMES =
            List.of("screenshot.svg", "screenshot-events.svg", "screenshot-console.svg");

    /** Renders the three screens on a fresh demo: conversations, the events of the first one, its console. */
    private static List<String> render() throws Exception {
        try (VirtualOhtop ohtop =
                VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().size(120, 32))) {
            ohtop.untilShows("30 total").untilShows("demo@ohtop.dev").untilShows("refreshed");
            String conversations = steady(ohtop, "ohtop: the conversations screen (demo)");
            ohtop.press(KeyType.Enter)
                    .until(
                            "the events, all fetched and live",
                            o -> o.eventsCaughtUp() && o.line(2).stripTrailing().endsWith(" live"));
            String events = steady(ohtop, "ohtop: the events of one conversation (demo)");
            ohtop.press(dev.ohtop.keymap.Action.OPEN_CONSOLE).untilShows("console of");
            ohtop.type("cat README.md").press(KeyType.Enter).untilShows("✓ exit 0");
            ohtop.type("grep -n TODO src/*.py || echo 'no TODO left' >&2; exit 1")
                    .press(KeyType.Enter)
                    .untilShows("✗ exit 1");
            ohtop.type("git status");
            String console = steady(ohtop, "ohtop: the bash console of one conversation (demo)");
            return List.of(conversations, events, console);
        }
    }

    /** The picture once it no longer changes from one refresh to the next. */
    private static String steady(VirtualOhtop ohtop, String title) {
        String[] last = {SvgScreenshot.of(ohtop.terminal, title)};
        ohtop.until("a screen that stays the same over two refreshes", o -> {
            // Requests, not frames: a refresh that brings nothing new draws no frame.
            long mark = o.proxy.requests().mark();
            o.until("two more refreshes", x -> x.proxy.requests().since(mark).size() >= 2);
            o.settle();
            String now = SvgScreenshot.of(o.terminal, title);
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same;
        });
        return last[0];
    }

    @Test
    void theReadmeScreenshotsAreTheScreensAsTheyAreDrawnNow() throws Exception {
        List<String> first = render();
        List<String> second = render();
        assertEquals(first, second, "the same demo at the same moment draws the same picture");

        String conversations = first.get(0);
        String events = first.get(1);
        Document doc = SvgScreenshot.parse(conversations);
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals("1032", doc.getDocumentElement().getAttribute("width"), "120 columns");
        assertEquals("576", doc.getDocumentElement().getAttribute("height"), "32 rows");
        assertTrue(conversations.contains("Add pagination to /v2/orders endpoint"), conversations);
        assertTrue(
                conversations.contains("fill=\"#0dbc79\" font-weight=\"bold\">▶ running"),
                "a running status keeps its colour and weight");
        assertTrue(
                conversations.contains("<rect x=\"0\" y=\"0\" width=\"1032\" height=\"18\" fill=\"#2472c8\"/>"),
                "the header bar is blue");
        SvgScreenshot.parse(events);
        assertTrue(
                java.util.regex.Pattern.compile("(\\d+)/\\1 events")
                        .matcher(events)
                        .find(),
                "the events header counts every event held out of the server's total: " + events);

        String console = first.get(2);
        assertTrue(console.contains("# Demo project"), "the command's output is in the picture");

        ScreenshotGoldens goldens = ScreenshotGoldens.ofProject();
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            goldens.check(NAMES.get(i), first.get(i)).ifPresent(differences::add);
        }
        if (!differences.isEmpty()) {
            fail(String.join("\n", differences));
        }
    }
}

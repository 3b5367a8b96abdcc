package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.monitor.EventFeed;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.TailSnapshot;
import dev.ohtop.testing.ManualClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Events no SDK version would send, or sends rarely: kinds ohtop has never heard of, fields
 * missing or of the wrong type, one event of 10 MB, a history of 100,000. Each is listed or
 * summed up on the events screen, the detail opens where it matters, and nothing is fatal.
 */
@Tag("reliability")
@DisplayName("Odd and huge event input")
class OddEventInputTest {
    private static final String ID = "c0ffee00000000000000000000000005";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int HUNDRED_THOUSAND = 100_000;

    private FakeCloud cloud;
    private VirtualOhtop ohtop;

    @AfterEach
    void stop() {
        try {
            if (ohtop != null) {
                assertTrue(ohtop.app.isOpen(), "ohtop is still running");
                assertEquals(List.of(), ohtop.controlsSeen(), "nothing a terminal would obey reached it");
            }
        } finally {
            if (ohtop != null) {
                ohtop.close();
            }
            cloud.close();
        }
    }

    /** ohtop on a server with one conversation holding {@code events}, its events screen open. */
    private void open(FakeCloud events, VirtualOhtop.Setup setup) throws Exception {
        cloud = events.conversation(ID, "Odd input", "acme/api", "main", "m", "running", 1)
                .serve();
        ohtop = VirtualOhtop.on(cloud.url(), FakeCloud.KEY, setup);
        ohtop.untilShows("Odd input")
                .press(KeyType.Enter)
                .until("the events screen", o -> o.header().contains("events of"));
    }

    private void open(List<ObjectNode> events) throws Exception {
        open(
                new FakeCloud().events(ID, events.size(), events),
                VirtualOhtop.Setup.defaults().size(140, 30));
        ohtop.until("every event fetched", VirtualOhtop::eventsCaughtUp);
    }

    private static String at(int second) {
        return String.format("2026-11-27T10:15:%02d.000000", second);
    }

    /** Opens the detail of the row showing {@code text}. */
    private void detailOf(String text) {
        detailOf(text, "── raw JSON (");
    }

    /** Opens the detail of the row showing {@code text} and waits for {@code shown}. */
    private void detailOf(String text, String shown) {
        // Every key handled before looking: redraws queued ahead of Home would otherwise let the
        // first look see the old selection, and the Down after it would start from the top.
        ohtop.press(KeyType.Home).settle();
        for (int i = 0; i < 50 && !ohtop.selectedLine().contains(text); i++) {
            ohtop.press(KeyType.ArrowDown).settle();
        }
        assertTrue(ohtop.selectedLine().contains(text), ohtop.text());
        ohtop.press(KeyType.Enter).untilShows(shown);
    }

    @Test
    void anUnknownEventKindIsListedByItsNameAndShownRawInTheDetail(TestReporter reporter) throws Exception {
        ObjectNode unknown = FakeCloud.event("QuantumLeapEvent", "q1", at(2), "agent");
        unknown.putObject("leap").put("to", "1987").putArray("companions").add("Al");
        open(List.of(
                FakeCloud.message("m1", at(1), "user", "before"),
                unknown,
                FakeCloud.message("m2", at(3), "assistant", "after")));

        String row = ohtop.line(ohtop.rowOf("QuantumLeap"));
        assertTrue(row.contains("10:15:02 agent       QuantumLeap        (QuantumLeapEvent)"), row);
        assertTrue(ohtop.shows("assistant: after"), "the events after it are there too: " + ohtop.text());
        reporter.publishEntry("seen", row.strip());

        detailOf("QuantumLeap");
        assertTrue(ohtop.shows("note           a kind ohtop does not know: shown raw below"), ohtop.text());
        assertTrue(ohtop.shows("\"to\" : \"1987\""), "its fields, raw: " + ohtop.text());
        reporter.publishEntry("seen", ohtop.line(ohtop.rowOf("note ")).strip());
    }

    @Test
    void eventsMissingTheirFieldsAreStillListed(TestReporter reporter) throws Exception {
        ObjectNode noKind =
                JSON.objectNode().put("id", "n1").put("timestamp", at(1)).put("source", "agent");
        ObjectNode noId = FakeCloud.message("ignored", at(2), "user", "an event without an id");
        noId.remove("id");
        ObjectNode noTime = FakeCloud.message("t1", at(3), "user", "an event without a time");
        noTime.remove("timestamp");
        ObjectNode bareMessage = FakeCloud.event("MessageEvent", "b1", at(4), "user");
        ObjectNode bareAction = FakeCloud.event("ActionEvent", "b2", at(5), "agent");
        ObjectNode bareObservation = FakeCloud.event("ObservationEvent", "b3", at(6), "environment");
        open(List.of(
                noKind,
                noId,
                noTime,
                bareMessage,
                bareAction,
                bareObservation,
                FakeCloud.message("m9", at(9), "assistant", "the last one")));

        assertTrue(ohtop.line(1).contains("7/7 events"), ohtop.line(1));
        String kindless = ohtop.line(ohtop.rowOf("(event without a kind)"));
        assertTrue(kindless.contains("10:15:01 agent       (no kind)"), kindless);
        assertTrue(ohtop.shows("user: an event without an id"), ohtop.text());
        String timeless = ohtop.line(ohtop.rowOf("an event without a time"));
        assertTrue(
                timeless.startsWith(" ".repeat(11) + "user        Message"),
                "no time, the row still there: " + timeless);
        assertTrue(ohtop.shows("assistant: the last one"), ohtop.text());
        reporter.publishEntry("seen", kindless.strip() + " / " + timeless.strip());

        detailOf("(event without a kind)");
        assertTrue(ohtop.shows("\"id\" : \"n1\""), ohtop.text());
    }

    @Test
    void wrongTypesInFieldsAreShownAsTheyCameAndTheTailGoesOn(TestReporter reporter) throws Exception {
        ObjectNode numberedKind = JSON.objectNode()
                .put("kind", 42)
                .put("id", "w1")
                .put("timestamp", at(1))
                .put("source", "agent");
        ObjectNode objectSource = FakeCloud.message("w2", at(2), "user", "a source that is an object");
        objectSource.putObject("source").put("nested", true);
        ObjectNode stringContent = FakeCloud.message("w3", at(3), "user", "ignored");
        ((ObjectNode) stringContent.get("llm_message")).put("content", "content as a plain string");
        ObjectNode wordExit = FakeCloud.observation("w4", at(4), "a0", "t0", "ls", "listing");
        ((ObjectNode) wordExit.get("observation")).put("exit_code", "zero").put("is_error", "no");
        ObjectNode numberTime = FakeCloud.message("w5", at(5), "user", "a time that is a number");
        numberTime.put("timestamp", 1764238505);
        open(List.of(numberedKind, objectSource, stringContent, wordExit, numberTime));

        assertTrue(ohtop.shows("(42)"), "a number for a kind is a kind name: " + ohtop.text());
        assertTrue(ohtop.shows("user: content as a plain string"), ohtop.text());
        assertTrue(ohtop.shows("terminal"), ohtop.text());
        String numbered = ohtop.line(ohtop.rowOf("a time that is a number"));
        assertTrue(numbered.contains(" 1764238… user "), "the time as it came, cut to its column: " + numbered);

        // A timestamp that is not a date must not become the cursor: the next poll would ask for
        // timestamp__gte=1764238505, which the service refuses (422), and the tail would stop.
        cloud.arrive(ID, FakeCloud.message("w6", at(6), "assistant", "an event after the odd ones"));
        ohtop.untilShows("assistant: an event after the odd ones");
        assertTrue(ohtop.line(1).contains("6/6 events"), ohtop.line(1));
        assertFalse(ohtop.status().contains("422"), ohtop.status());
        reporter.publishEntry("seen", numbered.strip() + " / " + ohtop.status().strip());

        detailOf("content as a plain string");
        assertTrue(ohtop.shows("text           content as a plain string"), ohtop.text());
    }

    /**
     * What only the app server stores: streamed pieces of the LLM's answer and whole-state
     * snapshots, in the shapes it sends and in odd ones. Each is a row saying what it carries.
     */
    @Test
    void streamedTextAndWholeStateUpdatesAreListedByWhatTheyCarry(TestReporter reporter) throws Exception {
        ObjectNode delta = FakeCloud.event("StreamingDeltaEvent", "d1", at(1), "agent")
                .put("content", "Step \u001b[31m0.\u001b]0;owned\u0007\nthe second line " + "word ".repeat(60))
                .putNull("reasoning_content");
        ObjectNode oddDelta = FakeCloud.event("StreamingDeltaEvent", "d2", at(2), "agent");
        oddDelta.putObject("content").put("a", 1);
        ObjectNode oddFull = FakeCloud.event("ConversationStateUpdateEvent", "f1", at(3), "environment")
                .put("key", "full_state")
                .put("value", "idle");
        ObjectNode full = FakeCloud.event("ConversationStateUpdateEvent", "f2", at(4), "environment")
                .put("key", "full_state");
        ObjectNode state = full.putObject("value").put("execution_status", "running");
        state.putObject("agent").putObject("llm").put("model", "openai/gpt-5").put("api_key", "**********");
        state.putObject("stats")
                .putObject("usage_to_metrics")
                .putObject("agent")
                .put("accumulated_cost", 0.0312);
        state.putObject("workspace").put("working_dir", "/workspace/project");
        open(List.of(delta, oddDelta, oddFull, full));

        String streamed = ohtop.line(ohtop.rowOf("StreamingDelta"));
        assertTrue(streamed.contains("agent       StreamingDelta     Step "), streamed);
        assertTrue(streamed.contains("0."), streamed);
        assertTrue(streamed.endsWith("…"), "one row, cut at the edge: " + streamed);
        assertTrue(ohtop.shows("(empty delta)"), ohtop.text());
        assertTrue(ohtop.shows("full_state = idle"), ohtop.text());
        String whole = ohtop.line(ohtop.rowOf("full state: "));
        assertTrue(whole.contains("full state: running · openai/gpt-5 · cost $0.0312"), whole);
        reporter.publishEntry("seen", streamed.strip() + " / " + whole.strip());

        detailOf("full state: ");
        assertTrue(ohtop.shows("status         running"), ohtop.text());
        assertTrue(ohtop.shows("cost           $0.0312"), ohtop.text());
        assertTrue(ohtop.shows("folder         /workspace/project"), ohtop.text());
        ohtop.press(KeyType.Escape).until("the tail again", o -> o.header().contains("events of"));
        detailOf("Step ");
        assertTrue(ohtop.shows("the second line word"), "the whole text, on its lines: " + ohtop.text());
    }

    /** Held as an excerpt of at most 256 KiB (ten thousand such events would need 100 GB), and said so. */
    @Test
    void aTenMegabyteEventIsHeldAsAMarkedExcerptAndItsDetailSaysItWasCut(TestReporter reporter) throws Exception {
        String huge = "0123456789abcdef".repeat(10 * 1024 * 1024 / 16);
        open(List.of(
                FakeCloud.message("m1", at(1), "user", "a small one"),
                FakeCloud.message("big", at(2), "assistant", huge),
                FakeCloud.message("m3", at(3), "user", "and after it")));

        String row = ohtop.line(ohtop.rowOf("assistant: 0123"));
        assertTrue(row.endsWith("…"), "cut at the edge: " + row);
        assertTrue(ohtop.shows("user: and after it"), ohtop.text());

        detailOf("assistant: 0123", "kind           MessageEvent");
        int note = ohtop.rowOf("cut            this event was 10.0 MiB: ohtop holds an excerpt of ");
        assertTrue(note > 0, "the detail says first that it was cut:\n" + ohtop.text());
        assertTrue(ohtop.shows("…[cut: "), "and shows where:\n" + ohtop.text());
        reporter.publishEntry(
                "seen", row.substring(0, 60).strip() + "… / " + ohtop.line(note).strip());
        ohtop.press(KeyType.Escape).until("the tail again", o -> o.header().contains("events of"));
    }

    /** The events held, from the header's "400/100000 events". */
    private String heldCount() {
        String header = ohtop.line(1);
        int slash = header.indexOf("/100000 events");
        return header.substring(header.lastIndexOf(' ', slash) + 1, slash);
    }

    /** A history of {@code total} messages a millisecond apart: "ev0", "ev1", ... */
    private static FakeCloud history(int total) {
        LocalDateTime start = LocalDateTime.parse("2026-11-27T08:00:00");
        DateTimeFormatter wire = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
        return new FakeCloud()
                .events(
                        ID,
                        total,
                        i -> FakeCloud.message(
                                "ev" + i,
                                wire.format(start.plusNanos(i * 1_000_000L)),
                                i % 2 == 0 ? "user" : "assistant",
                                "event number " + i));
    }

    @Test
    void aHundredThousandEventsAreCountedAndTheScreenStaysResponsive(TestReporter reporter) throws Exception {
        open(history(HUNDRED_THOUSAND), VirtualOhtop.Setup.defaults().size(140, 30));
        ohtop.until("the server's count", o -> o.line(1).contains("/100000 events"));
        assertTrue(ohtop.shows("loading older events…"), ohtop.text());

        // Keys are answered while the history streams in.
        long asked = System.nanoTime();
        ohtop.press(KeyType.ArrowUp).untilShows("not following (End resumes)");
        Duration answered = Duration.ofNanos(System.nanoTime() - asked);
        assertTrue(answered.compareTo(Duration.ofSeconds(1)) < 0, "answered in " + answered.toMillis() + " ms");

        // Older events filling in above do not move what is being read.
        String read = ohtop.line(3);
        String held = heldCount();
        ohtop.until("older events put in front", o -> !heldCount().equals(held));
        assertEquals(read, ohtop.line(3), "the top row stays put while " + held + " became " + heldCount());
        ohtop.type("e").untilShows("errors only");
        reporter.publishEntry("seen", ohtop.line(1).strip());
    }

    /**
     * A 100,000-event history, through the real client and the tail but without the screen: the
     * newest page first, then older pages (three per poll: the request budget) until the tail's
     * 10,000 are held, and not one page more. Here the polls follow one another at once.
     */
    @Test
    void aHundredThousandEventsCostOnlyThePagesThatFitAndTheTailHoldsTheNewestTenThousand(TestReporter reporter)
            throws Exception {
        cloud = history(HUNDRED_THOUSAND)
                .conversation(ID, "Odd input", "acme/api", "main", "m", "running", 1)
                .serve();
        ClientOptions options = ClientOptions.defaults().withRetry(RetryPolicy.none());
        CloudClient client = new CloudClient(
                HttpCore.newHttpClient(options), cloud.url(), Credential.bearer(FakeCloud.KEY), options);
        EventTail tail = new EventTail(
                ID,
                EventFeed.cloud(client, ID),
                ManualClock.atDemoStart(),
                EventTail.Settings.defaults().withCapacity(dev.ohtop.Options.DEFAULT_MAX_EVENTS));

        long started = System.nanoTime();
        tail.poll();
        assertEquals("ev99999", tail.snapshot().get(tail.snapshot().size() - 1).id(), "the newest at once");
        int polls = 1;
        while (!tail.snapshot().caughtUp() && polls < 200) {
            tail.poll();
            polls++;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        TailSnapshot held = tail.snapshot();
        assertTrue(held.caughtUp(), "caught up after " + polls + " polls");
        assertEquals(HUNDRED_THOUSAND, held.serverCount());
        assertEquals(10_000, held.size());
        assertTrue(held.olderNotHeld(), "the screen can say older events were not loaded");
        for (int i = 0; i < held.size(); i++) {
            assertEquals("ev" + (90_000 + i), held.get(i).id(), "the newest, in order, none skipped or doubled");
        }
        int pages = cloud.eventPagesServed();
        assertEquals(
                100 + (polls - 1),
                pages,
                "100 pages of history (not the 1,000 of the whole conversation)"
                        + " and one look for new events per poll after the first");
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took.toMillis() + " ms");
        reporter.publishEntry(
                "seen",
                held.size() + "/" + held.serverCount() + " events in " + polls + " polls, " + pages
                        + " pages asked for (" + took.toMillis() / 100 / 10.0 + " s)");
    }
}

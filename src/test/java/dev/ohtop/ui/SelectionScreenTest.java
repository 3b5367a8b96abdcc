package dev.ohtop.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.api.StartConversationRequest;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.EventTail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The cursor of every list is a row (by its id) from the first frame on: refreshes that re-sort
 * the list, rows in front of it, filters, never move it to another one without a key, and the
 * keys act on the one highlighted. A row that leaves the list is said, and its neighbour taken.
 */
class SelectionScreenTest {
    /** The conversation list, on the demo whose agents work as the clock passes. */
    @Nested
    class Conversations {
        private static final Duration REFRESH = Duration.ofSeconds(2);
        private static final int FIRST_ROW = 3;
        private static final Pattern SHORT_ID = Pattern.compile(" ([0-9a-f]{8})\\s*$");

        private VirtualOhtop ohtop;

        @BeforeEach
        void start() throws Exception {
            ohtop = VirtualOhtop.onDemo(
                    VirtualOhtop.Setup.defaults().refresh(REFRESH).pollingOnTheClock());
            ohtop.untilPollsDone().untilShows("30 total");
        }

        @AfterEach
        void stop() {
            ohtop.close();
        }

        private static String shortIdOf(String row) {
            Matcher m = SHORT_ID.matcher(row == null ? "" : row);
            assertTrue(m.find(), "no id at the end of: " + row);
            return m.group(1);
        }

        /** The short id of the highlighted conversation. */
        private String highlighted() {
            return shortIdOf(ohtop.selectedLine());
        }

        private List<String> rowIds() {
            List<String> ids = new ArrayList<>();
            List<String> lines = ohtop.lines();
            for (int r = FIRST_ROW; r < lines.size() - 2 && !lines.get(r).isBlank(); r++) {
                ids.add(shortIdOf(lines.get(r)));
            }
            return ids;
        }

        private CloudClient cloud() {
            ClientOptions options = ClientOptions.defaults().withRetry(RetryPolicy.none());
            return new CloudClient(
                    HttpCore.newHttpClient(options),
                    ohtop.demo.appServerUrl(),
                    Credential.bearer(ohtop.demo.apiKey()),
                    options);
        }

        private ConversationSnapshot conversation(String shortId) {
            return ohtop.demo.world().conversations().stream()
                    .filter(c -> c.id().replace("-", "").startsWith(shortId))
                    .findFirst()
                    .orElseThrow();
        }

        /** Pauses a conversation's agent through its agent server, as another client of the account would. */
        private void pauseAgent(ConversationSnapshot c) throws Exception {
            SandboxSnapshot sandbox = ohtop.demo.world().sandboxes().stream()
                    .filter(s -> s.id().equals(c.sandboxId()))
                    .findFirst()
                    .orElseThrow();
            URI pause = URI.create(
                    ohtop.demo.world().agentServerUrl(sandbox.id()) + "/api/conversations/" + c.id() + "/pause");
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(pause)
                                    .header("X-Session-API-Key", sandbox.sessionApiKey())
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
        }

        /** A conversation started elsewhere comes in front, and the agents work on, for {@code refreshes} refreshes. */
        private void aNewConversationComesInFrontOver(int refreshes, Runnable afterEach) throws Exception {
            cloud().startConversation(StartConversationRequest.of("Say hello", null, null, "Hello from elsewhere"));
            for (int i = 0; i < refreshes; i++) {
                ohtop.pass(REFRESH);
                afterEach.run();
            }
            ohtop.untilShows("Hello from elsewhere");
        }

        @Test
        void theHighlightStaysOnItsConversationThroughRefreshesWithNoKeyPressed() throws Exception {
            String chosen = highlighted();
            assertEquals(chosen, rowIds().get(0), "the first frame highlights the first row");

            aNewConversationComesInFrontOver(
                    15,
                    () -> assertEquals(
                            chosen, highlighted(), "no key was pressed, yet the highlight left it:\n" + ohtop.text()));

            assertNotEquals(chosen, rowIds().get(0), "another conversation came in front of it:\n" + ohtop.text());
            assertEquals(chosen, highlighted());
        }

        @Test
        void uploadAndEnterActOnTheConversationHighlightedSinceTheFirstFrame() throws Exception {
            String chosen = highlighted();
            aNewConversationComesInFrontOver(15, () -> {});

            ohtop.press(Action.UPLOAD)
                    .until("the upload screen", o -> o.header().contains("upload to "));
            assertTrue(ohtop.header().contains("upload to " + chosen), ohtop.header());
            ohtop.press(Action.BACK).until("the list again", o -> o.header().contains("conversations"));
            ohtop.press(Action.OPEN).until("the events screen", o -> o.header().contains("events of "));
            assertTrue(ohtop.header().contains("events of " + chosen), ohtop.header());
        }

        @Test
        void runningRowsKeepTheirPlacesWhileTheirAgentsWork() {
            int running = conversationsRunning();
            List<String> before = rowIds().subList(0, running);
            for (int i = 0; i < 10; i++) {
                ohtop.pass(REFRESH);
                List<String> now = rowIds().subList(0, running);
                assertEquals(before, now, "refresh " + i + ": the running rows swapped places:\n" + ohtop.text());
            }
        }

        private int conversationsRunning() {
            return (int) ohtop.demo.world().conversations().stream()
                    .filter(c -> c.parentConversationId() == null && "running".equals(c.executionStatus()))
                    .count();
        }

        @Test
        void aSelectedConversationThatStopsRunningUnderRunningOnlyIsSaidAndTheCursorGoesToItsNeighbour()
                throws Exception {
            ohtop.press(Action.TOGGLE_RUNNING_ONLY).untilShows("[running only: 3 shown]");
            ohtop.press(Action.DOWN).settle();
            List<String> rows = rowIds();
            String chosen = highlighted();
            assertEquals(rows.get(1), chosen);

            pauseAgent(conversation(chosen));
            ohtop.pass(REFRESH).until("the running rows without it", o -> !rowIds().contains(chosen));

            assertTrue(ohtop.status().contains("is no longer running (running only)"), ohtop.status());
            assertTrue(ohtop.status().contains(conversation(chosen).title().substring(0, 10)), ohtop.status());
            assertEquals(rows.get(2), highlighted(), "the row that was below it:\n" + ohtop.text());
        }

        /** Moves the cursor five rows down, as a user would, and returns the conversation it is on. */
        private String sixthRowChosen() {
            for (int i = 0; i < 5; i++) {
                ohtop.press(Action.DOWN);
            }
            ohtop.settle();
            return highlighted();
        }

        @Test
        void aFilterThatHidTheSelectionGivesItBackWhenCleared() {
            String chosen = sixthRowChosen();
            assertEquals(rowIds().get(5), chosen);

            ohtop.press(Action.TOGGLE_RUNNING_ONLY).untilShows("[running only: 3 shown]");
            assertTrue(rowIds().contains(highlighted()), "the cursor is on a row shown");
            ohtop.press(Action.TOGGLE_RUNNING_ONLY)
                    .until("every row again", o -> !o.line(1).contains("running only:"));
            assertEquals(chosen, highlighted(), "back where the user was:\n" + ohtop.text());

            ohtop.type("/zzz-nothing").untilShows("nothing matches the filter");
            ohtop.press(KeyType.Escape).until("the filter cleared", o -> !o.shows("[filter"));
            assertEquals(chosen, highlighted(), "back where the user was:\n" + ohtop.text());
        }

        @Test
        void aFilterDroppedWithCtrlCGivesTheSelectionBackAsEscDoes() {
            String chosen = sixthRowChosen();

            ohtop.type("/zzz-nothing").untilShows("nothing matches the filter");
            ohtop.ctrl('c').until("the filter dropped", o -> !o.shows("[filter") && o.shows("line dropped"));
            assertEquals(chosen, highlighted(), "back where the user was:\n" + ohtop.text());
        }
    }

    /** The sandboxes screen, on a server that lists what each test says. */
    @Nested
    class Sandboxes {
        private FakeCloud cloud;
        private VirtualOhtop ohtop;

        @BeforeEach
        void start() throws Exception {
            cloud = new FakeCloud()
                    .conversation("c-1", "Uses sbx1", "acme/api", "main", "m", "running", 1)
                    .serve();
            list("sbx3", "sbx2", FakeCloud.SANDBOX);
            ohtop = VirtualOhtop.on(cloud.url(), FakeCloud.KEY, VirtualOhtop.Setup.defaults());
            ohtop.untilShows("1 total")
                    .press(Action.OPEN_SANDBOXES)
                    .until("the sandboxes", o -> o.header().contains("sandboxes") && o.shows("sbx3"));
        }

        @AfterEach
        void stop() {
            ohtop.close();
            cloud.close();
        }

        /** What {@code /sandboxes/search} answers from now on: these, newest first, all running. */
        private void list(String... ids) {
            ObjectNode page = JsonNodeFactory.instance.objectNode();
            ArrayNode items = page.putArray("items");
            for (int i = 0; i < ids.length; i++) {
                ObjectNode s = items.addObject()
                        .put("id", ids[i])
                        .put("created_by_user_id", "u1")
                        .put("sandbox_spec_id", "spec")
                        .put("status", "RUNNING")
                        .put("session_api_key", "sess-1")
                        .put("created_at", "2026-11-27T0" + (9 - i) + ":00:00Z");
                s.putArray("exposed_urls");
            }
            page.putNull("next_page_id");
            cloud.wire().stubFor(get(urlPathEqualTo("/api/v1/sandboxes/search")).willReturn(okJson(page.toString())));
        }

        private boolean highlights(String id) {
            String line = ohtop.selectedLine();
            return line != null && line.contains(" " + id + " ");
        }

        @Test
        void aSandboxThatLeavesTheListIsSaidAndTheCursorTakesItsNeighbour() {
            ohtop.until("the cursor on the selected conversation's sandbox", o -> highlights(FakeCloud.SANDBOX));
            ohtop.press(Action.UP).until("the cursor on sbx2", o -> highlights("sbx2"));

            list("sbx4", "sbx3", "sbx2", FakeCloud.SANDBOX);
            ohtop.until("a new sandbox in front", o -> o.shows("sbx4"));
            assertTrue(highlights("sbx2"), "no key, the cursor stays:\n" + ohtop.text());

            list("sbx4", "sbx3", FakeCloud.SANDBOX);
            ohtop.until("sbx2 gone", o -> o.lines().stream().noneMatch(l -> l.contains("RUNNING   sbx2 ")));
            assertTrue(ohtop.status().contains("the selected sandbox sbx2 is no longer listed"), ohtop.status());
            assertTrue(highlights(FakeCloud.SANDBOX), "the row that was below it:\n" + ohtop.text());
        }
    }

    /** The events screen over a tail that holds the newest 30 events, as --max-events 30 would. */
    @Nested
    class Events {
        private static final TerminalSize SIZE = new TerminalSize(120, 30);
        private LongTail conversation;

        @AfterEach
        void stop() throws Exception {
            conversation.close();
        }

        private String line(int row) {
            StringBuilder text = new StringBuilder();
            for (int column = 0; column < SIZE.getColumns(); column++) {
                text.append(conversation.terminal().getCharacter(column, row).getCharacterString());
            }
            return text.toString();
        }

        private boolean highlighted(int row) {
            return conversation.terminal().getCharacter(4, row).getModifiers().contains(SGR.REVERSE);
        }

        private void steps(int n) throws Exception {
            for (int i = 0; i < n; i++) {
                conversation.app().step(Duration.ZERO);
            }
        }

        @Test
        void anEventDroppedToMakeWayForNewOnesIsSaidAndTheCursorTakesTheOldestHeld() throws Exception {
            conversation = LongTail.withHistory(40);
            EventTail tail = conversation.newTail(30);
            tail.poll();
            tail.poll();
            conversation.open(tail, SIZE);
            conversation.app().press(conversation.key(Action.TOP));
            steps(2);
            int firstRow = 3;
            assertTrue(highlighted(firstRow), "the oldest held is selected:\n" + line(firstRow));
            String dropped = line(firstRow);

            conversation.moreEvents(3);
            tail.poll();
            conversation.app().requestRedraw();
            steps(3);

            String status = line(SIZE.getRows() - 2);
            assertTrue(status.contains("the selected event was dropped"), status);
            assertNotEquals(dropped, line(firstRow), "the oldest made way");
            assertTrue(highlighted(firstRow), "the cursor is on the oldest held now");
        }
    }
}

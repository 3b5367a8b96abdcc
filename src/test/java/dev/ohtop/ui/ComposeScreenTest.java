package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.ConversationPatch;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The new-conversation form and the message form on a virtual terminal, against the demo server.
 * The demo's start tasks take a step every 2 s of its clock, which the tests move by hand; the
 * tracker itself reads the task after 2 s of real time, then 4 s.
 */
class ComposeScreenTest {
    /** The tracker's first two reads come 2 s and 6 s after sending. */
    private static final Duration START_PATIENCE = Duration.ofSeconds(15);

    private VirtualOhtop ohtop;

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo();
        ohtop.untilShows("30 total");
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    private void fillTheForm(String task, String repository, String branch, String title) {
        ohtop.press(Action.NEW_CONVERSATION).untilShows("New conversation");
        ohtop.type(task)
                .press(Action.COMPOSE_NEXT_FIELD)
                .type(repository)
                .press(Action.COMPOSE_NEXT_FIELD)
                .type(branch)
                .press(Action.COMPOSE_NEXT_FIELD)
                .type(title)
                .untilShows(title);
    }

    /** Sends the form and waits until the server has made the start task (the clock may move after that). */
    private void sendAndWaitForTheTask() {
        ohtop.press(Action.COMPOSE_SEND)
                .until(
                        "the start task made",
                        o -> o.status().contains("start task ") && !o.status().contains("being sent"));
    }

    private VirtualOhtop untilLong(String what, java.util.function.Predicate<VirtualOhtop> condition) {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (true) {
            try {
                return ohtop.until(what, condition);
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aNewConversationGoesThroughItsStatusesToReadyAndItsEventsOpen() {
        fillTheForm("Make the build green", "acme/widgets", "main", "Green build");
        sendAndWaitForTheTask();

        ohtop.clock().advanceSeconds(5); // two steps on: past WORKING
        untilLong("a status past WORKING", o -> o.shows("✓ WORKING") && o.shows("● "));
        ohtop.clock().advanceSeconds(120);
        untilLong("the new conversation's events", o -> o.header().contains("events of"));

        ConversationSnapshot created = ohtop.demo.world().conversations().stream()
                .filter(c -> "Green build".equals(c.title()))
                .findFirst()
                .orElseThrow();
        assertEquals("acme/widgets", created.selectedRepository());
        assertTrue(ohtop.header().contains(created.id().replace("-", "").substring(0, 8)), ohtop.header());
        ohtop.untilShows("Green build");
        ohtop.press(Action.BACK)
                .until("back home, not on the form", o -> o.shows("total") && !o.shows("New conversation"));
    }

    /** The app server names a conversation itself once its LLM has read the task (1.11.0 ignores the given title). */
    @Test
    void theTitleTheServerGivesLaterReachesTheEventsHeaderAndTheList() throws Exception {
        fillTheForm("Make the build green", "acme/widgets", "main", "Given title");
        sendAndWaitForTheTask();
        ohtop.clock().advanceSeconds(125);
        untilLong("the new conversation's events", o -> o.header().contains("events of"));
        ohtop.until("the given title in the header", o -> o.line(1).contains("Given title"));
        String id = ohtop.demo.world().conversations().stream()
                .filter(c -> "Given title".equals(c.title()))
                .findFirst()
                .orElseThrow()
                .id();

        ClientOptions options = ClientOptions.defaults().withRetry(RetryPolicy.none());
        new CloudClient(
                        HttpCore.newHttpClient(options),
                        ohtop.demo.appServerUrl(),
                        Credential.bearer(ohtop.demo.apiKey()),
                        options)
                .updateConversation(id, ConversationPatch.title("Named by the LLM"));
        ohtop.clock().advanceSeconds(30);

        untilLong("the server's title in the header", o -> o.line(1).contains("Named by the LLM"));
        ohtop.press(Action.BACK)
                .until("the list, under the server's title", o -> o.shows("total") && o.shows("Named by the LLM"));
        assertFalse(ohtop.shows("Given title"), ohtop.text());
    }

    @Test
    void theFifthRunningConversationBringsTheWarningToTheListAndTheForm() {
        for (int started = 0; !ohtop.shows(" 5 running / "); started++) {
            assertTrue(started < 5, "five conversations started and still not five running:\n" + ohtop.text());
            assertFalse(ohtop.shows("running at once"), "the list warns under five running:\n" + ohtop.text());
            String title = "Extra " + started;
            fillTheForm("One more", "acme/widgets", "main", title);
            assertFalse(ohtop.shows("already running"), "the form warns under five running:\n" + ohtop.text());
            sendAndWaitForTheTask();
            ohtop.clock().advanceSeconds(20); // the demo's conversation exists 14 s after the request
            untilLong(title + "'s events", o -> o.header().contains("events of"));
            ohtop.press(Action.BACK)
                    .until("home, listing " + title, o -> o.header().contains("conversations") && o.shows(title));
        }
        assertTrue(ohtop.shows("⚠ 5 running at once (advice: at most 5)"), "the list warns:\n" + ohtop.text());

        ohtop.press(Action.NEW_CONVERSATION).untilShows("New conversation");
        assertTrue(
                ohtop.shows("⚠ 5 conversations are already running; Cloud advises at most 5 at once"),
                "the form warns before a sixth:\n" + ohtop.text());
    }

    @Test
    void aStartThatFailsShowsTheErrorDetailAndKeepsTheForm() {
        fillTheForm("Try it", "acme/fail-repo", "main", "Doomed");
        sendAndWaitForTheTask();
        ohtop.clock().advanceSeconds(120);

        untilLong("the ERROR detail", o -> o.shows("could not start (ERROR)"));
        ohtop.untilShows("Failed to clone repository acme/fail-repo");
        assertTrue(ohtop.shows("✗ ERROR"), ohtop.text());
        assertTrue(
                ohtop.shows("acme/fail-repo█") || ohtop.shows("Doomed"),
                "the form is still filled in:\n" + ohtop.text());
    }

    @Test
    void aFailedStartsReasonWrapsBetweenWordsAt80Columns() {
        ohtop.terminal.setTerminalSize(new com.googlecode.lanterna.TerminalSize(80, 24));
        ohtop.until("the 80-column layout", o -> o.size().getColumns() == 80);
        fillTheForm("Try it", "acme/fail-repo", "main", "Doomed");
        sendAndWaitForTheTask();
        ohtop.clock().advanceSeconds(120);

        untilLong("the ERROR detail", o -> o.shows("could not start (ERROR)") && o.shows("Repository not found."));
        assertTrue(ohtop.lines().stream().anyMatch(l -> l.strip().equals("(git exit code 128)")), ohtop.text());
    }

    private long startsSent() {
        return ohtop.proxy.requests().all().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/app-conversations"))
                .count();
    }

    @Test
    void whileItStartsTheFooterOffersOnlyTheWayOut() {
        fillTheForm("Make the build green", "acme/widgets", "main", "Green build");
        assertTrue(ohtop.footer().contains("Ctrl+D send"), ohtop.footer());
        sendAndWaitForTheTask();
        ohtop.untilShows("starting…");
        String footer = ohtop.footer();
        assertFalse(
                footer.contains("send") || footer.contains("next field") || footer.contains("previous field"), footer);
        assertTrue(footer.contains("Esc back"), footer);
    }

    @Test
    void sendingAgainAfterStoppingFollowingAsksFirstSinceTheFirstMayStillStart() {
        fillTheForm("Make the build green", "acme/widgets", "main", "Green build");
        sendAndWaitForTheTask();
        ohtop.press(Action.BACK).untilShows("stopped following");
        assertTrue(ohtop.footer().contains("Ctrl+D send"), "the form is back: " + ohtop.footer());

        ohtop.press(Action.COMPOSE_SEND).untilShows("the first one may still start: send again? [y/N]");
        ohtop.type("n").until("the question gone", o -> !o.shows("send again?"));
        assertEquals(1, startsSent(), "no second start on no");

        ohtop.press(Action.COMPOSE_SEND).untilShows("send again? [y/N]");
        ohtop.type("y").until("a second start sent", o -> startsSent() == 2);
        ohtop.untilShows("starting…");
    }

    @Test
    void aFormWithoutATaskIsNotSentAndEscAsksBeforeThrowingTheDraftAway() {
        ohtop.press(Action.NEW_CONVERSATION).untilShows("New conversation");
        ohtop.press(Action.COMPOSE_SEND).untilShows("write the task first");
        ohtop.type("half a thought").press(Action.BACK).untilShows("discard this new conversation?");
        ohtop.type("n").until("the question gone", o -> !o.shows("discard this"));
        assertTrue(ohtop.shows("half a thought"), "the draft is still there");
        ohtop.press(Action.BACK)
                .untilShows("discard this new conversation?")
                .type("y")
                .until("back home", o -> o.header().contains("conversations"));
        assertTrue(
                ohtop.proxy.requests().all().stream()
                        .noneMatch(r -> r.method().equals("POST") && r.path().endsWith("/app-conversations")),
                "nothing was sent to start a conversation");
    }

    @Test
    void aMessageReachesTheConversation() {
        ConversationSnapshot target = running();
        select(target);
        ohtop.press(Action.SEND_MESSAGE).untilShows("Message to");
        assertFalse(ohtop.footer().contains("next field"), "one field, nothing to move to: " + ohtop.footer());
        ohtop.type("Please also run the linter").press(KeyType.Enter).type("and fix what it says");
        ohtop.press(Action.COMPOSE_SEND).untilShows("message sent to");

        assertTrue(ohtop.header().contains("conversations"), "the form closed: " + ohtop.header());
        assertTrue(
                ohtop.demo.world().events(target.id()).stream()
                        .anyMatch(e -> e.toString().contains("Please also run the linter\\nand fix what it says")),
                "the demo got the message with its line break");
    }

    @Test
    void aMessageToAPausedSandboxOffersToResumeItThenSends() {
        ConversationSnapshot paused = ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.PAUSED)
                .findFirst()
                .orElseThrow();
        select(paused);
        ohtop.press(Action.SEND_MESSAGE).untilShows("Message to");
        ohtop.type("wake up").press(Action.COMPOSE_SEND);

        ohtop.untilShows("is paused. Resume it?");
        assertTrue(ohtop.status().contains("not sent: the sandbox is paused"), ohtop.status());
        ohtop.type("y").untilShows("resuming " + paused.sandboxId() + ": STARTING"); // the server took the resume
        ohtop.clock().advanceSeconds(60);
        untilLong("the message sent after the resume", o -> o.shows("message sent to"));
        assertTrue(ohtop.demo.world().events(paused.id()).stream()
                .anyMatch(e -> e.toString().contains("wake up")));
    }

    private ConversationSnapshot running() {
        return ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING && "running".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow();
    }

    /** Filters the list down to one conversation by its id, so it is the selected row. */
    private void select(ConversationSnapshot c) {
        ohtop.selectConversation(c.id());
    }
}

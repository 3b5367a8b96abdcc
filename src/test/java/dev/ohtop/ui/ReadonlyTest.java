package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.demo.SeenRequest;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** --readonly: every action that changes something is absent from help and footers, and refused out loud. */
class ReadonlyTest {
    private static final List<Action> CHANGING =
            Arrays.stream(Action.values()).filter(Action::changesSomething).toList();

    private VirtualOhtop ohtop;

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().size(120, 60).asReadonly());
        ohtop.untilShows("30 total");
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    @Test
    void theChangingActionsAreNamedNowhereInHelpOrFooter() {
        assertFalse(CHANGING.isEmpty());
        assertTrue(ohtop.header().contains("[read-only]"), ohtop.header());
        for (Action action : CHANGING) {
            assertFalse(ohtop.footer().contains(" " + action.hint()), action + " in the footer: " + ohtop.footer());
        }
        ohtop.press(Action.HELP).untilShows("help (preset default, read-only)");
        for (Action action : CHANGING) {
            assertFalse(ohtop.shows(action.description()), action + " is listed in the help:\n" + ohtop.text());
        }
        for (Scope screen : List.of(Scope.CONSOLE, Scope.COMPOSE)) {
            assertFalse(
                    ohtop.shows(HelpView.title(screen)),
                    "a screen read-only never opens has keys in the help:\n" + ohtop.text());
        }
        assertTrue(ohtop.shows(Action.DOWNLOAD.description()), "what only reads stays: " + ohtop.text());
        assertTrue(
                ohtop.shows(HelpView.title(Scope.TRANSFER)),
                "a download still opens the transfer screen: " + ohtop.text());
    }

    @Test
    void everyChangingActionIsRefusedWithAMessageAndNothingIsSent() {
        long mark = ohtop.proxy.requests().mark();
        for (Action action :
                List.of(Action.OPEN_CONSOLE, Action.UPLOAD, Action.SEND_MESSAGE, Action.NEW_CONVERSATION)) {
            ohtop.press(action)
                    .until(action + " refused", o -> o.status().contains("read-only: \"" + action.description()));
            assertTrue(
                    ohtop.header().contains("conversations"), "no screen opened for " + action + ": " + ohtop.header());
        }
        ohtop.press(Action.OPEN).until("the events", o -> o.header().contains("events of"));
        ohtop.press(Action.OPEN_CONSOLE)
                .until(
                        "refused on the events screen too",
                        o -> o.status().contains("read-only: \"" + Action.OPEN_CONSOLE.description()));
        ohtop.press(Action.BACK).until("home", o -> o.header().contains("conversations"));
        ohtop.press(Action.OPEN_SANDBOXES).untilShows("sandboxes:");
        for (Action action : List.of(Action.PAUSE_SANDBOX, Action.RESUME_SANDBOX)) {
            ohtop.press(action)
                    .until(action + " refused", o -> o.status().contains("read-only: \"" + action.description()));
            assertFalse(ohtop.shows("[y/N]"), "nothing is asked for " + action);
        }
        assertTrue(
                ohtop.proxy.requests().since(mark).stream()
                        .noneMatch(r -> r.method().equals("POST")),
                "no request that changes something was sent");
    }

    @Test
    void aPausedSandboxIsSaidAsPausedAndNoResumeIsOffered() {
        ConversationSnapshot paused = ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.PAUSED)
                .findFirst()
                .orElseThrow();
        String shortId = paused.id().substring(0, 8);
        ohtop.type("/" + shortId)
                .press(KeyType.Enter)
                .until("only " + shortId, o -> o.line(3).contains(shortId));
        long mark = ohtop.proxy.requests().mark();

        ohtop.press(Action.DOWNLOAD).until("its form", o -> o.header().contains("download from " + shortId));
        ohtop.type("README.md").press(KeyType.Enter).untilShows("is paused; resuming it is off under --readonly");
        ohtop.type("y").settle();

        assertFalse(ohtop.shows("Resume it?"), ohtop.text());
        assertFalse(ohtop.shows("resuming " + paused.sandboxId()), ohtop.text());
        assertEquals(
                List.of(),
                ohtop.proxy.requests().since(mark).stream()
                        .filter(r -> !r.method().equals("GET"))
                        .map(SeenRequest::route)
                        .toList());
    }

    @Test
    void aRefusalIsSaidOnItsScreenAndGoesWithIt() {
        ohtop.press(Action.UPLOAD).until("refused", o -> o.status().contains("read-only"));
        ohtop.press(Action.OPEN_SANDBOXES).untilShows("sandboxes:");
        assertFalse(
                ohtop.status().contains("read-only"), "the conversations screen's message stayed: " + ohtop.status());
    }
}

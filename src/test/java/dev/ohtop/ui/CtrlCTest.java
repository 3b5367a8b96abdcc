package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ctrl+C as a shell user expects it: where a line is typed or a command runs, the first one drops
 * the line or stops the wait and says how to quit; a second within a second (on the injected
 * clock) quits. Where nothing is typed, it quits at once.
 */
class CtrlCTest {
    private static final String AGAIN = "; Ctrl+C again to quit";

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

    private void openRunningConsole() {
        ConversationSnapshot running = ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING)
                .findFirst()
                .orElseThrow();
        String shortId = running.id().substring(0, 8);
        ohtop.type("/" + shortId)
                .press(KeyType.Enter)
                .until("only " + shortId, o -> o.line(3).contains(shortId));
        ohtop.press(Action.OPEN_CONSOLE)
                .until(
                        "its console",
                        o -> o.header().contains("console of " + shortId)
                                && prompt().startsWith(DemoServer.SANDBOX_FOLDER + " $ "));
    }

    /** The console's prompt row: the last row above the status line. */
    private String prompt() {
        return ohtop.line(ohtop.size().getRows() - 3);
    }

    @Test
    void ctrlCOnTheConsoleDropsTheTypedLineAndOhtopRunsOn() {
        openRunningConsole();
        ohtop.type("rm -rf build").until("the typed line", o -> prompt().contains("$ rm -rf build█"));

        ohtop.ctrl('c').untilShows("line dropped" + AGAIN);

        assertTrue(ohtop.app.isOpen(), "ohtop still runs");
        assertTrue(prompt().stripTrailing().endsWith("$ █"), "the line is gone: " + prompt());
        assertTrue(ohtop.header().contains("console of"), ohtop.header());
    }

    @Test
    void aSecondCtrlCWithinASecondQuits() {
        openRunningConsole();
        ohtop.type("ls").ctrl('c').untilShows("line dropped" + AGAIN);
        ohtop.clock().advance(java.time.Duration.ofMillis(900));

        ohtop.ctrl('c').until("ohtop closed", o -> !o.app.isOpen());
    }

    @Test
    void aSecondCtrlCMoreThanASecondLaterDropsTheLineAgain() {
        openRunningConsole();
        ohtop.type("ls").ctrl('c').untilShows("line dropped" + AGAIN);
        ohtop.clock().advanceSeconds(2);
        ohtop.type("pwd").until("typed again", o -> prompt().contains("$ pwd█"));

        ohtop.ctrl('c').until("the line dropped", o -> prompt().stripTrailing().endsWith("$ █"));

        assertTrue(ohtop.app.isOpen(), "ohtop still runs");
    }

    @Test
    void ctrlCOnTheListQuitsAtOnce() {
        ohtop.ctrl('c').until("ohtop closed", o -> !o.app.isOpen());
    }

    @Test
    void ctrlCWhileACommandRunsStopsWaitingAndDoesNotQuit() {
        openRunningConsole();
        ohtop.type("sleep 5")
                .press(KeyType.Enter)
                .until("it running", o -> o.status().contains("running `sleep 5`"));

        ohtop.ctrl('c').untilShows("stopped waiting for the command" + AGAIN);

        assertTrue(ohtop.app.isOpen(), "ohtop still runs");
        ohtop.untilShows("⚠ stopped waiting");
    }

    @Test
    void ctrlCOnTheCommandLineDropsItAndOhtopRunsOn() {
        ohtop.type(":sandb").until("the command line", o -> o.status().contains(":sandb█"));

        ohtop.ctrl('c').untilShows("line dropped" + AGAIN);

        assertTrue(ohtop.app.isOpen(), "ohtop still runs");
        ohtop.clock().advanceSeconds(2);
        ohtop.type("S").untilShows("sandboxes:"); // keys act again, the line is gone
    }

    @Test
    void ctrlCInATransferPathDropsItAndLeavesTheFormOpen() {
        ohtop.press(Action.DOWNLOAD).until("the download form", o -> o.header().contains("download from"));
        ohtop.type("notes.txt").untilShows("notes.txt█");

        ohtop.ctrl('c').untilShows("line dropped" + AGAIN);

        assertFalse(ohtop.shows("notes.txt"), ohtop.text());
        assertTrue(ohtop.header().contains("download from"), ohtop.header());
    }

    @Test
    void ctrlCOnTheMessageFormKeepsTheMessageAndASecondQuits() {
        ohtop.press(Action.SEND_MESSAGE).until("the message form", o -> o.shows("Message to "));
        ohtop.type("please also update the changelog").untilShows("changelog█");

        ohtop.ctrl('c').untilShows("the message is kept" + AGAIN);
        assertTrue(ohtop.shows("please also update the changelog"), ohtop.text());

        ohtop.ctrl('c').until("ohtop closed", o -> !o.app.isOpen());
    }

    @Test
    void ctrlCInAOneLineFieldOfTheNewConversationDropsIt() {
        ohtop.press(Action.NEW_CONVERSATION).untilShows("New conversation");
        ohtop.type("Fix the flaky test")
                .press(Action.COMPOSE_NEXT_FIELD)
                .type("acme/widgets")
                .untilShows("acme/widgets");

        ohtop.ctrl('c').untilShows("line dropped" + AGAIN);

        assertFalse(ohtop.shows("acme/widgets"), ohtop.text());
        assertTrue(ohtop.shows("Fix the flaky test"), "the task is kept: " + ohtop.text());
    }
}

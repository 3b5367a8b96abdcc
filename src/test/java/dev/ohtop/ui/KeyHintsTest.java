package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultRule;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Keymap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hints written in the screens' own words ("End resumes", "Ctrl+X stops waiting") name the
 * key of the keymap in force, as the footer does: here a user's file that moves each of them.
 */
class KeyHintsTest {
    private static final String MY_KEYS = """
            global.bottom        = F4
            global.back          = F10
            events.search        = F3
            detail.jump-to-pair  = J
            console.stop-waiting = Ctrl+K
            transfer.cancel      = Ctrl+K
            transfer.next-field  = F6
            """;

    private VirtualOhtop ohtop;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("mine.keys"), MY_KEYS);
        Keymap keys = Keymap.load(file.toString());
        ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().keys(keys));
        ohtop.untilShows("30 total");
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    private void select(ConversationSnapshot c) {
        ohtop.selectConversation(c.id());
    }

    private ConversationSnapshot withSandbox(SandboxStatus status) {
        return ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == status)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theEventsAndDetailHintsNameTheUsersKeys() {
        ohtop.type("/Add pagination")
                .press(KeyType.Enter)
                .until("the one conversation", o -> o.line(3).contains("Add pagination"));
        ohtop.press(KeyType.Enter).until("its events, all fetched", VirtualOhtop::eventsCaughtUp);

        ohtop.press(Action.UP).untilShows("not following (F4 resumes)");
        ohtop.press(Action.NEXT_MATCH).until("the search hint", o -> o.status().contains("no search: press F3 first"));

        ohtop.press(KeyType.F3)
                .type("ruff")
                .press(KeyType.Enter)
                .until(
                        "a ruff action selected",
                        o -> o.selectedLine() != null && o.selectedLine().contains("terminal: ruff"));
        ohtop.press(Action.SHOW_DETAIL).untilShows("kind           ActionEvent");
        assertTrue(ohtop.shows("(J shows it)"), ohtop.text());
        assertFalse(ohtop.shows("End") || ohtop.shows("jump key"), ohtop.text());
    }

    @Test
    void theConsoleNamesTheUsersStopAndFollowKeys() {
        select(withSandbox(SandboxStatus.RUNNING));
        ohtop.press(Action.OPEN_CONSOLE).until("its console", o -> o.header().contains("console of"));
        ohtop.type("seq 1 60")
                .press(KeyType.Enter)
                .until("its output", o -> o.status().contains("exit 0"));
        ohtop.press(Action.PAGE_UP).untilShows("scrolled up (F4 follows)");
        ohtop.type("sleep 30")
                .press(KeyType.Enter)
                .until("the command under way", o -> o.status().contains("— Ctrl+K stops waiting"));
        assertTrue(ohtop.shows("(Ctrl+K stops waiting)"), ohtop.text());
        ohtop.ctrl('k').until("stopped waiting", o -> !o.status().contains("stops waiting"));
    }

    @Test
    void theTransferNamesTheUsersFieldAndCancelKeys() throws Exception {
        ConversationSnapshot running = withSandbox(SandboxStatus.RUNNING);
        select(running);
        Path project = ohtop.demo.sandboxRoot(running.sandboxId()).resolve(DemoServer.SANDBOX_FOLDER.substring(1));
        byte[] data = new byte[20 * 1024 * 1024];
        new Random(3).nextBytes(data);
        Files.write(project.resolve("big.bin"), data);
        ohtop.proxy
                .faults()
                .add(
                        Fault.throttled(8L * 1024 * 1024),
                        FaultSwitch.Target.AGENT,
                        "/sandboxes/" + running.sandboxId() + "/api/file",
                        FaultRule.UNTIL_CLEARED);

        ohtop.press(Action.DOWNLOAD).until("the download form", o -> o.header().contains("download from"));
        assertTrue(ohtop.status().contains("Enter starts; F6 goes to the next field"), ohtop.status());
        ohtop.type("big.bin")
                .press(KeyType.Enter)
                .until("the download under way", o -> o.status().contains("Ctrl+K cancels; going back asks first"));
        ohtop.ctrl('k').untilShows("✗ cancelled");
    }

    @Test
    void theNewConversationFormNamesTheUsersBackKey() {
        ohtop.press(Action.NEW_CONVERSATION).untilShows("New conversation");
        ohtop.type("Try it")
                .press(Action.COMPOSE_NEXT_FIELD)
                .type("acme/fail-repo")
                .press(Action.COMPOSE_SEND)
                .untilShows("(F10 stops following)");
        ohtop.until(
                "the start task made",
                o -> o.status().contains("start task ") && !o.status().contains("being sent"));
        ohtop.clock().advanceSeconds(120);
        untilLong("the way out", "fix the form below and send again, or F10 to leave");
    }

    @Test
    void theResumeWaitNamesTheUsersBackKey() {
        ConversationSnapshot paused = withSandbox(SandboxStatus.PAUSED);
        select(paused);
        ohtop.press(Action.SEND_MESSAGE).untilShows("Message to");
        ohtop.type("wake up").press(Action.COMPOSE_SEND).untilShows("is paused. Resume it?");
        ohtop.type("y").untilShows("F10 stops waiting");
        ohtop.press(KeyType.Escape).settle();
        assertTrue(ohtop.shows("F10 stops waiting"), "Esc is not the back key here: " + ohtop.text());
        ohtop.press(KeyType.F10).until("no longer waiting", o -> !o.shows("stops waiting"));
    }

    /** The start task is read 2 s, then 6 s after sending, in real time. */
    private void untilLong(String what, String text) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            try {
                ohtop.untilShows(text);
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what + ": " + e.getMessage(), e);
                }
            }
        }
    }
}

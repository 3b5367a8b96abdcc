package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bash console on a virtual terminal against the demo server, whose bash runs commands for
 * real in a scratch folder per sandbox (real time), while the demo's clock stands still until a
 * test moves it (so durations read 0.0s unless it does).
 */
class ConsoleScreenTest {
    private VirtualOhtop ohtop;
    private String shortId;

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo();
        ohtop.untilShows("30 total");
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    /** Filters the list down to the conversation and opens its console. */
    private void openConsoleOf(Predicate<ConversationSnapshot> which) {
        ConversationSnapshot conversation = ohtop.demo.world().conversations().stream()
                .filter(which)
                .findFirst()
                .orElseThrow();
        shortId = conversation.id().substring(0, 8);
        ohtop.type("/" + shortId)
                .press(KeyType.Enter)
                .until("only " + shortId, o -> o.line(3).contains(shortId));
        // A paused sandbox cannot say its folder yet: it is read before the first command.
        String prompt =
                conversation.sandboxStatus() == SandboxStatus.RUNNING ? DemoServer.SANDBOX_FOLDER + " $ " : "… $ ";
        ohtop.press(Action.OPEN_CONSOLE)
                .until(
                        "its console",
                        o -> o.header().contains("console of " + shortId)
                                && commandLine().startsWith(prompt));
    }

    private void openRunningConsole() {
        openConsoleOf(c -> c.sandboxStatus() == SandboxStatus.RUNNING);
    }

    /** The prompt row: the last row above the status line. */
    private String commandLine() {
        return ohtop.line(ohtop.size().getRows() - 3);
    }

    private VirtualOhtop run(String command) {
        return ohtop.type(command).press(KeyType.Enter);
    }

    /** The first row whose text, without the gutter, is exactly {@code text}; -1 when none. */
    private int outputRow(String mark, String text) {
        for (int r = 2; r < ohtop.size().getRows() - 3; r++) {
            if (ohtop.line(r).stripTrailing().equals(mark + " " + text)) {
                return r;
            }
        }
        return -1;
    }

    private long outputRows(String mark, String text) {
        return ohtop.lines().stream()
                .filter(l -> l.stripTrailing().equals(mark + " " + text))
                .count();
    }

    @Test
    void stdoutAndStderrAreShownApartWithTheExitCode() {
        openRunningConsole();
        run("echo hi; echo err >&2; exit 3").untilShows("exit 3 in ");

        int command = outputRow("$", "echo hi; echo err >&2; exit 3");
        int out = outputRow(" ", "hi");
        int err = outputRow("▎", "err");
        assertTrue(command > 0 && out > command && err > command, ohtop.text());
        assertEquals(TextColor.ANSI.DEFAULT, ohtop.cellOf("hi", out).getForegroundColor());
        assertEquals(Theme.STDERR.foreground(), ohtop.cellOf("err", err).getForegroundColor());
        assertEquals(Theme.STDERR.foreground(), ohtop.cell(0, err).getForegroundColor(), "the mark too");
        assertTrue(ohtop.line(err + 1).contains("✗ exit 3 in 0.0s"), "the summary follows the output: " + ohtop.text());
        assertTrue(ohtop.status().contains("exit 3 in 0.0s"), ohtop.status());
        assertEquals(
                DemoServer.SANDBOX_FOLDER + " $ █", commandLine().stripTrailing(), "the command line is empty again");
    }

    @Test
    void cdChangesThePromptAndTheDirectoryCommandsRunInAndBothSurviveLeaving() {
        openRunningConsole();
        run("cd /tmp").until("the prompt in /tmp", o -> commandLine().startsWith("/tmp $ "));
        assertTrue(ohtop.line(1).contains("in /tmp"), ohtop.line(1));

        run("pwd").until("pwd's answer", o -> outputRow(" ", "/tmp") > 0);

        ohtop.press(Action.BACK).until("the list again", o -> o.header().contains("conversations"));
        ohtop.press(Action.OPEN_CONSOLE)
                .until("the console again", o -> o.header().contains("console of"));
        assertTrue(commandLine().startsWith("/tmp $ "), commandLine());
        assertTrue(outputRow(" ", "/tmp") > 0, "the output is kept: " + ohtop.text());
    }

    @Test
    void aCommandOverItsTimeoutEndsWithExitMinusOne() {
        openRunningConsole();
        ohtop.press(Action.CONSOLE_SET_TIMEOUT)
                .until("the timeout entry", o -> commandLine().startsWith("timeout in seconds: 60"));
        ohtop.ctrl('u').type("soon").press(KeyType.Enter).untilShows("whole number of seconds");
        assertTrue(ohtop.line(1).contains("timeout 60s"), "a bad entry changes nothing: " + ohtop.line(1));

        ohtop.press(Action.CONSOLE_SET_TIMEOUT)
                .ctrl('u')
                .type("1")
                .press(KeyType.Enter)
                .until("the new timeout", o -> o.line(1).contains("timeout 1s"));
        run("sleep 3").untilShows("(exit -1)");

        assertTrue(ohtop.shows("timed out after 1 s: the sandbox killed it (exit -1)"), ohtop.text());
        assertEquals(
                "timed out after 1 s: the sandbox killed it (exit -1)",
                ohtop.status().strip(),
                "the status line says how it ended once");
    }

    @Test
    void upTwiceRecallsTheOlderCommandAndEnterRunsItAgain() {
        openRunningConsole();
        run("echo first").until("first", o -> outputRow(" ", "first") > 0 && o.shows("exit 0"));
        run("echo second").until("second", o -> outputRow(" ", "second") > 0);
        ohtop.until("the second to end", o -> o.status().contains("exit 0"));

        ohtop.press(Action.UP).until("the newer one", o -> commandLine().contains("$ echo second█"));
        ohtop.press(Action.UP).until("the older one", o -> commandLine().contains("$ echo first█"));
        ohtop.press(Action.DOWN)
                .press(Action.UP)
                .until("the older one again", o -> commandLine().contains("$ echo first█"));

        ohtop.press(KeyType.Enter).until("first twice", o -> outputRows(" ", "first") == 2);
        assertEquals(2, outputRows("$", "echo first"), ohtop.text());
    }

    @Test
    void scrollingUpHoldsTheViewWhileOutputArrivesAndEndFollowsAgain() {
        openRunningConsole();
        // The rest of the output comes a second later, while the user reads above.
        run("seq 1 60; sleep 1; echo more; exit 4").until("the first part", o -> outputRow(" ", "60") > 0);
        assertTrue(outputRow(" ", "1") < 0, "the oldest lines went off the top: " + ohtop.text());

        ohtop.press(Action.PAGE_UP).untilShows("scrolled up (End follows)");
        assertTrue(outputRow(" ", "60") < 0 && outputRow(" ", "30") > 0, ohtop.text());
        List<String> held = pane();
        ohtop.until("the command to end", o -> o.status().contains("exit 4"));
        assertEquals(held, pane(), "new output does not move what is being read");
        assertTrue(outputRow(" ", "more") < 0);

        ohtop.press(Action.BOTTOM).until("the newest again", o -> outputRow(" ", "more") > 0);
        assertTrue(!ohtop.shows("scrolled up"), ohtop.line(1));
        ohtop.press(Action.TOP)
                .until("the first line", o -> outputRow("$", "seq 1 60; sleep 1; echo more; exit 4") == 2);
        ohtop.press(Action.PAGE_DOWN)
                .press(Action.PAGE_DOWN)
                .press(Action.PAGE_DOWN)
                .until("following again at the bottom", o -> !o.shows("scrolled up") && outputRow(" ", "more") > 0);
    }

    @Test
    void aLongLineIsWrappedNotCut() {
        openRunningConsole();
        run("printf 'a%.0s' $(seq 1 250); echo")
                .until("it to end", o -> o.status().contains("exit 0"));

        int width = ohtop.size().getColumns() - ConsolePane.GUTTER;
        int first = outputRow(" ", "a".repeat(width));
        assertTrue(first > 0, ohtop.text());
        assertEquals("  " + "a".repeat(width), ohtop.line(first + 1));
        assertEquals("  " + "a".repeat(250 - 2 * width), ohtop.line(first + 2).stripTrailing());
    }

    @Test
    void aSmallTerminalShowsTheNewestOutputAndThePrompt() throws Exception {
        ohtop.close();
        ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().size(40, 8));
        ohtop.untilShows("30 total");
        ohtop.press(Action.OPEN_CONSOLE)
                .until(
                        "the console",
                        o -> commandLine()
                                .startsWith("…"
                                        + DemoServer.SANDBOX_FOLDER.substring(DemoServer.SANDBOX_FOLDER.length() - 9)
                                        + " $ █"));

        run("echo one; echo two; echo three")
                .until("the newest output", o -> o.line(4).startsWith("✓ exit 0"));
        assertEquals("  three", ohtop.line(3).stripTrailing(), ohtop.text());
        assertTrue(ohtop.line(1).contains("in …htop-demo"), "the directory's end is kept: " + ohtop.line(1));
        assertTrue(!ohtop.shows("internal error"), ohtop.text());
    }

    /** The output pane's rows. */
    private List<String> pane() {
        return ohtop.lines().subList(2, ohtop.size().getRows() - 3);
    }

    @Test
    void theScreenAnswersWhileACommandRunsAndStoppingTheWaitIsSaid() {
        openRunningConsole();
        run("sleep 5").until("it running", o -> o.status().contains("running `sleep 5` for 0.0s"));

        ohtop.type("echo typed ahead")
                .until("the typed text", o -> commandLine().contains("$ echo typed ahead█"));
        assertTrue(ohtop.status().startsWith(" running `sleep 5`"), "still running: " + ohtop.status());
        ohtop.clock().advanceSeconds(3);
        ohtop.until(
                "the elapsed time ticking",
                o -> o.status().contains("running `sleep 5` for 3.0s") && o.shows("… running for 3.0s"));
        ohtop.press(KeyType.Enter).untilShows("a command is still running");
        assertTrue(commandLine().contains("$ echo typed ahead█"), "what was typed is kept: " + commandLine());

        ohtop.press(Action.CONSOLE_STOP_WAITING).untilShows("stopped waiting after 3.0s");
        ohtop.untilShows("⚠ stopped waiting; the sandbox stopped the command");

        ohtop.press(KeyType.Enter).until("the typed command ran", o -> outputRow(" ", "typed ahead") > 0);
    }

    @Test
    void ctrlCStopsWaitingInsteadOfQuitting() {
        openRunningConsole();
        run("sleep 5").until("it running", o -> o.status().contains("running `sleep 5`"));

        ohtop.ctrl('c').untilShows("stopped waiting after");

        assertTrue(ohtop.app.isOpen(), "ohtop is still running");
        ohtop.untilShows("⚠ stopped waiting");
    }

    @Test
    void theOutputIsSavedToALocalFileAndAMissingFolderIsSaid() throws Exception {
        openRunningConsole();
        run("echo one; echo two >&2").until("both lines", o -> outputRow("▎", "two") > 0 && o.shows("exit 0"));

        Path file = ohtop.localDir.resolve("console-" + shortId + ".txt");
        ohtop.press(Action.CONSOLE_SAVE_OUTPUT)
                .until("the path entry", o -> commandLine().startsWith("save the output to: " + file));
        ohtop.press(KeyType.Enter).untilShows("saved 4 lines to " + file);
        assertTrue(
                Files.readString(file).matches("\\$ echo one; echo two >&2\none\ntwo\n\\[exit 0 in [0-9.]+s\\]\n"),
                Files.readString(file));

        ohtop.press(Action.CONSOLE_SAVE_OUTPUT)
                .ctrl('u')
                .type("no/such/folder/out.txt")
                .press(KeyType.Enter)
                .untilShows(
                        "could not save: the folder " + ohtop.localDir.resolve("no/such/folder") + " does not exist");

        run("echo three").until("three", o -> outputRow(" ", "three") > 0);
        ohtop.press(Action.CONSOLE_SAVE_OUTPUT).press(KeyType.Enter).untilShows("exists: overwrite it?");
        ohtop.type("y").untilShows("saved 7 lines to " + file);
        assertTrue(
                Files.readString(file).matches("(?s).*\\$ echo three\nthree\n\\[exit 0 in [0-9.]+s\\]\n"),
                Files.readString(file));
    }

    @Test
    void aPausedSandboxIsOfferedAResumeAndTheCommandThenRuns() {
        openConsoleOf(c -> c.sandboxStatus() == SandboxStatus.PAUSED);
        assertTrue(ohtop.line(1).contains("sandbox ‖ PAUSED"), "said before any command: " + ohtop.line(1));
        assertTrue(ohtop.shows("the sandbox is paused: a command offers to resume it first"), ohtop.text());
        run("echo back").untilShows("is paused. Resume it?");

        ohtop.type("y").untilShows(": STARTING");
        ohtop.clock().advanceSeconds(10);
        ohtop.untilShows("is running again");

        ohtop.until(
                "the command run again",
                o -> outputRow(" ", "back") > 0 && o.status().contains("exit 0"));
        assertEquals(2, outputRows("$", "echo back"), "the failed try and the run: " + ohtop.text());
        ohtop.until(
                "the header without the paused mark once the list has seen it running",
                o -> !o.line(1).contains("sandbox"));
    }

    @Test
    void aCommandRunAfterAResumeShowsTheSandboxRunningAtOnceThoughTheListHasNotReadItAgain() throws Exception {
        ohtop.close();
        // The list reads the sandboxes once a minute (slower still behind the console): it will not see the resume.
        ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().refresh(java.time.Duration.ofSeconds(60)));
        ohtop.untilShows("30 total");
        openConsoleOf(c -> c.sandboxStatus() == SandboxStatus.PAUSED);
        run("echo back").untilShows("is paused. Resume it?");
        ohtop.type("y").untilShows(": STARTING");
        ohtop.clock().advanceSeconds(10);

        ohtop.until(
                "the command run again",
                o -> outputRow(" ", "back") > 0 && o.status().contains("exit 0"));
        assertTrue(
                !ohtop.line(1).contains("sandbox"), "the sandbox ran the command, so it is running: " + ohtop.line(1));
    }
}

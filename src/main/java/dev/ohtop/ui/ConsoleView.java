package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.ConsoleLine;
import dev.ohtop.monitor.ConsoleSnapshot;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.Durations;
import dev.ohtop.monitor.LocalPaths;
import dev.ohtop.monitor.SandboxConsole;
import dev.ohtop.monitor.SandboxPaths;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import dev.ohtop.terminal.TerminalText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A bash command line into one conversation's sandbox: the output pane, then the prompt with the
 * directory commands run in. Commands run and are followed on workers by the
 * {@link SandboxConsole}, which outlives this screen: leaving keeps the output, the directory and
 * a running command, and reopening shows them again.
 *
 * <p>Typing goes to the command line (to the timeout or save-path entry while one is open); Up
 * and Down recall history, the page keys scroll the pane. A command that could not run because
 * the sandbox is paused is offered a resume, and runs again once the sandbox does.
 */
final class ConsoleView implements View, Chrome.Status {
    private enum Entry {
        TIMEOUT,
        SAVE_PATH
    }

    /** The conversation as the list last saw it: its sandbox may be paused or resumed while this is open. */
    private final Supplier<ConversationRow> conversation;
    /** When the list last read the conversations (its sandbox status is that old). */
    private final Supplier<Instant> listedAt;

    private final SandboxConsole console;
    private final ResumeOffer resume;
    private final Path localDir;
    private final Keymap keys;
    private final ConsolePane pane = new ConsolePane();
    /** The command line; its prompt is drawn here (it follows the directory), not by the editor. */
    private LineEditor commandLine = new LineEditor("", "");
    /** The timeout or save-path entry while open, in place of the command line. */
    private LineEditor entry;

    private Entry entryKind;
    /** Asked before saving over an existing file. */
    private Question overwrite;

    private Path overwriteTarget;
    /** The failed command a resume was offered for: offered once, not on every frame. */
    private ConsoleSnapshot.Finished offeredFor;
    /** Lines cleared by the user are not counted as "not kept". */
    private long clearedLines;
    /** The last save said on the status line: the console outlives this screen, and each save is said once. */
    private ConsoleSnapshot.Saved toldSaved;
    /** The snapshot the last frame's pane was drawn from (UI thread only). */
    private ConsoleSnapshot drawn;

    ConsoleView(
            Supplier<ConversationRow> conversation,
            Supplier<Instant> listedAt,
            SandboxConsole console,
            ResumeOffer resume,
            Path localDir,
            Keymap keys) {
        this.keys = keys;
        this.conversation = conversation;
        this.listedAt = listedAt;
        this.console = console;
        this.resume = resume;
        this.localDir = localDir;
        this.toldSaved = console.snapshot().saved();
    }

    private ConversationRow row() {
        return conversation.get();
    }

    @Override
    public Scope scope() {
        return Scope.CONSOLE;
    }

    @Override
    public String title() {
        return "console of " + row().shortId();
    }

    // ---- drawing ----------------------------------------------------------------------

    @Override
    public void draw(Canvas canvas, Instant now) {
        ConsoleSnapshot snap = console.snapshot();
        drawn = snap;
        int height = canvas.height();
        if (height <= 0) {
            return;
        }
        int bottom = height - 1;
        int resumeRow = resume.hasLine() && height >= 3 ? bottom - 1 : -1;
        if (height >= 2) {
            header(canvas.rows(0, 1), snap);
        }
        int paneRows = (resumeRow >= 0 ? resumeRow : bottom) - 1;
        if (paneRows > 0) {
            pane.draw(canvas.rows(1, paneRows), paneLines(snap, now), snap.droppedLines());
        }
        if (resumeRow >= 0) {
            resume.draw(canvas.rows(resumeRow, 1), now);
        }
        bottomLine(canvas.rows(bottom, 1), snap);
    }

    private void header(Canvas line, ConsoleSnapshot snap) {
        int c = line.text(1, 0, row().title(), Math.max(10, line.width() / 3), Theme.TITLE);
        c = line.text(
                c + 2,
                0,
                "in " + TerminalText.fitEnd(TerminalText.safeLine(snap.where()), Math.max(7, line.width() / 3 - 3)),
                Style.NORMAL);
        c = line.text(c + 2, 0, "timeout " + snap.timeoutSeconds() + "s", Theme.DIM);
        String sandbox = sandboxStatus(snap);
        if (!"RUNNING".equals(sandbox) && !Theme.sandbox(sandbox).text().isEmpty()) {
            Theme.Badge badge = Theme.sandbox(sandbox);
            c = line.text(c + 2, 0, "sandbox " + badge.text(), badge.style());
        }
        long notKept = snap.droppedLines() - clearedLines;
        if (notKept > 0) {
            c = line.text(c + 2, 0, notKept + " earlier lines not kept", Theme.WARNING);
        }
        if (!pane.following()) {
            line.text(
                    c + 2,
                    0,
                    "‖ scrolled up (" + keys.keyName(Scope.CONSOLE, Action.BOTTOM) + " follows)",
                    Theme.CHANGED);
        }
    }

    /** The list's word for the sandbox, unless a command has since proved it running. */
    private String sandboxStatus(ConsoleSnapshot snap) {
        return snap.sandboxStatus(row().sandboxStatus(), listedAt.get());
    }

    /** Said wherever a running command is shown, with the key in force (Ctrl+C does it too, whatever the keymap says). */
    private String howToStop() {
        return keys.keyName(Scope.CONSOLE, Action.CONSOLE_STOP_WAITING) + " stops waiting";
    }

    /** What to know before the first command when the sandbox is not up, or null. */
    private static String notUp(String sandboxStatus) {
        if (sandboxStatus == null) {
            return null;
        }
        return switch (sandboxStatus) {
            case "PAUSED" -> "the sandbox is paused: a command offers to resume it first";
            case "STARTING" -> "the sandbox is starting: a command may have to wait for it";
            case "MISSING", "ERROR" -> "the sandbox is gone (" + sandboxStatus + "): commands cannot run";
            default -> null;
        };
    }

    /** The held lines (each command's ending among them), then how long the running one has run. */
    private List<ConsolePane.Line> paneLines(ConsoleSnapshot snap, Instant now) {
        List<ConsolePane.Line> tail = new ArrayList<>(1);
        if (snap.running() != null) {
            tail.add(new ConsolePane.Line(
                    "…",
                    Theme.DIM,
                    "running for " + Durations.brief(snap.running().elapsed(now)) + " (" + howToStop() + ")",
                    Theme.CHANGED));
            if (snap.running().retrying() != null) {
                tail.add(new ConsolePane.Line("⚠", Theme.WARNING, retrying(snap.running()), Theme.WARNING));
            }
        } else if (snap.lines().isEmpty()) {
            tail.add(new ConsolePane.Line(
                    "",
                    Style.NORMAL,
                    "Enter runs a command in the sandbox (a fresh bash each time;" + " cd is remembered)",
                    Theme.DIM));
            String notUp = notUp(sandboxStatus(snap));
            if (notUp != null) {
                tail.add(new ConsolePane.Line("", Style.NORMAL, notUp, Theme.WARNING));
            }
        }
        List<ConsoleLine> held = snap.lines();
        return new AbstractList<>() {
            @Override
            public ConsolePane.Line get(int i) {
                return i < held.size() ? paneLine(held.get(i)) : tail.get(i - held.size());
            }

            @Override
            public int size() {
                return held.size() + tail.size();
            }
        };
    }

    /** A poll for the command's output failed: it is tried again, and the user may stop waiting. */
    private static String retrying(ConsoleSnapshot.Running running) {
        return "retrying: " + running.retrying();
    }

    private static ConsolePane.Line paneLine(ConsoleLine line) {
        return switch (line.source()) {
            case COMMAND -> new ConsolePane.Line("$", Theme.TITLE, line.text(), Theme.TITLE);
            case STDOUT -> new ConsolePane.Line("", Style.NORMAL, line.text(), Style.NORMAL);
            case STDERR -> new ConsolePane.Line("▎", Theme.STDERR, line.text(), Theme.STDERR);
            case NOTE -> new ConsolePane.Line("⚠", Theme.WARNING, line.text(), Theme.WARNING);
            case SUCCEEDED -> new ConsolePane.Line("✓", Theme.OK, line.text(), Theme.DIM);
            case ENDED -> new ConsolePane.Line("✗", Theme.WARNING, line.text(), Theme.DIM);
        };
    }

    /** The question, the open entry, or the prompt with what is typed (its end kept in view). */
    private void bottomLine(Canvas row, ConsoleSnapshot snap) {
        if (overwrite != null) {
            overwrite.draw(row);
            return;
        }
        if (entry != null) {
            entry.draw(row);
            return;
        }
        Style prompt = snap.running() == null ? Theme.TITLE : Theme.DIM;
        // A long directory keeps its end, the part that tells directories apart.
        String cwd = TerminalText.fitEnd(TerminalText.safeLine(snap.where()), Math.max(3, row.width() / 3 - 3));
        int c = row.text(0, 0, cwd + " $ ", prompt);
        String typed = TerminalText.safeLine(commandLine.text());
        c = row.text(c, 0, TerminalText.fitEnd(typed, row.width() - c - 1), Style.NORMAL);
        row.text(c, 0, "█", Style.NORMAL);
    }

    /**
     * What the pane of this frame was drawn from: the status line is drawn after it, and a command
     * ending in between must not show "exit 3" below a pane still saying it runs.
     */
    private ConsoleSnapshot frameSnapshot() {
        ConsoleSnapshot snap = drawn;
        return snap != null ? snap : console.snapshot();
    }

    @Override
    public String status(Instant now) {
        ConsoleSnapshot snap = frameSnapshot();
        if (snap.running() != null) {
            String running = "running `" + snap.running().command() + "` for "
                    + Durations.brief(snap.running().elapsed(now));
            // How to stop comes before the reason for retrying, which may be long and cut at the edge.
            return running + " — " + howToStop()
                    + (snap.running().retrying() == null ? "" : " — " + retrying(snap.running()));
        }
        if (snap.last() != null) {
            // A stop's or a timeout's own words already say how it ended; the summary would say it twice.
            boolean saysItAll = snap.problem() != null
                    && (snap.last().ending() == ConsoleSnapshot.Ending.STOPPED
                            || snap.last().ending() == ConsoleSnapshot.Ending.TIMED_OUT);
            return saysItAll
                    ? snap.problem()
                    : snap.last().summary() + (snap.problem() == null ? "" : " — " + snap.problem());
        }
        String historyProblem = console.history().problem();
        return historyProblem != null
                ? historyProblem
                : "commands run in " + snap.where() + " with a " + snap.timeoutSeconds() + " s timeout";
    }

    @Override
    public boolean statusIsProblem() {
        ConsoleSnapshot snap = frameSnapshot();
        return snap.running() == null && snap.problem() != null;
    }

    // ---- keys -------------------------------------------------------------------------

    @Override
    public Step onKey(KeyStroke key) {
        if (resume.active()) {
            resume.onKey(key);
            return Step.STAY;
        }
        if (overwrite != null) {
            return answerOverwrite(key);
        }
        if (entry != null) {
            return onEntryKey(key);
        }
        return switch (commandLine.on(key)) {
            case ACCEPTED -> run();
            case EDITING -> Step.STAY;
            // Esc leaves the console (the keymap's BACK); other keys are the keymap's too.
            case CANCELLED, IGNORED -> Step.PASS;
        };
    }

    private Step run() {
        String line = commandLine.text();
        if (line.isBlank()) {
            return Step.STAY;
        }
        if (!console.submit(line)) {
            return new Step.Flash("a command is still running: " + howToStop());
        }
        commandLine = new LineEditor("", "");
        pane.follow();
        return Step.STAY;
    }

    @Override
    public Step on(Action action) {
        switch (action) {
            case UP -> {
                if (entry == null) {
                    console.history().previous(commandLine.text()).ifPresent(this::setCommandLine);
                }
            }
            case DOWN -> {
                if (entry == null) {
                    console.history().next().ifPresent(this::setCommandLine);
                }
            }
            case PAGE_UP -> pane.scrollUp(Math.max(1, pane.pageRows() - 1));
            case PAGE_DOWN -> pane.scrollDown(Math.max(1, pane.pageRows() - 1));
            case TOP -> pane.scrollToTop();
            case BOTTOM -> pane.follow();
            case CONSOLE_STOP_WAITING -> {
                return stopWaiting();
            }
            case CONSOLE_SET_TIMEOUT ->
                open(
                        Entry.TIMEOUT,
                        "timeout in seconds: ",
                        String.valueOf(console.snapshot().timeoutSeconds()));
            case CONSOLE_SAVE_OUTPUT ->
                open(Entry.SAVE_PATH, "save the output to: ", defaultSavePath().toString());
            case CONSOLE_CLEAR_OUTPUT -> {
                console.clearOutput();
                clearedLines = console.snapshot().droppedLines();
                pane.follow();
            }
            default -> {
                return Step.STAY;
            }
        }
        return Step.STAY;
    }

    private void setCommandLine(String text) {
        commandLine = new LineEditor("", text);
    }

    private Step stopWaiting() {
        if (console.snapshot().running() == null) {
            return new Step.Flash("no command is running");
        }
        console.stopWaiting();
        pane.follow();
        return Step.STAY;
    }

    /**
     * Ctrl+C, as in a shell: stops waiting for a running command (the pane says whether the sandbox
     * stopped it), else stops the resume or says no, else drops the line being typed.
     */
    @Override
    public String interrupt() {
        if (console.snapshot().running() != null) {
            console.stopWaiting();
            pane.follow();
            return "stopped waiting for the command";
        }
        String stopped = resume.active() ? resume.interrupt() : null;
        if (stopped != null) {
            return stopped;
        }
        if (overwrite != null) {
            overwrite = null;
            return "answered no";
        }
        if (entry != null) {
            entry = null;
            entryKind = null;
        } else {
            commandLine = new LineEditor("", "");
        }
        return "line dropped";
    }

    /**
     * After every event: offers to resume a sandbox a command found paused (once per failure),
     * runs the command again once it runs, and says how a save ended on the status line.
     */
    @Override
    public Step next() {
        resume.settle();
        ConsoleSnapshot snap = console.snapshot();
        if (snap.pausedSandbox() != null && snap.last() != null && snap.last() != offeredFor) {
            offeredFor = snap.last();
            String command = snap.last().command();
            resume.offer(snap.pausedSandbox(), () -> console.submit(command));
        }
        if (snap.saved() == null || snap.saved() == toldSaved) {
            return Step.STAY;
        }
        toldSaved = snap.saved();
        return new Step.Flash(toldSaved.summary());
    }

    // ---- timeout and save entries ----------------------------------------------------

    private void open(Entry kind, String prompt, String initial) {
        entry = new LineEditor(prompt, initial);
        entryKind = kind;
    }

    private Step onEntryKey(KeyStroke key) {
        LineEditor.Result result = entry.on(key);
        if (result == LineEditor.Result.IGNORED) {
            return Step.PASS;
        }
        if (!LineEditor.closes(result)) {
            return Step.STAY;
        }
        String text = entry.text().strip();
        Entry kind = entryKind;
        entry = null;
        entryKind = null;
        if (result == LineEditor.Result.CANCELLED) {
            return Step.STAY;
        }
        return kind == Entry.TIMEOUT ? setTimeout(text) : save(text);
    }

    private Step setTimeout(String text) {
        String digits =
                text.endsWith("s") ? text.substring(0, text.length() - 1).strip() : text;
        long seconds = digits.matches("[0-9]{1,12}") ? Long.parseLong(digits) : 0; // longer is out of range too
        if (seconds < 1 || seconds > SandboxConsole.MAX_TIMEOUT_SECONDS) {
            return new Step.Flash("the timeout must be a whole number of seconds from 1 to "
                    + SandboxConsole.MAX_TIMEOUT_SECONDS + " (a day), not \"" + TerminalText.safe(text, 24)
                    + "\"; it stays " + console.snapshot().timeoutSeconds() + " s");
        }
        console.setTimeoutSeconds((int) seconds);
        return new Step.Flash("timeout set to " + seconds + " s for the next commands");
    }

    private Path defaultSavePath() {
        return localDir.resolve(SandboxPaths.localName("console-" + row().shortId() + ".txt"));
    }

    /** A typed path: {@code ~/} is the home folder, a relative one is in the local folder, a folder gets the default name. */
    private Path savePath(String typed) {
        Path path = LocalPaths.typed(localDir, typed);
        return Files.isDirectory(path) ? path.resolve(defaultSavePath().getFileName()) : path;
    }

    private Step save(String typed) {
        if (typed.isEmpty()) {
            return new Step.Flash("nothing saved: no file name given");
        }
        Path target = savePath(typed);
        if (Files.exists(target)) {
            overwrite = Question.overwrite(target);
            overwriteTarget = target;
            return Step.STAY;
        }
        return startSave(target);
    }

    private Step answerOverwrite(KeyStroke key) {
        Question.Answer answer = overwrite.on(key);
        if (answer == Question.Answer.ASKING) {
            return Step.STAY;
        }
        Path target = overwriteTarget;
        overwrite = null;
        overwriteTarget = null;
        return answer == Question.Answer.YES ? startSave(target) : new Step.Flash("nothing saved");
    }

    /** The console writes on its worker (a full pane is megabytes); {@link #next} says how it ended. */
    private Step startSave(Path target) {
        int count = console.snapshot().lines().size();
        if (!console.saveOutputLater(target, ConsolePane::shown)) {
            return new Step.Flash("could not save: ohtop is shutting down");
        }
        return new Step.Flash("saving " + count + " lines to " + target + "…");
    }
}

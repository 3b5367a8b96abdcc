package dev.ohtop.monitor;

import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.BashCommand;
import dev.ohtop.api.BashOutput;
import dev.ohtop.api.BashRequest;
import dev.ohtop.api.PartFiles;
import dev.ohtop.api.Timestamps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * One conversation's command line into its sandbox. Each command runs in a fresh bash process
 * there, so the working directory is kept here: {@code cd DIR} is checked in the sandbox and
 * remembered, and every other command is sent with it as {@code cwd}. It starts in the sandbox's
 * own folder, read from the agent server ({@link Agent#folder}); until that is known, or when it
 * cannot be, commands are sent with no {@code cwd} and run where the agent server runs.
 *
 * <p>A command is started on the injected worker and then followed by a {@link Poller} on the
 * injected scheduler, so the caller (the UI thread) never waits; a poll that fails is retried with
 * the poller's backoff, and the screen says so. A start that goes unanswered may still have run:
 * the command is then looked for among the sandbox's commands before anything is said of it.
 * {@link #snapshot()} is cheap and safe from any thread, and {@code onChange} is called on the
 * worker after each change so the screen can redraw.
 *
 * <p>{@link #stopWaiting()} returns at once: the console lets go of the command and asks the
 * sandbox to stop it ({@code stopBash}, agent server 1.58+); an older server has no such route,
 * and then the command may go on running there.
 */
public final class SandboxConsole {
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    /** cd only asks the sandbox whether the directory is there: it must not hang on a slow disk. */
    static final int CD_TIMEOUT_SECONDS = 15;
    /** How long past its timeout a command's end may take to be reported before the console gives up on it. */
    public static final Duration END_GRACE = Duration.ofSeconds(30);

    static final String NO_REMOTE_CANCEL = "no remote cancel on this server; it may still be running";
    /**
     * How far the sandbox's clock may be behind ours when an unanswered command is looked for by its
     * time: kept short, so that the same command run a while ago is not taken for this one.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** How long an unanswered command is looked for among the sandbox's commands (a slow server records it late). */
    public static final Duration LOOK_FOR = Duration.ofSeconds(10);

    private static final DateTimeFormatter TAKEN_AT =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    /** How the agent server's stderr begins when it could not start a command (bash_service.py, 1.58). */
    static final String SERVER_COULD_NOT_RUN = "Error executing command:";
    /** Commands read when looking for an unanswered one, and ids of followed ones kept. */
    static final int MAX_COMMANDS_LOOKED_AT = 500;

    /** Bounds and pace; the defaults suit a terminal. */
    public record Settings(Duration pollEvery, int maxLines, long maxChars) {
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(250), 20_000, 8L * 1024 * 1024);
        }

        public Settings withMaxLines(int n) {
            return new Settings(pollEvery, n, maxChars);
        }

        public Settings withPollEvery(Duration d) {
            return new Settings(d, maxLines, maxChars);
        }
    }

    /**
     * The way to the agent server, taken for each exchange (the sandbox may move, pause or get a
     * new session key between commands): {@link SandboxAccess#call} in the app.
     */
    public interface Agent {
        <T> T call(SandboxAccess.AgentCall<T> call) throws IOException;

        /** The sandbox's folder, read once ({@link SandboxAccess#folder}); blocks on the network. */
        SandboxFolder folder() throws IOException;
    }

    private final Agent agent;
    private final CommandHistory history;
    private final ExecutorService worker;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Settings settings;
    private final Runnable onChange;

    private final Object lock = new Object();
    private final ConsoleOutput output;
    /** Where commands run; null while the sandbox's folder is not known (they run in the server's own). */
    private String cwd;

    private String previousCwd;
    /** The sandbox's folder, where a bare {@code cd} goes; null while not known. */
    private String home;
    /** True until the folder is known or a read of it failed (a paused sandbox's is read at its first command). */
    private boolean readingFolder = true;

    private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    /** The command being waited for; work on behalf of any other is ignored. */
    private Run current;

    private ConsoleSnapshot.Finished last;
    /** The run that {@link #last} tells of: a late word (the stop's answer) belongs to that run only. */
    private Run lastRun;

    private String problem;
    private String pausedSandbox;
    /** When the sandbox last answered about a command (its start or its output); null before. */
    private Instant sandboxAnsweredAt;

    private ConsoleSnapshot.Saved saved;
    /** Ids of the commands this console followed, oldest first (bounded). */
    private final Set<String> followed = new LinkedHashSet<>();

    private volatile ConsoleSnapshot snapshot;

    /**
     * @param worker    runs a command's start and the stop (blocking calls)
     * @param scheduler runs the polls that follow a command
     */
    public SandboxConsole(
            Agent agent,
            CommandHistory history,
            ExecutorService worker,
            ScheduledExecutorService scheduler,
            Clock clock,
            Settings settings,
            Runnable onChange) {
        this.agent = Objects.requireNonNull(agent);
        this.history = Objects.requireNonNull(history);
        this.worker = Objects.requireNonNull(worker);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
        this.onChange = Objects.requireNonNull(onChange);
        this.output = new ConsoleOutput(settings.maxLines(), settings.maxChars());
        publishLocked();
        try {
            worker.execute(this::readFolder);
        } catch (RejectedExecutionException e) {
            readingFolder = false; // closed before it opened: nothing will run anyway
            publishLocked();
        }
    }

    /** Reads where the sandbox works, to start there; when it cannot be read, says so in one line. */
    private void readFolder() {
        String why;
        try {
            SandboxFolder folder = agent.folder();
            why = folder.known() ? null : folder.problem();
            if (folder.known()) {
                adopt(folder.path());
            }
        } catch (SandboxNotReadyException e) {
            // Paused or starting (the screen says so): the folder is read before the first command runs.
            return;
        } catch (IOException | RuntimeException e) {
            why = "could not read the sandbox's folder (" + e.getMessage() + ")";
        }
        synchronized (lock) {
            readingFolder = false;
            if (why != null && cwd == null && current == null) {
                problem = why + "; commands run in its agent server's own folder";
                output.line(ConsoleLine.Source.NOTE, problem);
            }
            publishLocked();
        }
        onChange.run();
    }

    /** The sandbox's folder is known: a bare cd goes there, and the console starts there if it had no directory yet. */
    private void adopt(String folder) {
        synchronized (lock) {
            home = folder;
            readingFolder = false;
            if (cwd == null) {
                cwd = folder;
            }
            publishLocked();
        }
    }

    /**
     * The sandbox's folder for a command about to start, read now when it is not known yet (a
     * command typed before the first read ended, or after it failed). A sandbox that is not
     * ready is said as such by the caller; any other failure leaves the folder unknown, and the
     * command is sent with no {@code cwd}.
     */
    private String folderNow() throws SandboxNotReadyException {
        synchronized (lock) {
            if (home != null) {
                return home;
            }
        }
        try {
            SandboxFolder folder = agent.folder();
            if (folder.known()) {
                adopt(folder.path());
                return folder.path();
            }
        } catch (SandboxNotReadyException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // unknown: the command runs in the agent server's own folder
        }
        return null;
    }

    public ConsoleSnapshot snapshot() {
        return snapshot;
    }

    public CommandHistory history() {
        return history;
    }

    /** The longest timeout a command may have: a day (the HTTP answer is awaited that long too). */
    public static final int MAX_TIMEOUT_SECONDS = 86_400;

    /** Seconds a command may run before the sandbox kills it (exit -1); 1 to {@link #MAX_TIMEOUT_SECONDS}. */
    public void setTimeoutSeconds(int seconds) {
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("timeout must be 1 to " + MAX_TIMEOUT_SECONDS + " seconds: " + seconds);
        }
        synchronized (lock) {
            timeoutSeconds = seconds;
            publishLocked();
        }
    }

    /**
     * Runs a line as typed: {@code cd DIR} changes the remembered directory (after checking it in
     * the sandbox), anything else runs there. Returns false, doing nothing, when the line is blank
     * or a command is still being waited for.
     */
    public boolean submit(String line) {
        if (line == null || line.isBlank()) {
            return false;
        }
        String command = line.strip();
        Run run;
        synchronized (lock) {
            if (current != null) {
                return false;
            }
            String cdTarget = CdCommand.target(command);
            run = new Run(
                    command,
                    cdTarget,
                    clock.instant(),
                    cwd,
                    cdTarget == null ? timeoutSeconds : Math.min(timeoutSeconds, CD_TIMEOUT_SECONDS),
                    previousCwd);
            current = run;
            problem = null;
            pausedSandbox = null;
            output.line(ConsoleLine.Source.COMMAND, command);
            publishLocked();
        }
        history.add(command);
        try {
            run.future = worker.submit(() -> {
                history.save(); // local disk: off the UI thread and outside the console's lock, before the start
                execute(run);
            });
            if (!stillWaitingFor(run)) {
                run.future.cancel(false);
            }
        } catch (RejectedExecutionException e) {
            finish(run, ConsoleSnapshot.Ending.FAILED, -1, "the console is closed");
        }
        onChange.run();
        return true;
    }

    /**
     * Stops waiting for the running command, at once. The sandbox is asked to stop it on a worker;
     * the problem line then says whether it did or whether the command may still be running.
     */
    public void stopWaiting() {
        Run run;
        synchronized (lock) {
            run = current;
            if (run == null) {
                return;
            }
            output.finish();
            endLocked(
                    run,
                    ConsoleSnapshot.Ending.STOPPED,
                    -1,
                    run.commandId != null
                            ? "stopped waiting; asking the sandbox to stop it"
                            : run.unanswered != null
                                    ? "stopped waiting; the command may have run"
                                    : "stopped waiting; the command was on its way: if it started, the sandbox is asked to stop it");
        }
        // A start not sent yet is dropped; one on its way is left to answer, so that what it started
        // can be stopped (interrupting it would leave the command running unseen).
        Future<?> f = run.future;
        if (f != null) {
            f.cancel(false);
        }
        Poller following = run.poller;
        if (following != null) {
            following.close();
        }
        if (run.commandId != null) {
            try {
                worker.execute(() -> askToStop(run));
            } catch (RejectedExecutionException e) {
                setProblem(run, "stopped waiting; " + NO_REMOTE_CANCEL);
            }
        }
        onChange.run();
    }

    /** Empties the output pane (history and directory stay). */
    public void clearOutput() {
        synchronized (lock) {
            output.clear();
            publishLocked();
        }
    }

    /**
     * Saves the output pane to {@code file} on the worker (a full pane is megabytes, and disk work
     * stays off the UI thread); how it ended comes in the snapshot ({@link ConsoleSnapshot#saved()}).
     * False, doing nothing, when the console's workers are gone.
     */
    public boolean saveOutputLater(Path file, UnaryOperator<String> asShown) {
        int count = snapshot.lines().size();
        try {
            worker.execute(() -> {
                ConsoleSnapshot.Saved ended = new ConsoleSnapshot.Saved(file, count, saveProblem(file, asShown));
                synchronized (lock) {
                    saved = ended;
                    publishLocked();
                }
                onChange.run();
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Saves now: null when written, else why not, in the user's words. */
    private String saveProblem(Path target, UnaryOperator<String> asShown) {
        try {
            saveOutput(target, asShown);
            return null;
        } catch (NoSuchFileException e) {
            return "could not save: the folder " + target.getParent() + " does not exist";
        } catch (AccessDeniedException e) {
            return "could not save: no permission to write in " + target.getParent();
        } catch (IOException | RuntimeException e) {
            return "could not save to " + target + ": " + e.getMessage();
        }
    }

    /**
     * Writes the output pane as text to {@code file} (beside it first, then renamed): stderr lines
     * as they are, commands as {@code $ command}, each line through {@code asShown}, the screen's
     * own way of making it inert (a later {@code cat} of the file must not run a sandbox's escape
     * codes). When older lines were let go, the file starts by saying how many. Local disk work:
     * call it on a worker for a large pane.
     */
    public void saveOutput(Path file, UnaryOperator<String> asShown) throws IOException {
        ConsoleSnapshot shown = snapshot;
        Path target = file.toAbsolutePath();
        PartFiles.Part part = PartFiles.createBeside(target, PartFiles.Access.USUAL);
        try {
            Writer out = new BufferedWriter(Channels.newWriter(part.channel(), StandardCharsets.UTF_8));
            if (shown.trimmed()) {
                out.write("# " + shown.droppedLines() + " earlier lines were no longer held\n");
            }
            for (ConsoleLine line : shown.lines()) {
                out.write(asShown.apply(
                        switch (line.source()) {
                            case COMMAND -> "$ " + line.text();
                            case SUCCEEDED, ENDED -> "[" + line.text() + "]";
                            default -> line.text();
                        }));
                out.write('\n');
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            part.discard();
            throw e;
        }
        part.moveInto(target);
    }

    // ---- on the worker ----------------------------------------------------------------

    private void execute(Run run) {
        try {
            String folder = folderNow();
            BashRequest request;
            synchronized (lock) {
                // A command typed before the folder was known runs in it, as the console now shows.
                request = run.request(run.cwd != null ? run.cwd : folder, folder);
                run.sent = request;
            }
            BashCommand command = agent.call(client -> client.startBash(request));
            started(run, command, null);
        } catch (ApiException e) {
            if (mayHaveRun(e)) {
                lookFor(run, e);
            } else if (e.failure() != ApiException.Failure.CANCELLED) {
                finish(run, ConsoleSnapshot.Ending.FAILED, -1, e.getMessage());
            }
        } catch (SandboxNotReadyException e) {
            synchronized (lock) {
                if (current == run && e.location() instanceof AgentServerLocation.SandboxPaused paused) {
                    pausedSandbox = paused.sandboxId();
                }
            }
            finish(run, ConsoleSnapshot.Ending.FAILED, -1, e.getMessage());
        } catch (IOException | RuntimeException e) {
            finish(run, ConsoleSnapshot.Ending.FAILED, -1, e.getMessage());
        }
    }

    /** No answer in time, or one that could not be read: the sandbox may have taken the command all the same. */
    private static boolean mayHaveRun(ApiException e) {
        return e.failure() == ApiException.Failure.TIMEOUT || e.failure() == ApiException.Failure.BAD_RESPONSE;
    }

    /** The start went unanswered: before saying anything more, the sandbox's own record of commands is read. */
    private void lookFor(Run run, ApiException unanswered) {
        String why = unanswered.failure() == ApiException.Failure.TIMEOUT
                ? unanswered.detail()
                : "the answer could not be read";
        synchronized (lock) {
            if (current != run) {
                return;
            }
            run.unanswered = why;
            run.lookUntil = clock.instant().plus(LOOK_FOR);
            output.line(
                    ConsoleLine.Source.NOTE,
                    why + ": the command may have run; looking for it in the sandbox's commands");
            publishLocked();
        }
        onChange.run();
        follow(run);
    }

    /** The sandbox took the command ({@code found}: says how it was found, or null when the start answered). */
    private void started(Run run, BashCommand command, String found) {
        boolean stopped;
        synchronized (lock) {
            run.commandId = command.id();
            run.outputs = new OutputCursor(command.id());
            rememberFollowed(command.id());
            heardFromSandboxLocked();
            stopped = current != run;
            if (!stopped && found != null) {
                output.line(ConsoleLine.Source.NOTE, found);
            }
            if (!stopped) {
                publishLocked();
            }
        }
        if (stopped) {
            // The user stopped waiting while the start was on its way: stop what it started.
            askToStop(run);
            return;
        }
        onChange.run();
        if (found == null) {
            follow(run);
        }
    }

    /**
     * Polls for the command (when its start went unanswered) and then for its output, on the
     * scheduler. A poll that fails is tried again with the list's backoff while the screen says
     * "retrying": one bad answer must not lose a command that ran.
     */
    private void follow(Run run) {
        Poller poller = new Poller(
                "output of " + run.command,
                () -> poll(run),
                settings.pollEvery(),
                scheduler,
                clock,
                () -> ThreadLocalRandom.current().nextDouble(),
                () -> polled(run));
        run.poller = poller;
        if (stillWaitingFor(run)) {
            poller.start();
        } else {
            poller.close();
        }
    }

    private void poll(Run run) throws IOException {
        if (!stillWaitingFor(run)) {
            run.poller.close();
        } else if (run.commandId == null) {
            find(run);
        } else {
            pollOutput(run);
        }
    }

    private void pollOutput(Run run) throws IOException {
        List<BashOutput> fresh = run.outputs.next(agent);
        BashOutput end = null;
        for (BashOutput piece : fresh) {
            take(run, piece);
            end = piece.isFinal() ? piece : end;
        }
        if (end != null) {
            run.poller.close();
            ended(run, end);
        } else if (!clock.instant().isBefore(run.giveUpAt())) {
            // The sandbox kills the command at its timeout; past that and a grace, its end was lost.
            run.poller.close();
            finish(
                    run,
                    ConsoleSnapshot.Ending.FAILED,
                    -1,
                    "the sandbox never reported the end of the command; it may still be running");
        }
    }

    /**
     * Looks for the unanswered command among the sandbox's commands: the newest one since a little
     * before it was sent (clocks differ) with the same text and directory, not one already followed.
     */
    private void find(Run run) throws IOException {
        Instant since = run.startedAt.minus(CLOCK_SKEW);
        List<BashCommand> seen = agent.call(client -> client.bashCommandsSince(since, MAX_COMMANDS_LOOKED_AT));
        BashRequest sent = run.sent;
        BashCommand match = null;
        synchronized (lock) {
            for (BashCommand c : seen) {
                if (sent.command().equals(c.command())
                        && Objects.equals(sent.cwd(), c.cwd())
                        && !followed.contains(c.id())) {
                    match = c;
                }
            }
        }
        if (match != null) {
            started(run, match, "found it in the sandbox's commands" + takenAt(match) + ": following it");
            return;
        }
        if (clock.instant().isBefore(run.lookUntil)) {
            return; // a slow server may record it late: look again at the next poll
        }
        run.poller.close();
        finish(
                run,
                ConsoleSnapshot.Ending.FAILED,
                -1,
                run.unanswered + " and not found in the sandbox's commands: it probably did not run");
    }

    /** When the sandbox says it took the command, so the user can judge the match; "" when it did not say. */
    private static String takenAt(BashCommand command) {
        Instant at = Timestamps.parse(command.timestamp());
        return at == null ? "" : " (taken at " + TAKEN_AT.format(at) + " UTC)";
    }

    /** After each poll: while polls fail the screen says it is retrying, and why. */
    private void polled(Run run) {
        PollerStatus status = run.poller.status();
        String retrying = status.failing() ? status.problem() : null;
        synchronized (lock) {
            if (current != run || Objects.equals(run.retrying, retrying)) {
                return;
            }
            run.retrying = retrying;
            publishLocked();
        }
        onChange.run();
    }

    /** How the command ended, by its exit code; -1 is the sandbox's word for a timeout and for a failure to run. */
    private void ended(Run run, BashOutput end) {
        int exitCode = end.exitCode();
        String failedToRun = exitCode == -1 ? couldNotRun(end) : null;
        if (run.cdTarget != null) {
            finishCd(run, exitCode, failedToRun);
        } else if (failedToRun != null) {
            finish(run, ConsoleSnapshot.Ending.FAILED, -1, failedToRun);
        } else if (exitCode == -1) {
            finish(
                    run,
                    ConsoleSnapshot.Ending.TIMED_OUT,
                    -1,
                    "timed out after " + run.timeoutSeconds + " s: the sandbox killed it (exit -1)");
        } else {
            finish(run, ConsoleSnapshot.Ending.EXITED, exitCode, null);
        }
    }

    /**
     * The agent server's own words when it could not run a command at all (a directory that is
     * gone, say): its final piece has exit -1 and stderr "Error executing command: ...". Else null.
     */
    public static String couldNotRun(BashOutput end) {
        String said = end.stderr() == null ? "" : end.stderr().strip();
        return said.startsWith(SERVER_COULD_NOT_RUN)
                ? "the sandbox could not run it: " + CdCommand.lastLine(said)
                : null;
    }

    private void take(Run run, BashOutput piece) {
        synchronized (lock) {
            if (current != run) {
                return;
            }
            heardFromSandboxLocked();
            if (run.cdTarget == null) {
                output.append(ConsoleLine.Source.STDOUT, piece.stdout());
            } else {
                run.cdOut.append(piece.stdout() == null ? "" : piece.stdout());
            }
            output.append(ConsoleLine.Source.STDERR, piece.stderr());
            publishLocked();
        }
        onChange.run();
    }

    private void finishCd(Run run, int exitCode, String failedToRun) {
        String dir = CdCommand.lastLine(run.cdOut.toString());
        if (exitCode == 0 && dir != null && dir.startsWith("/")) {
            synchronized (lock) {
                if (current == run) {
                    previousCwd = cwd;
                    cwd = dir;
                }
            }
            finish(run, ConsoleSnapshot.Ending.EXITED, 0, null);
        } else if (failedToRun != null) {
            finish(run, ConsoleSnapshot.Ending.FAILED, -1, "cd: " + failedToRun + "; still in " + where(run));
        } else if (exitCode == -1) {
            finish(
                    run,
                    ConsoleSnapshot.Ending.TIMED_OUT,
                    -1,
                    "cd: the sandbox did not answer in time; still in " + where(run));
        } else {
            finish(
                    run,
                    ConsoleSnapshot.Ending.EXITED,
                    exitCode,
                    "cd: no such directory: " + run.cdTarget + "; still in " + where(run));
        }
    }

    private static String where(Run run) {
        BashRequest sent = run.sent;
        String dir = sent == null ? run.cwd : sent.cwd();
        return dir == null ? ConsoleSnapshot.SERVERS_FOLDER : dir;
    }

    private void askToStop(Run run) {
        String said;
        try {
            boolean confirmed = agent.call(client -> client.stopBash(run.commandId));
            said = confirmed
                    ? "stopped waiting; the sandbox stopped the command"
                    : "stopped waiting; the sandbox did not confirm the stop, so it may still be running";
        } catch (ApiException e) {
            said = e.isStatus(404) || e.isStatus(405)
                    ? "stopped waiting; " + NO_REMOTE_CANCEL
                    : "stopped waiting; could not ask the sandbox to stop it (" + e.getMessage()
                            + "), so it may still be running";
        } catch (IOException | RuntimeException e) {
            said = "stopped waiting; could not ask the sandbox to stop it, so it may still be running";
        }
        setProblem(run, said);
    }

    // ---- state --------------------------------------------------------------------------

    private void finish(Run run, ConsoleSnapshot.Ending ending, int exitCode, String message) {
        synchronized (lock) {
            if (current != run) {
                return;
            }
            output.finish();
            endLocked(run, ending, exitCode, message);
        }
        onChange.run();
    }

    private void endLocked(Run run, ConsoleSnapshot.Ending ending, int exitCode, String message) {
        Instant now = clock.instant();
        last = new ConsoleSnapshot.Finished(
                run.command,
                ending,
                exitCode,
                now.isBefore(run.startedAt) ? Duration.ZERO : Duration.between(run.startedAt, now));
        lastRun = run;
        current = null;
        problem = message;
        if (message != null) {
            output.line(ConsoleLine.Source.NOTE, message);
        }
        // Every command's ending stays in the pane, so scrolling back shows each exit code.
        output.line(
                ending == ConsoleSnapshot.Ending.EXITED && exitCode == 0
                        ? ConsoleLine.Source.SUCCEEDED
                        : ConsoleLine.Source.ENDED,
                last.summary());
        publishLocked();
    }

    /** A later word about a command that has already ended (e.g. whether the stop worked). */
    private void setProblem(Run run, String message) {
        synchronized (lock) {
            if (current != null || lastRun != run) {
                return;
            }
            problem = message;
            output.line(ConsoleLine.Source.NOTE, message);
            publishLocked();
        }
        onChange.run();
    }

    private boolean stillWaitingFor(Run run) {
        synchronized (lock) {
            return current == run;
        }
    }

    /** A bounded memory of the commands followed, so a lookup never takes an older one for the one unanswered. */
    private void rememberFollowed(String id) {
        followed.add(id);
        if (followed.size() > MAX_COMMANDS_LOOKED_AT) {
            followed.remove(followed.iterator().next());
        }
    }

    /** An answer from the sandbox about a command proves it running, whatever the list last said. */
    private void heardFromSandboxLocked() {
        sandboxAnsweredAt = clock.instant();
    }

    private void publishLocked() {
        snapshot = new ConsoleSnapshot(
                cwd,
                readingFolder,
                timeoutSeconds,
                output.lines(),
                output.dropped(),
                current == null
                        ? null
                        : new ConsoleSnapshot.Running(current.command, current.startedAt, current.retrying),
                last,
                problem,
                pausedSandbox,
                sandboxAnsweredAt,
                saved);
    }

    /**
     * One command's trip; fields after construction are guarded by the console's lock, but for
     * the volatile ones, set before following starts.
     */
    private static final class Run {
        final String command;
        final String cdTarget;
        final Instant startedAt;
        final String cwd;
        final int timeoutSeconds;
        /** The directory cd came from: its probe may step back to it. */
        final String previousCwd;

        final StringBuilder cdOut = new StringBuilder();
        /** What was sent to start it (its directory known only then); null before. */
        volatile BashRequest sent;

        volatile Future<?> future;
        /** Follows the command once the sandbox has it (or looks for it when its start went unanswered). */
        volatile Poller poller;

        volatile String commandId;
        /** Why the start went unanswered, while the command is looked for; null when it answered. */
        volatile String unanswered;
        /** Until when the unanswered command is looked for. */
        volatile Instant lookUntil;
        /** How far its output has been read; set with {@link #commandId}, before following starts. */
        volatile OutputCursor outputs;
        /** Why the last poll failed while polls are retried; null while they work. */
        String retrying;

        Run(String command, String cdTarget, Instant startedAt, String cwd, int timeoutSeconds, String previousCwd) {
            this.command = command;
            this.cdTarget = cdTarget;
            this.startedAt = startedAt;
            this.cwd = cwd;
            this.timeoutSeconds = timeoutSeconds;
            this.previousCwd = previousCwd;
        }

        /**
         * What is sent, in {@code dir} (null: the agent server's own folder): cd is a probe that
         * prints the directory it reached; a bare cd (or {@code cd -} with nowhere to go back to)
         * is {@code pwd} in the sandbox's folder {@code home}.
         */
        BashRequest request(String dir, String home) {
            if (cdTarget == null) {
                return new BashRequest(command, dir, timeoutSeconds);
            }
            if (cdTarget.isEmpty() || (cdTarget.equals("-") && previousCwd == null)) {
                return new BashRequest("pwd", home, timeoutSeconds);
            }
            return new BashRequest(CdCommand.probe(cdTarget, previousCwd), dir, timeoutSeconds);
        }

        /** The sandbox kills the command at its timeout; past that and a grace, its end was lost. */
        Instant giveUpAt() {
            return startedAt.plusSeconds(timeoutSeconds).plus(END_GRACE);
        }
    }

    @Override
    public String toString() {
        return "SandboxConsole[cwd=" + snapshot.cwd() + "]";
    }
}

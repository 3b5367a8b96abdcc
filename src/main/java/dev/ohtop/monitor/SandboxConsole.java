package dev.ohtop.monitor;

import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.PartFiles;
import dev.ohtop.api.BashCommand;
import dev.ohtop.api.BashOutput;
import dev.ohtop.api.BashRequest;
import dev.ohtop.api.BashResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One conversation's command line into its sandbox. Each command runs in a fresh bash process
 * there, so the working directory is kept here: {@code cd DIR} is checked in the sandbox and
 * remembered, and every other command is sent with it as {@code cwd}.
 *
 * <p>A command is started and then followed by polling on the injected executor, so the caller
 * (the UI thread) never waits; {@link #snapshot()} is cheap and safe from any thread, and
 * {@code onChange} is called on the worker after each change so the screen can redraw.
 *
 * <p>{@link #stopWaiting()} returns at once: the console lets go of the command and asks the
 * sandbox to stop it ({@code stopBash}, agent server 1.58+); an older server has no such route,
 * and then the command may go on running there.
 */
public final class SandboxConsole {
    public static final String HOME = "/workspace/project";
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    /** cd only asks the sandbox whether the directory is there: it must not hang on a slow disk. */
    static final int CD_TIMEOUT_SECONDS = 15;
    /** How long past its timeout a command's end may take to be reported before the console gives up on it. */
    static final Duration END_GRACE = Duration.ofSeconds(30);
    static final String NO_REMOTE_CANCEL = "no remote cancel on this server; it may still be running";

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
    }

    /** A command the sandbox has taken, and the client that started it (which follows it). */
    private record Started(AgentServerClient client, BashCommand command) {}

    private final Agent agent;
    private final CommandHistory history;
    private final ExecutorService worker;
    private final Clock clock;
    private final Settings settings;
    private final Runnable onChange;

    private final Object lock = new Object();
    private final ConsoleOutput output;
    private String cwd = HOME;
    private String previousCwd = HOME;
    private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    /** The command being waited for; work on behalf of any other is ignored. */
    private Run current;
    private ConsoleSnapshot.Finished last;
    private String problem;
    private String pausedSandbox;
    private volatile ConsoleSnapshot snapshot;

    public SandboxConsole(Agent agent, CommandHistory history, ExecutorService worker, Clock clock, Settings settings,
                          Runnable onChange) {
        this.agent = Objects.requireNonNull(agent);
        this.history = Objects.requireNonNull(history);
        this.worker = Objects.requireNonNull(worker);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
        this.onChange = Objects.requireNonNull(onChange);
        this.output = new ConsoleOutput(settings.maxLines(), settings.maxChars());
        publishLocked();
    }

    /** A console for a sandbox reached through {@code access}. */
    public SandboxConsole(SandboxAccess access, CommandHistory history, ExecutorService worker, Clock clock) {
        this(access::call, history, worker, clock, Settings.defaults(), () -> { });
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
            history.add(command);
            String cdTarget = CdCommand.target(command);
            run = new Run(command, cdTarget, clock.instant(), cwd,
                    cdTarget == null ? timeoutSeconds : Math.min(timeoutSeconds, CD_TIMEOUT_SECONDS));
            current = run;
            problem = null;
            pausedSandbox = null;
            output.line(ConsoleLine.Source.COMMAND, command);
            publishLocked();
        }
        try {
            run.future = worker.submit(() -> execute(run));
            if (!stillWaitingFor(run)) {
                run.future.cancel(true);
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
            endLocked(run, ConsoleSnapshot.Ending.STOPPED, -1,
                    run.commandId == null ? "stopped waiting" : "stopped waiting; asking the sandbox to stop it");
        }
        Future<?> f = run.future;
        if (f != null) {
            f.cancel(true);
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
     * Writes the output pane as text to {@code file} (beside it first, then renamed): stderr lines
     * as they are, commands as {@code $ command}. When older lines were let go, the file starts by
     * saying how many. Local disk work: call it on a worker for a large pane.
     */
    public void saveOutput(Path file) throws IOException {
        ConsoleSnapshot shown = snapshot;
        Path target = file.toAbsolutePath();
        Path temp = PartFiles.createBeside(target, PartFiles.Access.USUAL);
        try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            if (shown.trimmed()) {
                out.write("# " + shown.droppedLines() + " earlier lines were no longer held\n");
            }
            for (ConsoleLine line : shown.lines()) {
                out.write(switch (line.source()) {
                    case COMMAND -> "$ " + line.text();
                    case SUCCEEDED, ENDED -> "[" + line.text() + "]";
                    default -> line.text();
                });
                out.write('\n');
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        PartFiles.moveIntoPlace(temp, target);
    }

    // ---- on the worker ----------------------------------------------------------------

    private void execute(Run run) {
        try {
            BashRequest request = run.cdTarget == null
                    ? new BashRequest(run.command, run.cwd, run.timeoutSeconds)
                    : new BashRequest(CdCommand.probe(run.cdTarget, previousCwd()), run.cwd, run.timeoutSeconds);
            Started started = agent.call(client -> new Started(client, client.startBash(request)));
            boolean stopped;
            synchronized (lock) {
                run.commandId = started.command().id();
                stopped = current != run;
            }
            if (stopped) {
                // The user stopped waiting while the start was on its way: stop what it started.
                askToStop(run);
                return;
            }
            // The sandbox kills the command at its timeout; past that and a grace, its end was lost.
            Instant giveUpAt = run.startedAt.plusSeconds(run.timeoutSeconds).plus(END_GRACE);
            BashResult result = awaitEnd(run, started, giveUpAt);
            if (run.cdTarget != null) {
                finishCd(run, result);
            } else if (result.timedOut()) {
                finish(run, ConsoleSnapshot.Ending.TIMED_OUT, -1,
                        "timed out after " + run.timeoutSeconds + " s: the sandbox killed it (exit -1)");
            } else {
                finish(run, ConsoleSnapshot.Ending.EXITED, result.exitCode(), null);
            }
        } catch (ApiException e) {
            if (e.failure() != ApiException.Failure.CANCELLED) {
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

    /**
     * Follows the command to its end. A session key refused while following (the sandbox was
     * resumed elsewhere and its key changed) is fetched afresh and the following goes on: the
     * pieces already taken are not taken twice.
     */
    private BashResult awaitEnd(Run run, Started started, Instant giveUpAt) throws IOException {
        String id = started.command().id();
        BooleanSupplier keepWaiting = () -> clock.instant().isBefore(giveUpAt);
        Consumer<BashOutput> taken = piece -> take(run, piece);
        try {
            return started.client().awaitBash(id, settings.pollEvery(), keepWaiting, taken);
        } catch (ApiException e) {
            if (!e.isStatus(401)) {
                throw e;
            }
            return agent.call(client -> client.awaitBash(id, settings.pollEvery(), keepWaiting, taken));
        }
    }

    private void take(Run run, BashOutput piece) {
        synchronized (lock) {
            if (current != run || piece.orderOrZero() <= run.lastOrder) {
                return;
            }
            run.lastOrder = piece.orderOrZero();
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

    private void finishCd(Run run, BashResult result) {
        String dir = CdCommand.lastLine(run.cdOut.toString());
        if (result.exitCode() == 0 && dir != null && dir.startsWith("/")) {
            synchronized (lock) {
                if (current == run) {
                    previousCwd = cwd;
                    cwd = dir;
                }
            }
            finish(run, ConsoleSnapshot.Ending.EXITED, 0, null);
        } else if (result.timedOut()) {
            finish(run, ConsoleSnapshot.Ending.TIMED_OUT, -1, "cd: the sandbox did not answer in time; still in " + run.cwd);
        } else {
            finish(run, ConsoleSnapshot.Ending.EXITED, result.exitCode(), "cd: no such directory: " + run.cdTarget
                    + "; still in " + run.cwd);
        }
    }

    private void askToStop(Run run) {
        String said;
        try {
            boolean confirmed = agent.call(client -> client.stopBash(run.commandId));
            said = confirmed ? "stopped waiting; the sandbox stopped the command"
                    : "stopped waiting; the sandbox did not confirm the stop, so it may still be running";
        } catch (ApiException e) {
            said = e.isStatus(404) || e.isStatus(405) ? "stopped waiting; " + NO_REMOTE_CANCEL
                    : "stopped waiting; could not ask the sandbox to stop it (" + e.getMessage() + "), so it may still be running";
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
        last = new ConsoleSnapshot.Finished(run.command, ending, exitCode,
                now.isBefore(run.startedAt) ? Duration.ZERO : Duration.between(run.startedAt, now));
        current = null;
        problem = message;
        if (message != null) {
            output.line(ConsoleLine.Source.NOTE, message);
        }
        // Every command's ending stays in the pane, so scrolling back shows each exit code.
        output.line(ending == ConsoleSnapshot.Ending.EXITED && exitCode == 0 ? ConsoleLine.Source.SUCCEEDED
                : ConsoleLine.Source.ENDED, last.summary());
        publishLocked();
    }

    /** A later word about a command that has already ended (e.g. whether the stop worked). */
    private void setProblem(Run run, String message) {
        synchronized (lock) {
            if (current != null || last == null || !run.command.equals(last.command())) {
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

    private String previousCwd() {
        synchronized (lock) {
            return previousCwd;
        }
    }

    private void publishLocked() {
        snapshot = new ConsoleSnapshot(cwd, timeoutSeconds, output.lines(), output.dropped(),
                current == null ? null : new ConsoleSnapshot.Running(current.command, current.startedAt), last, problem,
                pausedSandbox);
    }

    /** One command's trip; fields after construction are guarded by the console's lock. */
    private static final class Run {
        final String command;
        final String cdTarget;
        final Instant startedAt;
        final String cwd;
        final int timeoutSeconds;
        final StringBuilder cdOut = new StringBuilder();
        volatile Future<?> future;
        String commandId;
        /** The order of the last output piece taken; -1 before the first. */
        int lastOrder = -1;

        Run(String command, String cdTarget, Instant startedAt, String cwd, int timeoutSeconds) {
            this.command = command;
            this.cdTarget = cdTarget;
            this.startedAt = startedAt;
            this.cwd = cwd;
            this.timeoutSeconds = timeoutSeconds;
        }
    }

    @Override
    public String toString() {
        return "SandboxConsole[cwd=" + snapshot.cwd() + "]";
    }
}

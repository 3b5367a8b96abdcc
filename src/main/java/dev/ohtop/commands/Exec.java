package dev.ohtop.commands;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.BashCommand;
import dev.ohtop.api.BashOutput;
import dev.ohtop.api.BashRequest;
import dev.ohtop.monitor.OutputCursor;
import dev.ohtop.monitor.SandboxAccess;
import dev.ohtop.monitor.SandboxConsole;
import dev.ohtop.monitor.SandboxFolder;
import dev.ohtop.monitor.SandboxNotReadyException;
import dev.ohtop.monitor.SandboxPaths;
import dev.ohtop.monitor.ShellWords;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code ohtop exec ID -- COMMAND...}: bash in the conversation's sandbox, started and followed
 * as the console does it ({@link OutputCursor}), its output passed on as it comes and its exit
 * code made ours.
 */
final class Exec implements Command {
    static final int DEFAULT_TIMEOUT_SECONDS = 600;
    /** Exit code for a command the sandbox killed at its timeout (as GNU timeout says it). */
    static final int TIMED_OUT = 124;

    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    /** A quiet command is looked at less often, up to this; new output brings the pace back. */
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public String synopsis() {
        return "exec ID [--resume] [--timeout SECONDS] [--cwd DIR] -- COMMAND...";
    }

    @Override
    public String summary() {
        return "runs a command in the conversation's sandbox; its output and exit code are ours";
    }

    @Override
    public String details() {
        return """
                Runs COMMAND with bash in the conversation's sandbox, through its agent server, in the
                sandbox's folder (as the console does) unless --cwd says (a relative DIR is in that
                folder). Each word after -- arrives as one argument, quoted as a shell would need:
                `ohtop exec ID -- grep "a b" f` runs grep with `a b`; for pipes or redirections in
                the sandbox give one script: `ohtop exec ID -- bash -c 'ls | wc -l'`.

                The command's stdout goes to stdout and its stderr to stderr as they come. When
                stdout is a terminal both are shown inert (an escape sequence as ^[, line breaks
                kept); in a pipe they are passed exact: `ohtop exec ID -- cat f > f` copies the sandbox's f.

                The exit code is the command's own (0 to 255). A command the sandbox killed at its
                --timeout (default 600 s) exits 124. A code that does not fit is said on stderr and
                mapped: -N (killed by signal N) exits 128+N, as a shell says it; above 255 exits
                255 (never 0 for a failure). ohtop's own failures are said on stderr as `ohtop: ...`
                lines, with the usual codes (which a command may also exit with: stderr tells them
                apart). A paused sandbox exits 3; --resume resumes it first and waits until it runs
                (attached to an agent server there is no sandbox to resume: --resume does nothing,
                and says so). When no end is reported in time: "no answer in N s: the command may
                still be running", exit 3. Ctrl+C stops waiting; the command may go on in the sandbox.""";
    }

    @Override
    public List<Flag> flags() {
        return List.of(
                Flag.toggle("--resume", "resume a paused sandbox first, and wait until it runs"),
                Flag.value(
                        "--timeout",
                        "SECONDS",
                        "the sandbox kills the command after this long (default " + DEFAULT_TIMEOUT_SECONDS + ")"),
                Flag.value("--cwd", "DIR", "where it runs (default: the sandbox's folder; relative: in it)"));
    }

    @Override
    public boolean changes() {
        return true;
    }

    @Override
    public void check(Args args) throws CommandFailure {
        args.operands(1, "ID");
        if (args.afterDashes() == null || args.afterDashes().isEmpty()) {
            throw CommandFailure.usage("missing the command: ohtop exec ID -- COMMAND...");
        }
        timeout(args);
    }

    private static int timeout(Args args) throws CommandFailure {
        return args.number("--timeout", DEFAULT_TIMEOUT_SECONDS, 1, SandboxConsole.MAX_TIMEOUT_SECONDS);
    }

    @Override
    public int run(Args args, Session session) throws CommandFailure, InterruptedException {
        String typed = args.operands().get(0);
        int timeout = timeout(args);
        String hint = "ohtop exec --resume " + typed + " -- ...";
        try (SandboxWork sandbox = SandboxWork.open(session, typed, args.has("--resume"), hint)) {
            SandboxAccess access = sandbox.access();
            BashRequest request =
                    new BashRequest(ShellWords.join(args.afterDashes()), cwd(args.value("--cwd"), access), timeout);
            Instant startedAt = session.clock().instant();
            BashCommand started = start(access, request);
            return follow(access, new OutputCursor(started.id()), startedAt, timeout, session);
        }
    }

    /** Where it runs: {@code --cwd} (a relative one in the sandbox's folder), else that folder when it is known. */
    private static String cwd(String typed, SandboxAccess access) throws CommandFailure {
        if (typed == null || !SandboxPaths.isAbsolute(typed)) {
            SandboxFolder folder;
            try {
                folder = access.folder();
            } catch (IOException e) {
                if (typed != null) {
                    throw SandboxWork.failure(e);
                }
                return null; // unknown: it runs in the agent server's own folder, as the console's would
            }
            if (typed == null) {
                return folder.known() ? folder.path() : null;
            }
            return remote(typed, folder);
        }
        return remote(typed, null);
    }

    private static String remote(String typed, SandboxFolder folder) throws CommandFailure {
        try {
            return SandboxPaths.remote(typed, folder);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--cwd: " + e.getMessage());
        }
    }

    private static BashCommand start(SandboxAccess access, BashRequest request) throws CommandFailure {
        try {
            return access.call(agent -> agent.startBash(request));
        } catch (ApiException e) {
            if (e.failure() == ApiException.Failure.TIMEOUT || e.failure() == ApiException.Failure.BAD_RESPONSE) {
                throw CommandFailure.server(
                        "no answer to the start (" + e.getMessage() + "): the command may have run");
            }
            throw e.isStatus(404) ? CommandFailure.server(e.getMessage()) : CommandFailure.from(e);
        } catch (IOException e) {
            throw SandboxWork.failure(e);
        }
    }

    /**
     * Passes the output on as it comes until the piece with the exit code. A look that fails is
     * tried again (said once) until the sandbox should have ended the command and a grace more.
     */
    private static int follow(
            SandboxAccess access, OutputCursor outputs, Instant startedAt, int timeout, Session session)
            throws CommandFailure, InterruptedException {
        Instant giveUpAt = startedAt.plusSeconds(timeout).plus(SandboxConsole.END_GRACE);
        Duration pause = FIRST_PAUSE;
        String failing = null;
        while (true) {
            List<BashOutput> fresh = List.of();
            try {
                fresh = outputs.next(access);
                failing = null;
            } catch (SandboxNotReadyException e) {
                throw CommandFailure.server(e.getMessage() + "; the command may not have finished");
            } catch (IOException e) {
                if (failing == null) {
                    session.say("could not read the command's output (" + e.getMessage() + "): trying again");
                }
                failing = e.getMessage();
            }
            for (BashOutput piece : fresh) {
                pass(piece.stdout(), session.out(), session);
                pass(piece.stderr(), session.err(), session);
                if (piece.isFinal()) {
                    return exitCode(piece, timeout, session);
                }
            }
            Instant now = session.clock().instant();
            if (!now.isBefore(giveUpAt)) {
                throw CommandFailure.server("no answer in "
                        + Duration.between(startedAt, now).toSeconds() + " s: the command may still be running");
            }
            pause = fresh.isEmpty() ? min(pause.multipliedBy(2), MAX_PAUSE) : FIRST_PAUSE;
            Thread.sleep(pause.toMillis());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Sandbox output: inert on a terminal, the exact text (UTF-8) in a pipe. */
    private static void pass(String text, PrintStream to, Session session) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (session.terminal()) {
            to.print(session.lines(text));
        } else {
            byte[] exact = text.getBytes(StandardCharsets.UTF_8);
            to.write(exact, 0, exact.length);
        }
        to.flush();
    }

    /** The sandbox's exit code as ours: -1 is its word for a timeout (or for not running it at all). */
    private static int exitCode(BashOutput end, int timeout, Session session) throws CommandFailure {
        int code = end.exitCode();
        if (code == -1) {
            String couldNotRun = SandboxConsole.couldNotRun(end);
            if (couldNotRun != null) {
                throw CommandFailure.server(couldNotRun);
            }
            session.say("timed out after " + timeout + " s: the sandbox killed it (exit " + TIMED_OUT + ")");
            return TIMED_OUT;
        }
        if (code < 0 || code > 255) {
            int ours = code < 0 ? Math.min(255, 128 - code) : 255;
            session.say("the sandbox says exit code " + code + (code < 0 ? " (killed by signal " + -code + ")" : "")
                    + "; ohtop exits " + ours);
            return ours;
        }
        return code;
    }
}

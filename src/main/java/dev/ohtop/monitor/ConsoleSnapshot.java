package dev.ohtop.monitor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a sandbox console shows, replaced whole on each change.
 *
 * @param cwd          the directory commands run in (kept here, sent with each command); null
 *                     while the sandbox's folder is not known: they run in the agent server's own
 * @param readingFolder true until the sandbox's folder is read, or its read failed (a paused
 *                     sandbox's folder is read before its first command)
 * @param lines        the output pane, oldest first
 * @param droppedLines how many older lines were let go to stay within bounds (0: nothing trimmed)
 * @param running      the command being waited for, or null
 * @param last         how the last command ended, or null before the first
 * @param problem      one line about what went wrong or what the user should know, or null
 * @param pausedSandbox the sandbox id when the last command could not run because it is paused
 *                     (resuming it would help), else null
 * @param sandboxAnsweredAt when the sandbox last answered about a command (took it, or gave output);
 *                     null before it ever did
 * @param saved        how the last save of the pane to a file ended; null before one ended
 */
public record ConsoleSnapshot(
        String cwd,
        boolean readingFolder,
        int timeoutSeconds,
        List<ConsoleLine> lines,
        long droppedLines,
        Running running,
        Finished last,
        String problem,
        String pausedSandbox,
        Instant sandboxAnsweredAt,
        Saved saved) {

    /** Where commands run, said when the folder is not known. */
    public static final String SERVERS_FOLDER = "the agent server's own folder";

    /** The directory to show: the cwd, or what stands for it while it is not known. */
    public String where() {
        return cwd != null ? cwd : readingFolder ? "…" : SERVERS_FOLDER;
    }

    public boolean trimmed() {
        return droppedLines > 0;
    }

    /**
     * The sandbox's status to show, given what the list said and when it last read it: a command
     * the sandbox answered after that proves it RUNNING (the list is slowed while the console is
     * in front, and would say STARTING for seconds after a resume); a newer list has the last word.
     */
    public String sandboxStatus(String listed, Instant listedAt) {
        boolean answeredSince = sandboxAnsweredAt != null && (listedAt == null || sandboxAnsweredAt.isAfter(listedAt));
        return answeredSince ? "RUNNING" : listed;
    }

    /**
     * A command under way; the screen shows {@link #elapsed} ticking.
     *
     * @param retrying why the last poll for it failed while polls are tried again; null while they work
     */
    public record Running(String command, Instant startedAt, String retrying) {
        public Duration elapsed(Instant now) {
            return now.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, now);
        }
    }

    /**
     * A save of the pane that ended: a new one is a new object, so a screen says each once.
     *
     * @param problem why nothing (or not all) was written; null when it was
     */
    public record Saved(Path file, int lines, String problem) {
        public String summary() {
            return problem != null ? problem : "saved " + lines + " lines to " + file;
        }
    }

    public enum Ending {
        /** It ended by itself with an exit code. */
        EXITED,
        /** The sandbox killed it at its timeout; the exit code is -1. */
        TIMED_OUT,
        /** The user stopped waiting (and the sandbox was asked to stop it where it can). */
        STOPPED,
        /** It could not be run or followed: see the problem line. */
        FAILED
    }

    /** @param exitCode the command's exit code; -1 when it timed out, stopped or failed */
    public record Finished(String command, Ending ending, int exitCode, Duration duration) {
        public String summary() {
            String took = Durations.brief(duration);
            return switch (ending) {
                case EXITED -> "exit " + exitCode + " in " + took;
                case TIMED_OUT -> "timed out after " + took + " (exit -1)";
                case STOPPED -> "stopped waiting after " + took;
                case FAILED -> "failed after " + took;
            };
        }
    }
}

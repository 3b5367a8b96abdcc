package dev.ohtop.monitor;

/** One line of a sandbox console's output pane, with where it came from so it can be coloured. */
public record ConsoleLine(Source source, String text) {
    public enum Source {
        /** The command as the user typed it, shown before its output. */
        COMMAND,
        STDOUT,
        STDERR,
        /** Something ohtop says (a cd that failed, a stop that was asked for). */
        NOTE,
        /** How a command ended: exit 0, with its duration. */
        SUCCEEDED,
        /** How a command ended otherwise: another exit code, a timeout, a stop, a failure. */
        ENDED
    }
}

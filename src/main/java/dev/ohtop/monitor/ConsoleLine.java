package dev.ohtop.monitor;

/** One line of a sandbox console's output pane, with where it came from so it can be coloured. */
public record ConsoleLine(Source source, String text) {
    public enum Source {
        /** The command as the user typed it, shown before its output. */
        COMMAND,
        STDOUT,
        STDERR,
        /** Something ohtop says (a cd that failed, a stop that was asked for). */
        NOTE
    }
}

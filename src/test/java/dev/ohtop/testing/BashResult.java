package dev.ohtop.testing;

/** A finished command with its output gathered from every piece, in order ({@link BashRuns}). */
public record BashResult(String commandId, int exitCode, String stdout, String stderr) {
    public static final int TIMED_OUT = -1;

    public boolean timedOut() {
        return exitCode == TIMED_OUT;
    }
}

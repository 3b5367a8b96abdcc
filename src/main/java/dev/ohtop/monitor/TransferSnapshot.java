package dev.ohtop.monitor;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a file transfer stands, replaced whole on each change.
 *
 * @param remotePath     the sandbox path (absolute), or for a trajectory the conversation id
 * @param localPath      the local file read or written
 * @param total          the full size in bytes, or -1 when not known (yet)
 * @param bytesPerSecond the smoothed rate; 0 until there is enough to tell
 * @param eta            the time left at that rate, or null when it cannot be told
 * @param message        what the user must know: why it failed, what needs confirming, or null
 * @param pausedSandbox  the sandbox id when it failed because that sandbox is paused (resuming would help), else null
 */
public record TransferSnapshot(
        Transfer.Kind kind,
        String remotePath,
        Path localPath,
        Transfer.State state,
        long done,
        long total,
        double bytesPerSecond,
        Duration eta,
        Duration elapsed,
        String message,
        String pausedSandbox) {

    /** Done as a share of the total in [0, 1], or -1 when the total is not known. */
    public double fraction() {
        if (total < 0) {
            return -1;
        }
        return total == 0 ? 1 : Math.min(1, (double) done / total);
    }

    public boolean finished() {
        return state == Transfer.State.DONE || state == Transfer.State.FAILED || state == Transfer.State.CANCELLED;
    }

    /** Whether it failed because the sandbox has no such file (a script tells "not there" from "failed"). */
    public boolean remoteMissing() {
        return state == Transfer.State.FAILED && message != null && message.startsWith(TransferFailures.NO_SUCH_REMOTE);
    }
}

package dev.ohtop.commands;

import dev.ohtop.api.ApiException;

/**
 * Why a command stops early: one line for stderr (more lines only to list candidates) and the
 * exit code that goes with it. Thrown by any step; {@link Commands} says it and exits.
 */
public final class CommandFailure extends Exception {
    private final int exit;

    public CommandFailure(int exit, String message) {
        super(message);
        this.exit = exit;
    }

    public int exit() {
        return exit;
    }

    public static CommandFailure usage(String message) {
        return new CommandFailure(Exit.USAGE, message);
    }

    public static CommandFailure server(String message) {
        return new CommandFailure(Exit.SERVER, message);
    }

    public static CommandFailure notFound(String message) {
        return new CommandFailure(Exit.NOT_FOUND, message);
    }

    /**
     * A failed call: a 404 is "not found" (exit 4), a refusal under {@code --readonly} or of a
     * key over plain http a usage error (exit 2: nothing left), anything else the server's (3).
     * The message is the client's own one line, already free of secrets.
     */
    public static CommandFailure from(ApiException e) {
        if (e.isStatus(404)) {
            return new CommandFailure(Exit.NOT_FOUND, e.getMessage());
        }
        if (e.failure() == ApiException.Failure.READ_ONLY || e.failure() == ApiException.Failure.INSECURE) {
            return new CommandFailure(Exit.USAGE, e.getMessage());
        }
        return new CommandFailure(Exit.SERVER, e.getMessage());
    }

    /**
     * A failed request for a change ({@code what}: "the pause"): as {@link #from}, except that
     * when it may have happened all the same (no answer in time, an unreadable success) it says
     * so, and does not claim it failed.
     */
    public static CommandFailure fromChange(ApiException e, String what) {
        if (e.mayHaveTakenEffect()) {
            return new CommandFailure(
                    Exit.SERVER, "no clear answer to " + what + " (" + e.getMessage() + "): it may have been made");
        }
        return from(e);
    }
}

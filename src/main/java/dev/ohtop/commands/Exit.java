package dev.ohtop.commands;

/**
 * What a command's exit code means, the same for every command (README, "Commands"). A script
 * can tell "nothing there" from "the server failed" from "you called it wrong".
 */
public final class Exit {
    /** Done. */
    public static final int OK = 0;
    /** {@code check} found problems; for {@code exec}, the remote command's own code replaces this. */
    public static final int PROBLEMS = 1;
    /** A usage or configuration error: nothing was asked of a server. */
    public static final int USAGE = 2;
    /** The server refused or failed (or could not be reached), or a start ended in ERROR. */
    public static final int SERVER = 3;
    /** No such conversation, an ambiguous prefix (the candidates listed), or nothing to act on. */
    public static final int NOT_FOUND = 4;

    private Exit() {}
}

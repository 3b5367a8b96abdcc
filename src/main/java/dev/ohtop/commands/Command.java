package dev.ohtop.commands;

import java.util.List;

/**
 * One command for scripts ({@code ohtop ls}, {@code ohtop exec ID -- make test}, ...): what it is
 * called, how it is used, and the work. Data goes to {@link Session#out()}, messages to
 * {@link Session#say(String)}; the exit code follows {@link Exit}.
 */
public interface Command {

    /** What the user types: {@code ls}. */
    String name();

    /** The usage line after {@code ohtop }: {@code ls [--running] [--json] [--limit N]}. */
    String synopsis();

    /** One line for {@code ohtop help}. */
    String summary();

    /** What {@code ohtop help NAME} says after the usage line: what it prints and when it exits how. */
    String details();

    /** The options it takes (the common ones, {@code --demo} and the like, are not listed here). */
    List<Flag> flags();

    /** Whether it changes anything: refused under {@code --readonly} before a request leaves. */
    boolean changes();

    /**
     * Whether this use of it changes anything ({@code cp} reads when it downloads, writes when it
     * uploads): what {@code --readonly} refuses. The command's {@link #changes()} unless it says.
     */
    default boolean changes(Args args) {
        return changes();
    }

    /**
     * Checks the operands and options before anything starts (no server, no demo): a usage error
     * is said at once, without asking a server anything.
     */
    default void check(Args args) throws CommandFailure {}

    /** Does the work and returns the exit code; a {@link CommandFailure} ends it with its own. */
    int run(Args args, Session session) throws CommandFailure, InterruptedException;
}

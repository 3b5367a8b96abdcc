package dev.ohtop.commands;

import java.util.List;
import java.util.Optional;

/**
 * Every command, and the help that describes them: {@code ohtop help}, {@code ohtop help NAME}
 * and {@code ohtop NAME --help} print from the same declarations the parser reads.
 */
public final class Commands {
    /** In the order {@code ohtop help} lists them. */
    private static final List<Command> ALL = List.of(
            new Ls(),
            new Events(),
            new Check(),
            new Count(),
            new Start(),
            new Exec(),
            new Cp(),
            new Pause(),
            new Resume(),
            new Trajectory(),
            new Send(),
            Answer.approve(),
            Answer.reject());

    /** Options every command takes; the full screen's own are not among them. */
    public static final String COMMON = """
            common options (before or after the command):
              --demo                  against the built-in demo server (no account needed)
              --base-url URL          OpenHands server (default https://app.all-hands.dev, or $OPENHANDS_BASE_URL)
              --api-key-file PATH     the API key from a file (default: $OPENHANDS_CLOUD_API_KEY, then $OPENHANDS_API_KEY)
              --agent-server URL      one agent server instead (key: $OH_SESSION_API_KEY or --session-key-file PATH)
              --readonly              refuse every command that changes anything (exit 2)
              --insecure              allow a key over plain http to a non-loopback host
              --ascii                 ASCII only in human output
            """;

    public static final String EXIT_CODES = """
            exit codes:
              0  done
              1  check found problems; exec: the remote command's own code
              2  usage or configuration error (nothing was asked of a server)
              3  the server refused or failed, or could not be reached; a start that ended in ERROR
              4  not found: no such conversation, an ambiguous prefix (candidates listed), nothing to act on
            """;

    private Commands() {}

    public static List<Command> all() {
        return ALL;
    }

    public static Optional<Command> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** A command and its parsed arguments, checked: ready to run once the servers are set up. */
    public record Invocation(Command command, Args args) {

        /** Runs it: the exit code, every failure said on stderr in one line (more only for candidates). */
        public int run(Session session) throws InterruptedException {
            try {
                return command.run(args, session);
            } catch (CommandFailure e) {
                session.say(e.getMessage());
                return e.exit();
            }
        }
    }

    /** Parses and checks {@code tokens} (what follows the command's name, common options taken out). */
    public static Invocation parse(Command command, List<String> tokens) throws CommandFailure {
        Args args = Args.parse(tokens, command.flags());
        command.check(args);
        return new Invocation(command, args);
    }

    /** {@code ohtop help}: every command, one line each. */
    public static String overview() {
        StringBuilder text = new StringBuilder("usage: ohtop [options]            the full screen\n"
                + "       ohtop COMMAND [args]       one command, for scripts and agents\n\ncommands:\n");
        int width = ALL.stream().mapToInt(c -> c.name().length()).max().orElse(4) + 4;
        for (Command c : ALL) {
            text.append("  ").append(pad(c.name(), width)).append(c.summary()).append('\n');
        }
        text.append("  ").append(pad("help", width)).append("this text, or one command's: ohtop help COMMAND\n\n");
        return text.append(COMMON).append('\n').append(EXIT_CODES).toString();
    }

    /** {@code ohtop help NAME}: usage, what it does, its options, the common ones and the exit codes. */
    public static String help(Command c) {
        StringBuilder text =
                new StringBuilder("usage: ohtop ").append(c.synopsis()).append("\n\n");
        text.append(c.details().strip()).append("\n\n");
        if (!c.flags().isEmpty()) {
            text.append("options:\n");
            int width = c.flags().stream()
                            .mapToInt(f -> f.name().length()
                                    + (f.takesValue() ? f.value().length() + 1 : 0))
                            .max()
                            .orElse(0)
                    + 2;
            for (Flag f : c.flags()) {
                String left = f.name() + (f.takesValue() ? " " + f.value() : "");
                text.append("  ")
                        .append(pad(left, Math.max(width, 22)))
                        .append(f.help())
                        .append('\n');
            }
            text.append('\n');
        }
        if (c.changes()) {
            text.append("It changes things: refused under --readonly.\n\n");
        }
        return text.append(COMMON).append('\n').append(EXIT_CODES).toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + "  " : text + " ".repeat(width - text.length());
    }
}

package dev.ohtop.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A private tmux server for the end-to-end tests: its own socket ({@code tmux -L}), no user
 * configuration, no status line, so it never touches a user's tmux and every pane is exactly
 * the size asked for. Panes are read with {@code capture-pane} and driven with {@code send-keys}.
 */
final class Tmux implements AutoCloseable {
    /** How often a wait looks at the pane again. */
    private static final long POLL_MILLIS = 40;

    private final String socket;
    private final Path config;
    private final Map<String, String> environment;
    private Path socketPath;

    private Tmux(String socket, Path config, Map<String, String> environment) {
        this.socket = socket;
        this.config = config;
        this.environment = environment;
    }

    /**
     * Checks that tmux is there (failing, never skipping, when it is not: CI must run these
     * tests) and prepares a server; the server itself starts with the first session.
     *
     * @param dir         where the server's configuration file goes
     * @param environment what the server, and so every shell in it, gets on top of ours
     */
    /**
     * A quiet shell's environment for a pane: {@code bin} first on the PATH, the prompt given, no
     * history or readline file of the user's, UTF-8. Callers add what their run needs.
     */
    static Map<String, String> shellEnvironment(Path bin, String prompt) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("PS1", prompt + " ");
        env.put("HISTFILE", "/dev/null");
        env.put("INPUTRC", "/dev/null");
        env.put("LC_ALL", "C.UTF-8");
        return env;
    }

    static Tmux create(Path dir, Map<String, String> environment) throws IOException, InterruptedException {
        String version;
        try {
            Result r = run(List.of("tmux", "-V"), Map.of(), Duration.ofSeconds(10));
            version = r.exitCode == 0 ? r.output.trim() : null;
        } catch (IOException notInstalled) {
            version = null;
        }
        if (version == null) {
            throw new AssertionError("tmux is not installed, and the end-to-end tests need it to run ohtop in a real "
                    + "terminal. Install it (apt-get install tmux; `./run.sh --test` does so when run as root), or "
                    + "leave these tests out knowingly with -Dohtop.excludedGroups=e2e.");
        }
        Path config = dir.resolve("tmux.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "set -g status off",
                        "set -g history-limit 2000",
                        "set -g remain-on-exit off",
                        // Each test kills its session; the server must stay up for the next one (a new
                        // session racing the old server's exit fails with "server exited unexpectedly").
                        "set -g exit-empty off",
                        ""),
                StandardCharsets.UTF_8);
        String socket = "ohtop-e2e-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        return new Tmux(socket, config, environment);
    }

    /** Starts a detached session of exactly {@code columns} x {@code rows} running {@code command}. */
    Pane session(String name, int columns, int rows, Path cwd, String... command)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                String.valueOf(columns),
                "-y",
                String.valueOf(rows),
                "-c",
                cwd.toString()));
        args.addAll(List.of(command));
        tmux(args);
        if (socketPath == null) {
            socketPath = Path.of(
                    tmux(List.of("display-message", "-p", "#{socket_path}")).trim());
        }
        Pane pane = new Pane(name);
        String size = tmux(List.of("display-message", "-p", "-t", pane.target, "#{pane_width}x#{pane_height}"))
                .trim();
        if (!size.equals(columns + "x" + rows)) {
            throw new AssertionError("tmux made a " + size + " pane where " + columns + "x" + rows + " was asked for");
        }
        return pane;
    }

    /**
     * Kills the whole private server (every session, and with SIGHUP whatever still runs in
     * them) and removes its socket, which tmux leaves behind.
     */
    @Override
    public void close() {
        try {
            run(List.of("tmux", "-L", socket, "kill-server"), environment, Duration.ofSeconds(10));
        } catch (IOException | InterruptedException e) {
            // nothing was started, or it is gone already
        }
        if (socketPath != null) {
            try {
                Files.deleteIfExists(socketPath);
            } catch (IOException e) {
                // a stale socket in the tmux directory is harmless
            }
        }
    }

    private String tmux(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-u", "-L", socket, "-f", config.toString()));
        command.addAll(args);
        Result r = run(command, environment, Duration.ofSeconds(10));
        if (r.exitCode != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + r.exitCode + "): " + r.output.trim());
        }
        return r.output;
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("TMUX"); // the tests may themselves run inside someone's tmux
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** One session's only pane. */
    final class Pane {
        final String target;

        private Pane(String session) {
            this.target = session + ":0.0";
        }

        /** Types {@code text} literally, then Enter. */
        void typeLine(String text) throws IOException, InterruptedException {
            tmux(List.of("send-keys", "-t", target, "-l", text));
            tmux(List.of("send-keys", "-t", target, "Enter"));
        }

        /** Sends keys by tmux name: {@code Enter}, {@code Space}, {@code C-c}, {@code q}. */
        void keys(String... keys) throws IOException, InterruptedException {
            List<String> args = new ArrayList<>(List.of("send-keys", "-t", target));
            args.addAll(List.of(keys));
            tmux(args);
        }

        /** The visible screen, one string per row (trailing blanks trimmed by tmux). */
        Screen capture() throws IOException, InterruptedException {
            return new Screen(tmux(List.of("capture-pane", "-p", "-t", target)));
        }

        /**
         * The visible screen and up to {@code history} lines that scrolled off above it, with lines
         * the terminal wrapped joined again.
         */
        Screen captureWithHistory(int history) throws IOException, InterruptedException {
            return new Screen(tmux(List.of("capture-pane", "-p", "-J", "-S", "-" + history, "-t", target)));
        }

        /**
         * Polls the pane until {@code condition} holds, for at most {@code timeout}; on timeout
         * fails with {@code what} and the last screen seen.
         */
        Screen await(String what, Duration timeout, Predicate<Screen> condition)
                throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            Screen last;
            while (true) {
                last = capture();
                if (condition.test(last)) {
                    return last;
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new AssertionError("waited " + timeout.toMillis() / 1000.0 + " s for " + what
                            + "; the screen was:\n" + last.framed());
                }
                Thread.sleep(POLL_MILLIS);
            }
        }

        void kill() {
            try {
                tmux(List.of("kill-session", "-t", target.substring(0, target.indexOf(':'))));
            } catch (IOException | InterruptedException e) {
                // the server's close gets it
            }
        }
    }

    /** A captured screen. */
    record Screen(String text) {
        List<String> lines() {
            return text.lines().map(String::stripTrailing).toList();
        }

        boolean contains(String s) {
            return text.contains(s);
        }

        boolean anyLineMatches(String regex) {
            return lines().stream().anyMatch(l -> l.matches(regex));
        }

        /** The screen between rules, so blank rows and trailing spaces are visible in a failure message. */
        String framed() {
            StringBuilder b = new StringBuilder("┌────\n");
            lines().forEach(l -> b.append('│').append(l).append('\n'));
            return b.append("└────").toString();
        }
    }
}

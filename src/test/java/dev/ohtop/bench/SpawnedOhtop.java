package dev.ohtop.bench;

import dev.ohtop.ui.FullScreen;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ohtop started as a user starts it ({@code ./run.sh}), in a real terminal of 120x40: a pane of
 * a private tmux server, which answers the terminal's queries as a terminal emulator does and
 * records every byte ohtop writes (pipe-pane). Keys are typed with send-keys. Its state (the log,
 * where the first complete frame is noted) goes to a folder of its own.
 */
final class SpawnedOhtop implements AutoCloseable {
    private static final long CLOCK_TICKS_PER_SECOND = clockTicks();
    private static final String SESSION = "bench";

    private final String socket;
    private final Path log;
    private final Path terminalRecord;
    private final long spawnedAtMillis;
    private final long pid;

    private SpawnedOhtop(String socket, Path log, Path terminalRecord, long spawnedAtMillis, long pid) {
        this.socket = socket;
        this.log = log;
        this.terminalRecord = terminalRecord;
        this.spawnedAtMillis = spawnedAtMillis;
        this.pid = pid;
    }

    static SpawnedOhtop start(Path repo, URI appServer, String apiKey, Path stateDir)
            throws IOException, InterruptedException {
        String socket = "ohtop-bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path terminalRecord = stateDir.resolve("terminal.out");
        Files.createFile(terminalRecord);
        Map<String, String> env = Map.of(
                "OPENHANDS_BASE_URL",
                appServer.toString(),
                "OPENHANDS_CLOUD_API_KEY",
                apiKey,
                "XDG_STATE_HOME",
                stateDir.toString(),
                "TERM",
                "xterm-256color");
        // A shell first, so that the launch is timed from the moment the command is typed.
        tmux(socket, env, "new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", "-c", repo.toString(), "sh");
        tmux(socket, env, "pipe-pane", "-O", "-t", SESSION, "cat >> '" + terminalRecord + "'");
        long pid = Long.parseLong(tmux(socket, env, "display-message", "-p", "-t", SESSION, "#{pane_pid}")
                .strip());
        long spawnedAt = System.currentTimeMillis();
        tmux(socket, env, "send-keys", "-t", SESSION, "exec ./run.sh", "Enter");
        return new SpawnedOhtop(socket, stateDir.resolve("ohtop").resolve("ohtop.log"), terminalRecord, spawnedAt, pid);
    }

    private static String tmux(String socket, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process tmux = builder.start();
        String out = new String(tmux.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tmux.waitFor() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + ": " + out.strip());
        }
        return out;
    }

    /** Milliseconds from the spawn to the first complete frame ohtop noted in its log. */
    long launchMillis(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> drawnAt = firstFrameAt();
            if (drawnAt.isPresent()) {
                return drawnAt.get() - spawnedAtMillis;
            }
            if (ProcessHandle.of(pid).isEmpty()) {
                throw new IOException("ohtop ended before its first frame");
            }
            Thread.sleep(5);
        }
        throw new IOException("no first frame within " + timeout.toSeconds() + " s; see " + log);
    }

    private Optional<Long> firstFrameAt() throws IOException {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int at = line.indexOf(FullScreen.FIRST_FRAME);
            if (at >= 0) {
                String rest = line.substring(at + FullScreen.FIRST_FRAME.length());
                return Optional.of(Long.parseLong(rest.split("[^0-9]", 2)[0]));
            }
        }
        return Optional.empty();
    }

    /** Bytes ohtop has written to its terminal so far. */
    long terminalBytes() throws IOException {
        return Files.size(terminalRecord);
    }

    /** CPU time (user and system) the ohtop JVM has used so far. */
    Duration cpuTime() throws IOException {
        return ticks(Files.readString(Path.of("/proc", String.valueOf(javaPid()), "stat")));
    }

    /**
     * CPU time (user and system) each live thread of the ohtop JVM has used so far, by thread name
     * with any number in it dropped ("GC Thread#1" and "GC Thread#0" are one entry "GC Thread#"),
     * as {@code /proc/<pid>/task/<tid>/stat} gives it. The kernel keeps 15 characters of a name.
     * Threads that ended are in {@link #cpuTime()} but not here.
     */
    Map<String, Duration> cpuTimeByThread() throws IOException {
        Map<String, Duration> byName = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(javaPid()), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended while we listed them
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .replaceAll("[0-9]+", "");
                byName.merge(name, ticks(stat), Duration::plus);
            }
        }
        return byName;
    }

    private static Duration ticks(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
    }

    private long javaPid() {
        return pid; // the pane's shell became ./run.sh, which became the JVM (exec all the way)
    }

    /** The text on ohtop's screen now. */
    String screen() throws IOException, InterruptedException {
        return tmux(socket, Map.of(), "capture-pane", "-p", "-t", SESSION);
    }

    /** Waits until the screen shows {@code text}, or no longer does ({@code shown} false). */
    void awaitScreen(String text, boolean shown, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (screen().contains(text) != shown) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the screen " + (shown ? "never showed" : "still shows") + " \"" + text
                        + "\" after " + timeout.toSeconds() + " s:\n" + screen());
            }
            Thread.sleep(100);
        }
    }

    void type(String... keys) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("send-keys", "-t", SESSION));
        args.addAll(List.of(keys));
        tmux(socket, Map.of(), args.toArray(String[]::new));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            type("q");
            ProcessHandle.of(pid)
                    .ifPresent(p -> p.onExit()
                            .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                            .exceptionally(e -> null)
                            .join());
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            try {
                tmux(socket, Map.of(), "kill-server");
            } catch (IOException alreadyGone) {
                // the server ends by itself with its last pane
            }
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }
}

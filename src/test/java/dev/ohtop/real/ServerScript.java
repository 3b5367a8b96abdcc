package dev.ohtop.real;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A launcher in {@code src/test/scripts} (real-agent-server.sh, real-app-server.sh): it installs
 * its server when needed, starts it, prints one {@code READY key=value ...} line on stdout and
 * keeps running until told to stop. Both real servers are had the same way, through this.
 */
final class ServerScript {
    /** Exit code of a launcher when no Python 3.12+ exists on this machine. */
    private static final int NO_PYTHON = 3;

    /** This machine cannot run the server (no Python 3.12+): its tests skip themselves with the reason. */
    static final class NoPython extends Exception {
        NoPython(String message) {
            super(message);
        }
    }

    /** A launcher that said READY: its process (stop it to stop the server) and what it said. */
    record Ready(Process process, String line) {
        String field(String name) {
            for (String part : line.split(" ")) {
                if (part.startsWith(name + "=")) {
                    return part.substring(name.length() + 1);
                }
            }
            throw new IllegalStateException("no " + name + " in " + line);
        }
    }

    private ServerScript() {}

    /**
     * Runs {@code command}, its stderr to {@code log}, and waits up to {@code patience} for its
     * READY line (a cold install is part of the wait).
     *
     * @param name names the thread that drains its stdout
     */
    static Ready launch(String name, List<String> command, Path log, Duration patience) throws IOException, NoPython {
        Process process =
                new ProcessBuilder(command).redirectError(log.toFile()).start();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(process, name));
        String line;
        try {
            line = ready.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroy();
            throw new IOException("no READY line: " + tail(log), e);
        }
        if (line == null) {
            int exit = waitForExit(process);
            if (exit == NO_PYTHON) {
                throw new NoPython(tail(log));
            }
            throw new IOException("exit " + exit + ": " + tail(log));
        }
        return new Ready(process, line);
    }

    /** Reads stdout until the READY line; keeps draining it after, so the script never meets a closed pipe. */
    private static String readyLine(Process process, String name) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            if (line.startsWith("READY ")) {
                                ready.complete(line);
                            }
                        }
                    } catch (IOException e) {
                        // the script ended; whatever it said is in its log
                    }
                    ready.complete(null);
                },
                name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return ready.join();
    }

    private static int waitForExit(Process process) {
        try {
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}

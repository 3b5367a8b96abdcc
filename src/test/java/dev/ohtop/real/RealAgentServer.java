package dev.ohtop.real;

import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real OpenHands agent server (PyPI {@code openhands-agent-server}, pinned in
 * {@code src/test/scripts/real-agent-server.sh}) on loopback, started once per test JVM and
 * stopped when it ends. Without Python 3.12+ the tests that need it are skipped, with the reason.
 */
final class RealAgentServer {
    private static final Path SCRIPT = Path.of("src/test/scripts/real-agent-server.sh");
    /** Exit code of the script when no Python 3.12+ exists on this machine. */
    private static final int NO_PYTHON = 3;

    private static RealAgentServer shared;
    private static String unavailable;

    final URI url;
    final String sessionKey;
    final Path workdir;
    private final Process supervisor;

    private RealAgentServer(URI url, String sessionKey, Path workdir, Process supervisor) {
        this.url = url;
        this.sessionKey = sessionKey;
        this.workdir = workdir;
        this.supervisor = supervisor;
    }

    /**
     * The one server of this JVM, or null when this machine cannot run it (no Python 3.12+);
     * then {@link #unavailableReason()} says why and each test skips itself with that reason.
     */
    static synchronized RealAgentServer shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = start();
            } catch (NoPython e) {
                unavailable = "real agent server not run: " + e.getMessage();
                System.err.println("SKIPPED " + unavailable);
            } catch (IOException e) {
                throw new IllegalStateException("the real agent server did not start: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    static synchronized String unavailableReason() {
        return unavailable;
    }

    /** For each test: skipped, with the reason, when the server could not be had. */
    static void assumeAvailable() {
        Assumptions.assumeTrue(unavailableReason() == null, RealAgentServer::unavailableReason);
    }

    AgentServerClient client() {
        return client(sessionKey);
    }

    AgentServerClient client(String key) {
        ClientOptions options = ClientOptions.defaults();
        return new AgentServerClient(
                HttpCore.newHttpClient(options), new AgentEndpoint(url, Credential.sessionKey(key)), options);
    }

    private static final class NoPython extends Exception {
        NoPython(String message) {
            super(message);
        }
    }

    private static RealAgentServer start() throws IOException, NoPython {
        Path workdir = Files.createTempDirectory("ohtop-real-agent-");
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String key = "test-" + HexFormat.of().formatHex(random);
        Path log = workdir.resolve("supervisor.log");
        Process process = new ProcessBuilder(List.of(
                        "bash",
                        SCRIPT.toString(),
                        "--port",
                        "0",
                        "--workdir",
                        workdir.toString(),
                        "--session-key",
                        key,
                        "--parent-pid",
                        Long.toString(ProcessHandle.current().pid()),
                        "--timeout",
                        "120"))
                .redirectError(log.toFile())
                .start();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(process));
        String line;
        try {
            // A cold install takes about a minute; a warm start about eight seconds.
            line = ready.get(10, TimeUnit.MINUTES);
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
        String url = field(line, "url");
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-real-agent-server"));
        return new RealAgentServer(URI.create(url), key, workdir, process);
    }

    /** Reads stdout until the READY line; keeps draining it after, so the script never meets a closed pipe. */
    private static String readyLine(Process process) {
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
                "real-agent-server-stdout");
        reader.setDaemon(true);
        reader.start();
        return ready.join();
    }

    private static String field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + " in " + line);
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

    boolean isRunning() {
        return supervisor.isAlive();
    }
}

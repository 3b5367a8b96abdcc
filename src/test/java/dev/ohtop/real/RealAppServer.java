package dev.ohtop.real;

import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real OpenHands app server (PyPI {@code openhands-ai}, pinned in
 * {@code src/test/scripts/real-app-server.sh}) on loopback, with process sandboxes: each sandbox
 * an agent-server process of the app server's own pinned version. Started once per test JVM and
 * stopped, with every sandbox it started, when the JVM ends (a watchdog on the JVM's pid covers a
 * JVM that is killed). Without Python 3.12+ the tests that need it are skipped, with the reason.
 */
public final class RealAppServer {
    private static final Path SCRIPT = Path.of("src/test/scripts/real-app-server.sh");
    /** Exit code of the script when no Python 3.12+ exists on this machine. */
    private static final int NO_PYTHON = 3;
    /** Single-user mode takes any Bearer key; a real-looking one keeps ohtop's checks honest. */
    public static final String API_KEY = "sk-oh-test-real-app-server";

    private static RealAppServer shared;
    private static String unavailable;

    public final URI url;
    final Path workdir;
    /** How long the script took from launch to READY. */
    final long startMillis;

    private RealAppServer(URI url, Path workdir, long startMillis) {
        this.url = url;
        this.workdir = workdir;
        this.startMillis = startMillis;
    }

    /** The one server of this JVM, or null when this machine cannot run it (no Python 3.12+). */
    public static synchronized RealAppServer shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = start();
            } catch (NoPython e) {
                unavailable = "real app server not run: " + e.getMessage();
                System.err.println("SKIPPED " + unavailable);
            } catch (IOException e) {
                throw new IllegalStateException("the real app server did not start: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    /** For each test: skipped, with the reason, when the server could not be had. */
    public static synchronized void assumeAvailable() {
        Assumptions.assumeTrue(unavailable == null, () -> unavailable);
    }

    public CloudClient client() {
        ClientOptions options = ClientOptions.defaults();
        return new CloudClient(HttpCore.newHttpClient(options), url, Credential.bearer(API_KEY), options);
    }

    /**
     * Points the (single) user's agent at {@code llmBaseUrl} for conversations started from now on.
     * ohtop never sets this, so it goes over plain HTTP. No retries: a scripted answer is final;
     * no condenser: it would ask the LLM for summaries the script does not hold.
     */
    public void useLlm(String llmBaseUrl) throws IOException, InterruptedException {
        String body = "{\"agent_settings_diff\":{\"llm\":{\"model\":\"openai/scripted\",\"base_url\":\"" + llmBaseUrl
                + "\",\"api_key\":\"sk-scripted\",\"num_retries\":0},\"condenser\":{\"enabled\":false}}}";
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url.resolve("/api/v1/settings"))
                                .header("Authorization", "Bearer " + API_KEY)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("POST /api/v1/settings: " + answer.statusCode() + " " + answer.body());
        }
    }

    /** The folder where the server keeps the sandbox with this id (ProcessSandboxService: base dir + id). */
    Path sandboxFolder(String sandboxId) {
        return workdir.resolve("sandboxes").resolve(sandboxId);
    }

    private static final class NoPython extends Exception {
        NoPython(String message) {
            super(message);
        }
    }

    private static RealAppServer start() throws IOException, NoPython {
        Path workdir = Files.createTempDirectory("ohtop-real-app-");
        Path log = workdir.resolve("supervisor.log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(List.of(
                        "bash",
                        SCRIPT.toString(),
                        "--port",
                        "0",
                        "--workdir",
                        workdir.toString(),
                        "--parent-pid",
                        Long.toString(ProcessHandle.current().pid()),
                        "--timeout",
                        "180"))
                .redirectError(log.toFile())
                .start();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(process));
        String line;
        try {
            // A cold install takes several minutes (about 1.4 GB); a warm start 10 to 50 s with the machine's load.
            line = ready.get(25, TimeUnit.MINUTES);
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
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.err.println("real app server ready after " + millis + " ms: " + line);
        // SIGTERM to the script stops the server and every sandbox process it started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "stop-real-app-server"));
        return new RealAppServer(URI.create(field(line, "url")), workdir, millis);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
                "real-app-server-stdout");
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
}

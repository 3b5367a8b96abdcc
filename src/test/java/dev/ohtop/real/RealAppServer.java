package dev.ohtop.real;

import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            } catch (ServerScript.NoPython e) {
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

    private static RealAppServer start() throws IOException, ServerScript.NoPython {
        Path workdir = Files.createTempDirectory("ohtop-real-app-");
        Path log = workdir.resolve("supervisor.log");
        long started = System.nanoTime();
        // A cold install takes several minutes (about 1.4 GB); a warm start 10 to 50 s with the machine's load.
        ServerScript.Ready ready = ServerScript.launch(
                "real-app-server",
                List.of(
                        "bash",
                        SCRIPT.toString(),
                        "--port",
                        "0",
                        "--workdir",
                        workdir.toString(),
                        "--parent-pid",
                        Long.toString(ProcessHandle.current().pid()),
                        "--timeout",
                        "180"),
                log,
                Duration.ofMinutes(25));
        Process process = ready.process();
        String line = ready.line();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.err.println("real app server ready after " + millis + " ms: " + line);
        // SIGTERM to the script stops the server and every sandbox process it started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "stop-real-app-server"));
        return new RealAppServer(URI.create(ready.field("url")), workdir, millis);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

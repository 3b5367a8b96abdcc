package dev.ohtop.real;

import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The real OpenHands agent server (PyPI {@code openhands-agent-server}, pinned in
 * {@code src/test/scripts/real-agent-server.sh}) on loopback, started once per test JVM and
 * stopped when it ends. Without Python 3.12+ the tests that need it are skipped, with the reason.
 */
final class RealAgentServer {
    private static final Path SCRIPT = Path.of("src/test/scripts/real-agent-server.sh");

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
            } catch (ServerScript.NoPython e) {
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

    private static RealAgentServer start() throws IOException, ServerScript.NoPython {
        Path workdir = Files.createTempDirectory("ohtop-real-agent-");
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String key = "test-" + HexFormat.of().formatHex(random);
        Path log = workdir.resolve("supervisor.log");
        // A cold install takes about a minute; a warm start about eight seconds.
        ServerScript.Ready ready = ServerScript.launch(
                "real-agent-server",
                List.of(
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
                        "120"),
                log,
                Duration.ofMinutes(10));
        Process process = ready.process();
        String url = ready.field("url");
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-real-agent-server"));
        return new RealAgentServer(URI.create(url), key, workdir, process);
    }

    boolean isRunning() {
        return supervisor.isAlive();
    }
}

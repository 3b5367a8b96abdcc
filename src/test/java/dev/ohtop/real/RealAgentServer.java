package dev.ohtop.real;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.Json;
import dev.ohtop.api.MessageRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
public final class RealAgentServer {
    private static final Path SCRIPT = Path.of("src/test/scripts/real-agent-server.sh");

    private static RealAgentServer shared;
    private static String unavailable;

    public final URI url;
    public final String sessionKey;
    public final Path workdir;
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
    public static synchronized RealAgentServer shared() {
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
    public static void assumeAvailable() {
        Assumptions.assumeTrue(unavailableReason() == null, RealAgentServer::unavailableReason);
    }

    public AgentServerClient client() {
        return client(sessionKey);
    }

    AgentServerClient client(String key) {
        ClientOptions options = ClientOptions.defaults();
        return new AgentServerClient(
                HttpCore.newHttpClient(options), new AgentEndpoint(url, Credential.sessionKey(key)), options);
    }

    /**
     * Starts a conversation driven by {@code llm} in {@code folder} ({@code POST /api/conversations},
     * no title from the LLM) with {@code task} as its first message, which the server runs at once;
     * with no task it stays idle until something runs it. Returns its id (dashed).
     */
    public String startConversation(ScriptedLlm llm, Path folder, String task) throws Exception {
        return startConversation(llm, folder, task, null);
    }

    /**
     * As {@link #startConversation(ScriptedLlm, Path, String)}, with the SDK's confirmation policy
     * by its kind ({@code AlwaysConfirm}: every action waits for an answer) and the LLM security
     * analyzer (so an action carries the risk the LLM stated); null for the server's default
     * ({@code NeverConfirm}, no analyzer).
     */
    public String startConversation(ScriptedLlm llm, Path folder, String task, String confirmationPolicy)
            throws Exception {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (confirmationPolicy != null) {
            body.putObject("confirmation_policy").put("kind", confirmationPolicy);
            // Without an analyzer the SDK drops the LLM's stated risk and says UNKNOWN; Cloud sets this one.
            body.putObject("security_analyzer").put("kind", "LLMSecurityAnalyzer");
        }
        body.putObject("workspace").put("kind", "LocalWorkspace").put("working_dir", folder.toString());
        ObjectNode settings = body.putObject("agent_settings");
        settings.putObject("llm")
                .put("model", "openai/scripted")
                .put("base_url", llm.baseUrl())
                .put("api_key", "sk-scripted")
                .put("api_mode", "chat")
                .put("num_retries", 0);
        settings.putObject("condenser").put("condenser_kind", "no_op");
        body.put("autotitle", false);
        if (task != null) {
            body.set("initial_message", Json.MAPPER.valueToTree(MessageRequest.userText(task)));
        }
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/api/conversations"))
                                .header("X-Session-API-Key", sessionKey)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "the conversation did not start: " + response.statusCode() + " " + response.body());
        }
        return Json.MAPPER.readTree(response.body()).path("id").asText();
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

package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ohtop.testing.SocketServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key must never reach the screen, a log or a bug report: not through an error the server
 * echoes, nor through a toString. Every check also looks for a telling piece of the key, so a
 * message cut in the middle of it cannot leak its first half.
 */
@org.junit.jupiter.api.Tag("security")
@org.junit.jupiter.api.DisplayName("Keys never leak")
class SecretRedactionTest {
    private static final String ME = "/api/v1/users/me";

    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    /** Fails if {@code text} holds any 8 consecutive characters of {@code secret}. */
    static void assertNoPieceOf(String secret, String text) {
        for (int i = 0; i + 8 <= secret.length(); i++) {
            String piece = secret.substring(i, i + 8);
            assertFalse(text.contains(piece), () -> "'" + piece + "' of a key leaked into: " + text);
        }
    }

    /** Neither key in the exception's message, detail, toString, nor anywhere down its cause chain. */
    static void assertNoKeyIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String secret : List.of(Wire.API_KEY, Wire.SESSION_KEY)) {
                assertNoPieceOf(secret, String.valueOf(t.getMessage()));
                assertNoPieceOf(secret, t.toString());
                if (t instanceof ApiException api) {
                    assertNoPieceOf(secret, String.valueOf(api.detail()));
                }
            }
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private static ApiException fails(Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertNoKeyIn(e);
        return e;
    }

    @Test
    void anApiKeyEchoedInADetailIsRedacted() {
        wm.stubFor(get(ME).willReturn(json(401, "{\"detail\":\"key " + Wire.API_KEY + " is not valid\"}")));

        ApiException e = fails(() -> Wire.cloud(wm).me());

        assertEquals("key **** is not valid", e.detail());
    }

    @Test
    void anApiKeyEchoedInAnErrorFieldIsRedacted() {
        wm.stubFor(get(ME).willReturn(json(403, "{\"error\":\"Authorization: Bearer " + Wire.API_KEY + " refused\"}")));

        fails(() -> Wire.cloud(wm).me());
    }

    @Test
    void anApiKeyEchoedInAValidationErrorIsRedacted() {
        wm.stubFor(get(ME).willReturn(json(
                422,
                "{\"detail\":[{\"loc\":[\"header\",\"authorization\"]," + "\"msg\":\"bad token " + Wire.API_KEY
                        + "\",\"input\":\"" + Wire.API_KEY + "\"}]}")));

        fails(() -> Wire.cloud(wm).me());
    }

    @Test
    void anApiKeyEchoedInAPlainTextPageIsRedacted() {
        wm.stubFor(get(ME).willReturn(aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "text/plain")
                .withBody("Bad header: Authorization: Bearer " + Wire.API_KEY)));

        fails(() -> Wire.cloud(wm).me());
    }

    @Test
    void aKeyStraddlingTheLengthCapDoesNotLeakItsFirstHalf() {
        String padding = "x".repeat(ErrorBodies.MAX_LENGTH - 12);
        wm.stubFor(get(ME).willReturn(json(401, "{\"detail\":\"" + padding + " " + Wire.API_KEY + "\"}")));

        fails(() -> Wire.cloud(wm).me());
    }

    @Test
    void aSessionKeyStraddlingTheLengthCapDoesNotLeakItsFirstHalf() {
        String padding = "y".repeat(ErrorBodies.MAX_LENGTH - 10);
        wm.stubFor(get("/alive").willReturn(json(401, "{\"detail\":\"" + padding + " " + Wire.SESSION_KEY + "\"}")));

        fails(() -> Wire.agent(wm).alive());
    }

    @Test
    void aSessionKeyEchoedByAnAgentServerIsRedacted() {
        wm.stubFor(get("/health").willReturn(json(401, "{\"detail\":\"Unauthorized: " + Wire.SESSION_KEY + "\"}")));

        ApiException e = fails(() -> Wire.agent(wm).health());

        assertEquals("Unauthorized: ****", e.detail());
    }

    @Test
    void aKeyInsideMalformedJsonIsRedactedAlongTheWholeCauseChain() {
        String underscoreKey = "sk_live_ohtopTestKey0123456789"; // one token to a JSON parser, unlike a dashed key
        ClientOptions options = Wire.options(new RecordingSleeper());
        CloudClient cloud = new CloudClient(
                HttpCore.newHttpClient(options), URI.create(wm.baseUrl()), Credential.bearer(underscoreKey), options);
        wm.stubFor(get(ME).willReturn(okJson(underscoreKey + " is your key")));

        ApiException e = assertThrows(ApiException.class, cloud::me);

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertNoPieceOf(underscoreKey, t.toString());
        }
    }

    @Test
    void aSessionKeyInAWronglyShapedSandboxIsNotEchoed() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes"))
                .willReturn(okJson("[{\"id\":\"s1\",\"status\":\"RUNNING\",\"exposed_urls\":"
                        + "[\"https://vscode.example/?tkn=" + Wire.SESSION_KEY + "\"]}]")));

        ApiException e = fails(() -> Wire.cloud(wm).getSandboxes(List.of("s1")));

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
    }

    @Test
    void aRedirectCarryingTheKeyDoesNotRepeatIt() {
        wm.stubFor(get(ME).willReturn(aResponse()
                .withStatus(302)
                .withHeader("Location", "https://" + Wire.API_KEY + ".example/?k=" + Wire.API_KEY)));

        fails(() -> Wire.cloud(wm).me());
    }

    // ---- things that get printed ----------------------------------------------------------

    @Test
    void credentialsNeverPrintTheirSecret() {
        assertNoPieceOf(Wire.API_KEY, Credential.bearer(Wire.API_KEY).toString());
        assertNoPieceOf(
                Wire.SESSION_KEY, Credential.sessionKey(Wire.SESSION_KEY).toString());
        assertEquals("Authorization: ****", Credential.bearer(Wire.API_KEY).toString());
    }

    @Test
    void clientsNeverPrintTheirKey() {
        String cloud = Wire.cloud(wm).toString();
        String agent = Wire.agent(wm).toString();

        assertNoPieceOf(Wire.API_KEY, cloud);
        assertNoPieceOf(Wire.SESSION_KEY, agent);
        assertTrue(cloud.contains(wm.baseUrl()), cloud);
    }

    @Test
    void endpointsAndLocationsNeverPrintTheSessionKey() {
        AgentEndpoint endpoint =
                new AgentEndpoint(URI.create("https://abc.example"), Credential.sessionKey(Wire.SESSION_KEY));

        assertNoPieceOf(Wire.SESSION_KEY, endpoint.toString());
        assertNoPieceOf(Wire.SESSION_KEY, new AgentServerLocation.Available(endpoint).toString());
    }

    @Test
    void aLiveSocketKeepsTheSessionKeyOutOfItsUrlItsTextAndItsCloseMessage() throws Exception {
        try (SocketServer server = new SocketServer().started()) {
            BlockingQueue<EventSocket.Closed> closed = new LinkedBlockingQueue<>();
            EventSocket socket = EventSocket.open(
                    HttpCore.newHttpClient(ClientOptions.defaults()),
                    new AgentEndpoint(server.httpUrl(), Credential.sessionKey(Wire.SESSION_KEY)),
                    ClientOptions.defaults(),
                    "c1",
                    "2026-11-27T10:15:02.000000",
                    java.time.Clock.systemUTC(),
                    new EventSocket.Listener() {
                        @Override
                        public void opened() {}

                        @Override
                        public void event(dev.ohtop.api.events.Event event) {}

                        @Override
                        public void closed(EventSocket.Closed why) {
                            closed.add(why);
                        }
                    });
            SocketServer.Connection c = server.nextConnection(java.time.Duration.ofSeconds(5));
            c.nextFrame();

            c.socket.close(4001, "bad key " + Wire.SESSION_KEY); // a server that echoes it in its reason

            EventSocket.Closed why = closed.poll(5, TimeUnit.SECONDS);
            org.junit.jupiter.api.Assertions.assertNotNull(why, "the close was heard");
            assertNoPieceOf(Wire.SESSION_KEY, c.resource);
            assertNoPieceOf(Wire.SESSION_KEY, socket.toString());
            assertNoPieceOf(Wire.SESSION_KEY, String.valueOf(why));
        }
    }

    @Test
    void aConversationNeverPrintsItsSessionKey() throws Exception {
        JsonNode item = Json.MAPPER
                .readTree(Wire.fixture("conversation-page.json"))
                .get("items")
                .get(0);
        AppConversation conversation = Json.MAPPER.treeToValue(item, AppConversation.class);

        assertEquals("sess-abc123", conversation.sessionApiKey());
        assertFalse(conversation.toString().contains("sess-abc123"), conversation.toString());
    }

    @Test
    void aSandboxNeverPrintsItsSessionKeyNorTheVscodeToken() throws Exception {
        JsonNode item = Json.MAPPER
                .readTree(Wire.fixture("sandbox-page.json"))
                .get("items")
                .get(0);
        SandboxInfo sandbox = Json.MAPPER.treeToValue(item, SandboxInfo.class);
        ExposedUrl vscode = sandbox.exposedUrls().stream()
                .filter(u -> "VSCODE".equals(u.name()))
                .findFirst()
                .orElseThrow();

        assertTrue(vscode.url().contains("tkn=sess-abc123"));
        assertFalse(sandbox.toString().contains("sess-abc123"), sandbox.toString());
        assertFalse(vscode.toString().contains("sess-abc123"), vscode.toString());
        assertTrue(vscode.toString().contains("https://vscode-abc123.prod-runtime.example/"), vscode.toString());
    }

    /**
     * A session key arrives in a list of conversations or sandboxes; from then on it is hidden like
     * the API key in every error text and in the log, not only in its own agent server's errors.
     */
    @Test
    void aSessionKeyTheServerHandsOutIsHiddenInLaterErrorsAndInTheLog(@TempDir Path dir) throws Exception {
        String sessionKey = "sess-0f9e8d7c6b5a4f3e2d1c";
        String page = Wire.fixture("conversation-page.json").replace("sess-abc123", sessionKey);
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/search")).willReturn(okJson(page)));
        wm.stubFor(get(ME).willReturn(json(500, "{\"detail\":\"sandbox key " + sessionKey + " rejected\"}")));
        ClientOptions options = Wire.options(new RecordingSleeper()).withRetry(RetryPolicy.none());
        CloudClient cloud = Wire.cloud(wm, options);
        Path logPath = dir.resolve("ohtop.log");

        cloud.searchConversations(ConversationQuery.all(), null, 10);
        ApiException e = assertThrows(ApiException.class, cloud::me);
        try (dev.ohtop.LogFile log = dev.ohtop.LogFile.open(logPath, Clock.systemUTC(), options.secrets())) {
            log.warn("could not read the account: " + e.getMessage() + " (agent said " + sessionKey + ")");
        }

        assertEquals("sandbox key **** rejected", e.detail());
        assertNoPieceOf(sessionKey, e.getMessage());
        String logged = Files.readString(logPath);
        assertNoPieceOf(sessionKey, logged);
        assertTrue(logged.contains("(agent said ****)"), logged);
    }
}

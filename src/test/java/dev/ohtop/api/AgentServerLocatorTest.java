package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ohtop.api.Requests.only;
import static dev.ohtop.api.Requests.q;
import static dev.ohtop.api.Requests.query;
import static dev.ohtop.api.Requests.withAgentAuth;
import static dev.ohtop.api.Requests.withAppServerAuth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding a conversation's agent server, or saying plainly why there is none to talk to. */
class AgentServerLocatorTest {
    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    private final AgentServerLocator locator = new AgentServerLocator(Wire.cloud(wm));

    private static ObjectNode conversationJson(int index) throws Exception {
        return (ObjectNode) Json.MAPPER
                .readTree(Wire.fixture("conversation-page.json"))
                .get("items")
                .get(index)
                .deepCopy();
    }

    private static AppConversation conversation(ObjectNode json) throws Exception {
        return Json.MAPPER.treeToValue(json, AppConversation.class);
    }

    private static JsonNode sandboxJson(int index) throws Exception {
        return Json.MAPPER
                .readTree(Wire.fixture("sandbox-page.json"))
                .get("items")
                .get(index);
    }

    private static void sandboxAnswer(String body) {
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes")).willReturn(okJson(body)));
    }

    @ParameterizedTest
    @CsvSource({
        "https://abc123.prod-runtime.example/api/conversations/bb6a1b39c0d44d4db931e53d59897c77, https://abc123.prod-runtime.example",
        "https://runtime.example/sbx/abc123/api/conversations/bb6a1b39, https://runtime.example/sbx/abc123",
        "https://runtime.example/p/api/acp/conversations/bb6a1b39, https://runtime.example/p",
        "https://runtime.example/api/conversations/bb6a1b39/, https://runtime.example",
        "http://localhost:3000/api/conversations/bb6a1b39-c0d4-4d4d-b931-e53d59897c77, http://localhost:3000",
        "'  https://runtime.example/api/conversations/x  ', https://runtime.example"
    })
    void theConversationSuffixIsStrippedAndAPathPrefixKept(String conversationUrl, String base) {
        assertEquals(Optional.of(URI.create(base)), AgentServerLocator.baseFromConversationUrl(conversationUrl));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "https://runtime.example/conversations/x",
                "https://runtime.example/api/conversations/x/events",
                "https://runtime.example/api/conversations/",
                "   "
            })
    void aUrlWithoutTheConversationSuffixGivesNoBase(String conversationUrl) {
        assertEquals(Optional.empty(), AgentServerLocator.baseFromConversationUrl(conversationUrl));
    }

    @Test
    void aRunningConversationIsReachedThroughItsOwnUrlAndKeyWithoutAskingTheAppServer() throws Exception {
        AgentServerLocation found = locator.locate(conversation(conversationJson(0)));

        assertEquals(
                new AgentServerLocation.Available(new AgentEndpoint(
                        URI.create("https://abc123.prod-runtime.example"), Credential.sessionKey("sess-abc123"))),
                found);
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void theLocatedEndpointIsOneAClientCanTalkTo() throws Exception {
        ObjectNode json = conversationJson(0);
        json.put("conversation_url", wm.baseUrl() + "/runtime/abc/api/conversations/bb6a1b39c0d44d4db931e53d59897c77");
        json.put("session_api_key", Wire.SESSION_KEY);
        wm.stubFor(get("/runtime/abc/alive").willReturn(okJson("{\"status\":\"ok\"}")));

        AgentServerLocation found = locator.locate(conversation(json));
        ClientOptions options = Wire.options(new RecordingSleeper());
        AgentServerClient agent = new AgentServerClient(
                HttpCore.newHttpClient(options), ((AgentServerLocation.Available) found).endpoint(), options);

        assertTrue(agent.alive());
        wm.verify(withAgentAuth(getRequestedFor(urlPathEqualTo("/runtime/abc/alive"))));
    }

    @Test
    void withoutAConversationUrlTheSandboxesAgentServerUrlAndKeyAreUsed() throws Exception {
        ObjectNode json = conversationJson(0);
        json.remove("conversation_url");
        ObjectNode sandbox = (ObjectNode) sandboxJson(0).deepCopy();
        sandbox.put("session_api_key", "sess-from-the-sandbox");
        ((ObjectNode) sandbox.get("exposed_urls").get(0)).put("url", "https://abc123.prod-runtime.example/");
        sandboxAnswer("[" + sandbox + "]");

        AgentServerLocation found = locator.locate(conversation(json));

        assertEquals(
                new AgentServerLocation.Available(new AgentEndpoint(
                        URI.create("https://abc123.prod-runtime.example"),
                        Credential.sessionKey("sess-from-the-sandbox"))),
                found);
        wm.verify(withAppServerAuth(getRequestedFor(urlPathEqualTo("/api/v1/sandboxes"))));
        assertEquals(q("id", "22Cnn1FqUu17shZhJ7b5Ka"), query(only(wm)));
    }

    @Test
    void aConversationUrlWithoutASessionKeyFallsBackToTheSandbox() throws Exception {
        ObjectNode json = conversationJson(0);
        json.remove("session_api_key");
        sandboxAnswer("[" + sandboxJson(0) + "]");

        AgentServerLocation found = locator.locate(conversation(json));

        assertEquals(
                new AgentServerLocation.Available(new AgentEndpoint(
                        URI.create("https://abc123.prod-runtime.example"), Credential.sessionKey("sess-abc123"))),
                found);
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void aPausedSandboxIsReportedAsPausedSoTheUserCanResumeIt() throws Exception {
        sandboxAnswer("[" + sandboxJson(1) + "]");

        AgentServerLocation found = locator.locate(conversation(conversationJson(1)));

        assertEquals(new AgentServerLocation.SandboxPaused("9KqZt2Lm"), found);
        assertEquals(q("id", "9KqZt2Lm"), query(only(wm)));
    }

    @Test
    void aSandboxTheServerNoLongerKnowsIsUnavailable() throws Exception {
        sandboxAnswer("[null]");

        AgentServerLocation found = locator.locate(conversation(conversationJson(1)));

        assertEquals(new AgentServerLocation.SandboxUnavailable("9KqZt2Lm", "MISSING"), found);
    }

    @Test
    void anEmptyBatchAnswerIsUnavailableToo() throws Exception {
        sandboxAnswer("[]");

        AgentServerLocation found = locator.locate(conversation(conversationJson(1)));

        assertEquals(new AgentServerLocation.SandboxUnavailable("9KqZt2Lm", "MISSING"), found);
    }

    @Test
    void aStartingSandboxIsUnavailableWithItsStatus() throws Exception {
        sandboxAnswer(
                "[{\"id\":\"9KqZt2Lm\",\"status\":\"STARTING\",\"session_api_key\":\"sess-9kq\",\"exposed_urls\":null}]");

        AgentServerLocation found = locator.locate(conversation(conversationJson(1)));

        assertEquals(new AgentServerLocation.SandboxUnavailable("9KqZt2Lm", "STARTING"), found);
    }

    @Test
    void aRunningSandboxWithoutAnAgentServerUrlIsUnavailable() throws Exception {
        sandboxAnswer("[{\"id\":\"9KqZt2Lm\",\"status\":\"RUNNING\",\"session_api_key\":\"sess-9kq\","
                + "\"exposed_urls\":[{\"name\":\"VSCODE\",\"url\":\"https://vscode.example\",\"port\":1}]}]");

        AgentServerLocation found = locator.locate(conversation(conversationJson(1)));

        assertEquals(new AgentServerLocation.SandboxUnavailable("9KqZt2Lm", "RUNNING"), found);
    }

    @Test
    void aConversationWithoutASandboxIsUnavailableWithoutAskingTheServer() throws Exception {
        ObjectNode json = conversationJson(1);
        json.remove("sandbox_id");
        json.put("sandbox_status", "MISSING");

        AgentServerLocation found = locator.locate(conversation(json));

        assertEquals(new AgentServerLocation.SandboxUnavailable(null, "MISSING"), found);
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void anAppServerErrorWhileLookingIsReportedAsSuch() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"Invalid API key\"}")));
        AppConversation paused = conversation(conversationJson(1));

        ApiException e = assertThrows(ApiException.class, () -> locator.locate(paused));

        assertTrue(e.isStatus(401));
    }
}

package dev.ohtop.monitor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.Json;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pairing of actions with their answers, on fixtures shaped like the real agent server's events
 * (docs/real-agent-server-findings.md): a duplicate observation, a failed tool call answered by an
 * AgentErrorEvent (same tool_call_id, no action_id), and an action whose answer comes a poll later.
 */
class EventTailPairingTest {
    private static final String CONVERSATION = "0f66673b8b5b4a2b8603d4462b29a529";
    private static final String SEARCH = "/api/v1/conversation/" + CONVERSATION + "/events/search";
    private static final String COUNT = "/api/v1/conversation/" + CONVERSATION + "/events/count";
    private static final String LAST_OF_PAGE_1 = "2026-11-28T12:11:41";

    private final WireMockServer server =
            new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private final ManualClock clock = ManualClock.atDemoStart();
    private EventTail tail;

    @BeforeEach
    void start() throws IOException {
        server.start();
        server.stubFor(get(urlPathEqualTo(SEARCH))
                .inScenario("tail")
                .whenScenarioStateIs(Scenario.STARTED)
                .withQueryParam("timestamp__gte", absent())
                .withQueryParam("sort_order", equalTo("TIMESTAMP_DESC"))
                .willReturn(json(newestFirst(fixture("pairing-page-1.json"))))
                .willSetStateTo("answered"));
        server.stubFor(get(urlPathEqualTo(SEARCH))
                .inScenario("tail")
                .whenScenarioStateIs("answered")
                .withQueryParam("timestamp__gte", equalTo(LAST_OF_PAGE_1))
                .willReturn(json(fixture("pairing-page-2.json"))));
        server.stubFor(get(urlPathEqualTo(COUNT)).willReturn(json("12")));
        ClientOptions options = ClientOptions.defaults().withRetry(RetryPolicy.none());
        CloudClient cloud = new CloudClient(
                HttpCore.newHttpClient(options), URI.create(server.baseUrl()), Credential.bearer("test-key"), options);
        tail = new EventTail(CONVERSATION, EventFeed.cloud(cloud, CONVERSATION), clock);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** A page of the fixture's events, oldest first there, as a newest-first search returns them. */
    private static String newestFirst(String page) throws IOException {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(page);
        List<JsonNode> items = new ArrayList<>();
        node.withArray("items").forEach(items::add);
        Collections.reverse(items);
        ArrayNode reversed = node.putArray("items");
        items.forEach(reversed::add);
        return node.toString();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = EventTailPairingTest.class.getResourceAsStream("/monitor/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSecondObservationOfOneActionIsCountedAsADuplicate() throws Exception {
        tail.poll();

        TailSnapshot s = tail.snapshot();
        assertEquals(11, s.size());
        assertEquals(1, s.duplicateObservations());
        assertEquals(
                Optional.of("0b2a0000-0000-4000-8000-000000000000"),
                tail.pairOf("a2000000-0000-4000-8000-000000000000"),
                "the action pairs with its first answer");
        assertEquals(
                Optional.of("a2000000-0000-4000-8000-000000000000"),
                tail.pairOf("0b2b0000-0000-4000-8000-000000000000"),
                "the duplicate still points at its action");
    }

    @Test
    void aFailedToolCallAnsweredByAnAgentErrorIsNotUnmatched() throws Exception {
        tail.poll();

        TailSnapshot s = tail.snapshot();
        int action = s.indexOf("a3000000-0000-4000-8000-000000000000");
        int error = s.indexOf("e3000000-0000-4000-8000-000000000000");
        assertEquals(error, s.pairIndexOf(action), "paired by tool_call_id, there being no action_id");
        assertEquals(action, s.pairIndexOf(error));
        assertTrue(s.get(error).error());
        assertEquals("AgentErrorEvent", s.get(error).kind());
        assertEquals(1, s.unmatchedActions(), "only the action still running (pytest) has no answer");
        assertEquals(
                -1,
                s.pairIndexOf(s.indexOf("ce000000-0000-4000-8000-000000000000")),
                "a conversation error answers no action");
    }

    @Test
    void anUnmatchedActionIsCountedUntilItsObservationArrives() throws Exception {
        tail.poll();
        TailSnapshot before = tail.snapshot();
        int pytest = before.indexOf("a4000000-0000-4000-8000-000000000000");
        assertEquals(1, before.unmatchedActions());
        assertEquals(-1, before.pairIndexOf(pytest));

        tail.poll();

        TailSnapshot after = tail.snapshot();
        assertEquals(0, after.unmatchedActions());
        assertEquals(12, after.size(), "the event at the cursor's timestamp came again and was not stored twice");
        assertEquals(after.indexOf("0b400000-0000-4000-8000-000000000000"), after.pairIndexOf(pytest));
        assertEquals(1, before.unmatchedActions(), "the earlier snapshot is unchanged");
        server.verify(
                1, getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("timestamp__gte", equalTo(LAST_OF_PAGE_1)));
    }

    @Test
    void summariesAreOneLineAndTheHeaderCountComesFromTheServer() throws Exception {
        tail.poll();

        TailSnapshot s = tail.snapshot();
        assertEquals("user: Look at the project and write notes.", s.get(1).summary());
        assertEquals(12, s.serverCount());
        assertEquals(
                "LLMServiceUnavailableError: litellm.InternalServerError: scripted upstream failure",
                s.get(10).summary());
    }
}

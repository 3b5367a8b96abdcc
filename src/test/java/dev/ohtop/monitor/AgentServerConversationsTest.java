package dev.ohtop.monitor;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RetryPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The board and the agent-server calls when attached to one agent server (WireMock as the server). */
class AgentServerConversationsTest {
    private static final String KEY = "sess-attached-5c1e3a5b";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ClientOptions options = ClientOptions.defaults().withRetry(RetryPolicy.none());
    private final AgentEndpoint endpoint = new AgentEndpoint(URI.create(wm.baseUrl()), Credential.sessionKey(KEY));
    private final AgentServerClient agent = new AgentServerClient(HttpCore.newHttpClient(options), endpoint, options);
    private final AgentServerConversations source = new AgentServerConversations(agent, endpoint.baseUrl());

    private static String record(String id, String title, String status, String created) {
        return """
                {"id":"%s","title":"%s","execution_status":"%s","created_at":"%s","updated_at":"%s",
                 "metrics":{"model_name":"m","accumulated_cost":1.5},"agent":{"llm":{"model":"litellm/x"}}}""".formatted(id, title, status, created, created);
    }

    @Test
    void theBoardShowsTheAgentServersConversationsWithTheirStatusCostAndNoSandbox() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/conversations/search"))
                .willReturn(okJson("{\"items\":[" + record("c1", "Fix it", "running", "2026-12-01T10:00:00+00:00")
                        + "," + record("c2", "Old one", "paused", "2026-11-30T10:00:00Z")
                        + "],\"next_page_id\":null}")));
        wm.stubFor(get(urlPathEqualTo("/api/conversations/count")).willReturn(okJson("2")));
        ConversationBoard board = new ConversationBoard(source, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        board.refresh();

        BoardSnapshot snap = board.snapshot();
        assertEquals(2, snap.total());
        ConversationRow row = snap.row("c1");
        assertEquals("Fix it", row.title());
        assertEquals("running", row.executionStatus());
        assertEquals(1.5, row.cost());
        assertEquals("litellm/x", row.model());
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), row.createdAt());
        assertEquals(ConversationRow.NO_SANDBOX, row.sandboxStatus());
        assertEquals(1, snap.running());
        wm.verify(getRequestedFor(urlPathEqualTo("/api/conversations/search"))
                .withHeader("X-Session-API-Key", equalTo(KEY)));
        assertEquals(
                0,
                wm.findAll(getRequestedFor(urlPathEqualTo("/api/v1/sandboxes/search")))
                        .size());
    }

    @Test
    void olderConversationsAreFoundByReadingTheServersPagesInOrder() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/conversations/search"))
                .withQueryParam("page_id", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("{\"items\":[" + record("c1", "a", "idle", "2026-12-03T00:00:00Z") + ","
                        + record("c2", "b", "idle", "2026-12-02T00:00:00Z") + "],\"next_page_id\":\"p2\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/conversations/search"))
                .withQueryParam("page_id", equalTo("p2"))
                .willReturn(okJson("{\"items\":[" + record("c3", "c", "idle", "2026-12-01T00:00:00Z")
                        + "],\"next_page_id\":null}")));

        var older = source.createdBefore(Instant.parse("2026-12-02T12:00:00Z"), 1);
        var rest = source.createdBefore(Instant.parse("2026-12-01T12:00:00Z"), 5);

        assertEquals(List.of("c2"), older.items().stream().map(c -> c.id()).toList());
        assertTrue(older.hasNext(), "c3 is older still");
        assertEquals(List.of("c3"), rest.items().stream().map(c -> c.id()).toList());
        assertFalse(rest.hasNext());
    }

    @Test
    void attachedARefusedSessionKeyIsSaidAtOnceWithoutAskingTwice() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/conversations/c1/pause"))
                .willReturn(status(401).withBody("{\"detail\":\"Unauthorized\"}")));
        SandboxAccess access =
                new SandboxAccess(AgentServers.attached(endpoint), "c1", HttpCore.newHttpClient(options), options);

        String said = AgentRun.PAUSE.apply(access, "c1");

        assertTrue(said.startsWith("could not pause the agent of c1: "), said);
        assertTrue(said.contains("401"), said);
        assertFalse(said.contains("afresh"), said);
        assertFalse(said.contains(KEY), said);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/conversations/c1/pause")));
    }
}

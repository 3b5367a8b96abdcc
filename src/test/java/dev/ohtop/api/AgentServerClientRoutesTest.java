package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ohtop.api.Requests.jsonBody;
import static dev.ohtop.api.Requests.only;
import static dev.ohtop.api.Requests.q;
import static dev.ohtop.api.Requests.query;
import static dev.ohtop.api.Requests.withAgentAuth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.MessageEvent;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every agent-server route except bash gathering and file transfer (which have their own
 * tests): method, path, query, the session key (never the Bearer key), JSON body.
 */
class AgentServerClientRoutesTest {
    private static final String CONVERSATION = "bb6a1b39c0d44d4db931e53d59897c77";

    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    private final AgentServerClient agent = Wire.agent(wm);

    @Test
    void aliveIsTrueOnlyWhenTheServerSaysOk() throws Exception {
        wm.stubFor(get("/alive").willReturn(okJson("{\"status\":\"ok\"}")));

        assertTrue(agent.alive());

        wm.verify(withAgentAuth(getRequestedFor(urlPathEqualTo("/alive"))));
        wm.resetAll();
        wm.stubFor(get("/alive").willReturn(okJson("{\"status\":\"starting\"}")));
        assertFalse(agent.alive());
    }

    @Test
    void healthReportsTheServersStatusWord() throws Exception {
        wm.stubFor(get("/health").willReturn(okJson("{\"status\":\"ok\"}")));

        assertEquals("ok", agent.health());

        wm.verify(withAgentAuth(getRequestedFor(urlPathEqualTo("/health"))));
    }

    @Test
    void serverInfoReadsVersionUptimeAndIdleTime() throws Exception {
        wm.stubFor(get("/server_info")
                .willReturn(okJson("{\"version\":\"1.14.0\",\"uptime\":3600.5,\"idle_time\":12.25,\"sdk\":\"x\"}")));

        ServerInfo info = agent.serverInfo();

        assertEquals(new ServerInfo("1.14.0", 3600.5, 12.25), info);
        wm.verify(withAgentAuth(getRequestedFor(urlPathEqualTo("/server_info"))));
    }

    @Test
    void executingACommandPostsCommandCwdAndTimeoutAndReadsTheFinalOutput() throws Exception {
        wm.stubFor(post("/api/bash/execute_bash_command").willReturn(okJson(Wire.fixture("bash-output.json"))));

        BashOutput out = agent.executeBash(new BashRequest("ls", "/workspace/project", 60));

        wm.verify(withAgentAuth(postRequestedFor(urlPathEqualTo("/api/bash/execute_bash_command")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"command\":\"ls\",\"cwd\":\"/workspace/project\",\"timeout\":60}")));
        assertEquals(q(), query(only(wm)));
        assertEquals("0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a", out.commandId());
        assertEquals(0, out.exitCode());
        assertTrue(out.isFinal());
        assertEquals("README.md\nsrc\ntests\n", out.stdout());
        assertNull(out.stderr());
    }

    @Test
    void executingACommandLeavesOutCwdAndTimeoutWhenNotGiven() throws Exception {
        wm.stubFor(post("/api/bash/execute_bash_command").willReturn(okJson(Wire.fixture("bash-output.json"))));

        agent.executeBash(new BashRequest("pwd", null, null));

        assertEquals(Json.MAPPER.readTree("{\"command\":\"pwd\"}"), jsonBody(only(wm)));
    }

    @Test
    void aLongCommandOutlivesTheOrdinaryRequestTimeout() throws Exception {
        wm.stubFor(post("/api/bash/execute_bash_command")
                .willReturn(okJson(Wire.fixture("bash-output.json")).withFixedDelay(700)));
        ClientOptions impatient = Wire.options(new RecordingSleeper()).withRequestTimeout(Duration.ofMillis(200));

        BashOutput out = Wire.agent(wm, impatient).executeBash(new BashRequest("sleep 0.7", null, 5));

        assertEquals(0, out.exitCode());
    }

    @Test
    void startingACommandPostsTheSameBodyAndReturnsItsRecord() throws Exception {
        wm.stubFor(post("/api/bash/start_bash_command").willReturn(okJson("""
                {"id":"c0ffee00c0ffee00c0ffee00c0ffee00","timestamp":"2026-11-27T16:31:00.000001","command":"make test",
                 "cwd":"/workspace","timeout":120,"kind":"BashCommand"}""")));

        BashCommand started = agent.startBash(new BashRequest("make test", "/workspace", 120));

        wm.verify(withAgentAuth(postRequestedFor(urlPathEqualTo("/api/bash/start_bash_command")))
                .withRequestBody(equalToJson("{\"command\":\"make test\",\"cwd\":\"/workspace\",\"timeout\":120}")));
        assertEquals(
                new BashCommand(
                        "c0ffee00c0ffee00c0ffee00c0ffee00",
                        "2026-11-27T16:31:00.000001",
                        "make test",
                        "/workspace",
                        120,
                        "BashCommand"),
                started);
    }

    @Test
    void outputSearchAsksForOneCommandsBashOutputsOldestFirst() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/bash/bash_events/search"))
                .willReturn(okJson("{\"items\":[" + Wire.fixture("bash-output.json") + "],\"next_page_id\":\"n2\"}")));

        Page<BashOutput> page = agent.searchBashOutputs("0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a", 2, "n1", 100);

        wm.verify(withAgentAuth(getRequestedFor(urlPathEqualTo("/api/bash/bash_events/search"))));
        assertEquals(
                q(
                        "command_id__eq",
                        "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
                        "kind__eq",
                        "BashOutput",
                        "order__gt",
                        "2",
                        "sort_order",
                        "TIMESTAMP",
                        "page_id",
                        "n1",
                        "limit",
                        "100"),
                query(only(wm)));
        assertEquals(1, page.items().size());
        assertEquals("n2", page.nextPageId());
    }

    @Test
    void pauseRunAndInterruptPostToTheConversationsControlRoutes() throws Exception {
        for (String action : new String[] {"pause", "run", "interrupt"}) {
            wm.stubFor(
                    post("/api/conversations/" + CONVERSATION + "/" + action).willReturn(okJson("{\"success\":true}")));
        }

        agent.pause(CONVERSATION);
        agent.run(CONVERSATION);
        agent.interrupt(CONVERSATION);

        for (String action : new String[] {"pause", "run", "interrupt"}) {
            wm.verify(
                    1,
                    withAgentAuth(
                            postRequestedFor(urlPathEqualTo("/api/conversations/" + CONVERSATION + "/" + action))));
        }
        Requests.all(wm).forEach(r -> assertEquals("", r.getBodyAsString()));
    }

    @Test
    void runningAnAlreadyRunningConversationIsA409() {
        wm.stubFor(post("/api/conversations/" + CONVERSATION + "/run")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\":\"Conversation already running\"}")));

        ApiException e = assertThrows(ApiException.class, () -> agent.run(CONVERSATION));

        assertTrue(e.isStatus(409));
        assertEquals("Conversation already running", e.detail());
    }

    @Test
    void sendingAMessagePostsAUserTextEventThatRunsTheAgent() throws Exception {
        wm.stubFor(post("/api/conversations/" + CONVERSATION + "/events").willReturn(okJson("{\"success\":true}")));

        agent.sendMessage(CONVERSATION, MessageRequest.userText("Stop and summarise"));

        wm.verify(withAgentAuth(postRequestedFor(urlPathEqualTo("/api/conversations/" + CONVERSATION + "/events")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"role":"user","content":[{"type":"text","text":"Stop and summarise"}],"run":true}""")));
    }

    @Test
    void approvingAndRejectingPostTheAnswerAsTheServerTakesIt() throws Exception {
        String route = "/api/conversations/" + CONVERSATION + "/events/respond_to_confirmation";
        wm.stubFor(post(route).willReturn(okJson("{\"success\":true}")));

        agent.respondToConfirmation(CONVERSATION, true, "ignored when approving");
        agent.respondToConfirmation(CONVERSATION, false, "not on main");
        agent.respondToConfirmation(CONVERSATION, false, " ");

        List<String> bodies = Requests.all(wm).stream()
                .map(com.github.tomakehurst.wiremock.verification.LoggedRequest::getBodyAsString)
                .toList();
        assertEquals(
                List.of("{\"accept\":true}", "{\"accept\":false,\"reason\":\"not on main\"}", "{\"accept\":false}"),
                bodies);
        wm.verify(
                3,
                withAgentAuth(postRequestedFor(urlPathEqualTo(route)))
                        .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void eventSearchSendsTheFullyQualifiedKindAndEveryFilter() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/conversations/" + CONVERSATION + "/events/search"))
                .willReturn(okJson(Wire.fixture("event-page.json"))));
        EventQuery filter = EventQuery.all()
                .withKind("MessageEvent")
                .withSource("user")
                .withBody("flaky tests")
                .since("2026-11-27T10:15:31.456789")
                .before("2026-11-27T11:00:00")
                .sorted(EventQuery.SortOrder.TIMESTAMP);

        Page<Event> page = agent.searchEvents(CONVERSATION, filter, "8f2e6a1c-77d0-4b8e-a1f3-0c3e9d2b5a41", 25);

        wm.verify(withAgentAuth(
                getRequestedFor(urlPathEqualTo("/api/conversations/" + CONVERSATION + "/events/search"))));
        assertEquals(
                q(
                        "kind",
                        "openhands.sdk.event.llm_convertible.message.MessageEvent",
                        "source",
                        "user",
                        "body",
                        "flaky tests",
                        "timestamp__gte",
                        "2026-11-27T10:15:31.456789",
                        "timestamp__lt",
                        "2026-11-27T11:00:00",
                        "sort_order",
                        "TIMESTAMP",
                        "page_id",
                        "8f2e6a1c-77d0-4b8e-a1f3-0c3e9d2b5a41",
                        "limit",
                        "25"),
                query(only(wm)));
        assertEquals(9, page.items().size());
        assertInstanceOf(MessageEvent.class, page.items().get(1));
        assertEquals("d2f0c1aa-6666-4f70-8b8c-9d0e1f2a3b4c", page.nextPageId());
    }

    @Test
    void eventSearchWithoutFiltersSendsAnEmptyQuery() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/conversations/" + CONVERSATION + "/events/search"))
                .willReturn(okJson("{\"items\":[]}")));

        Page<Event> page = agent.searchEvents(CONVERSATION, EventQuery.all(), null, null);

        assertEquals(q(), query(only(wm)));
        assertFalse(page.hasNext());
    }

    @Test
    void conversationSearchListsWhatTheAgentServerHolds() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/conversations/search")).willReturn(okJson("""
                {"items":[{"id":"bb6a1b39-c0d4-4d4d-b931-e53d59897c77","execution_status":"running","title":"Fix",
                  "created_at":"2026-11-27T10:15:30Z","updated_at":"2026-11-27T10:18:02Z",
                  "metrics":{"model_name":"m","accumulated_cost":0.25},"agent":{"llm":{"model":"litellm/x"}}}],
                 "next_page_id":null}""")));

        Page<AgentConversationInfo> page = agent.searchConversations("p0", 5);

        wm.verify(withAgentAuth(getRequestedFor(urlPathEqualTo("/api/conversations/search"))));
        assertEquals(q("page_id", "p0", "limit", "5", "sort_order", "CREATED_AT_DESC"), query(only(wm)));
        assertEquals(
                new AgentConversationInfo(
                        "bb6a1b39-c0d4-4d4d-b931-e53d59897c77",
                        "running",
                        "Fix",
                        "2026-11-27T10:15:30Z",
                        "2026-11-27T10:18:02Z",
                        null,
                        new Metrics("m", 0.25, null, null),
                        new AgentConversationInfo.Agent(new AgentConversationInfo.Llm("litellm/x"))),
                page.items().get(0));
        assertEquals("litellm/x", page.items().get(0).model());
    }

    @Test
    void aBatchOfConversationsComesInTheOrderAskedWithNullForAnUnknownOne() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/conversations")).willReturn(okJson("""
                [{"id":"bb6a1b39-c0d4-4d4d-b931-e53d59897c77","execution_status":"paused","title":"Fix"},null]""")));

        List<AgentConversationInfo> got = agent.getConversations(List.of("a", "b"));

        wm.verify(withAgentAuth(getRequestedFor(urlPathEqualTo("/api/conversations"))));
        assertEquals(q("ids", "a", "ids", "b"), query(only(wm)));
        assertEquals("paused", got.get(0).executionStatus());
        assertNull(got.get(1));
    }

    @Test
    void theServerSaysHowManyConversationsItHolds() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/conversations/count")).willReturn(okJson("7")));

        assertEquals(7, agent.countConversations());

        wm.verify(withAgentAuth(getRequestedFor(urlPathEqualTo("/api/conversations/count"))));
    }

    @Test
    void eventCountSendsTheFilterAsTheAgentServerNamesIt() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/conversations/" + CONVERSATION + "/events/count"))
                .willReturn(okJson("42")));

        int n = agent.countEvents(CONVERSATION, EventQuery.all().since("2026-11-27T10:15:30.000001"));

        assertEquals(42, n);
        wm.verify(
                withAgentAuth(getRequestedFor(urlPathEqualTo("/api/conversations/" + CONVERSATION + "/events/count"))));
        assertEquals(q("timestamp__gte", "2026-11-27T10:15:30.000001"), query(only(wm)));
    }

    @Test
    void theConversationRecordSaysWhereTheAgentWorks() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/conversations/" + CONVERSATION)).willReturn(okJson("""
                {"id":"bb6a1b39-c0d4-4d4d-b931-e53d59897c77","execution_status":"idle",
                 "workspace":{"kind":"LocalWorkspace","working_dir":"."},"agent":{}}""")));

        AgentConversationInfo info = agent.conversation(CONVERSATION);

        wm.verify(withAgentAuth(getRequestedFor(urlPathEqualTo("/api/conversations/" + CONVERSATION))));
        assertEquals(".", info.workingDir());
    }

    @Test
    void anAgentServerRefusesTheBearerKey() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new AgentEndpoint(URI.create(wm.baseUrl()), Credential.bearer(Wire.API_KEY)));
    }
}

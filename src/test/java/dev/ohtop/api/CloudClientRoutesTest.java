package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ohtop.api.Requests.jsonBody;
import static dev.ohtop.api.Requests.only;
import static dev.ohtop.api.Requests.q;
import static dev.ohtop.api.Requests.query;
import static dev.ohtop.api.Requests.withAppServerAuth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ohtop.api.events.ActionEvent;
import dev.ohtop.api.events.Event;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every app-server route: method, path under /api/v1, query, Bearer key (never a session key), JSON body. */
class CloudClientRoutesTest {
    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    private final CloudClient cloud = Wire.cloud(wm);

    @Test
    void checkingTheKeyAsksWhoAmIWithTheBearerKeyOnly() throws Exception {
        wm.stubFor(get("/api/v1/users/me")
                .willReturn(okJson("{\"id\":\"u-1\",\"email\":\"dev@example.com\",\"extra\":1}")));

        User me = cloud.me();

        assertEquals(new User("u-1", "dev@example.com"), me);
        wm.verify(withAppServerAuth(getRequestedFor(urlPathEqualTo("/api/v1/users/me"))));
        assertEquals(q(), query(only(wm)));
    }

    @Test
    void conversationSearchSendsEveryFilterAndTheCursorAndReadsThePage() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/search"))
                .willReturn(okJson(Wire.fixture("conversation-page.json"))));
        ConversationQuery filter = new ConversationQuery(
                "flaky test",
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-11-27T10:00:00Z"),
                Instant.parse("2026-11-28T00:00:00Z"),
                "22Cnn1FqUu17shZhJ7b5Ka",
                true);

        Page<AppConversation> page = cloud.searchConversations(filter, "Mg", 50);

        LoggedRequest sent = only(wm);
        wm.verify(withAppServerAuth(getRequestedFor(urlPathEqualTo("/api/v1/app-conversations/search"))));
        assertEquals(
                q(
                        "title__contains",
                        "flaky test",
                        "created_at__gte",
                        "2026-11-01T00:00:00Z",
                        "created_at__lt",
                        "2026-12-01T00:00:00Z",
                        "updated_at__gte",
                        "2026-11-27T10:00:00Z",
                        "updated_at__lt",
                        "2026-11-28T00:00:00Z",
                        "sandbox_id__eq",
                        "22Cnn1FqUu17shZhJ7b5Ka",
                        "include_sub_conversations",
                        "true",
                        "page_id",
                        "Mg",
                        "limit",
                        "50"),
                query(sent));
        assertTrue(sent.getUrl().contains("title__contains=flaky%20test"), sent.getUrl());
        assertEquals("Mg", page.nextPageId());
        assertEquals(2, page.items().size());
        AppConversation first = page.items().get(0);
        assertEquals("bb6a1b39c0d44d4db931e53d59897c77", first.id());
        assertEquals("Fix flaky test in tests/test_api.py", first.title());
        assertEquals("RUNNING", first.sandboxStatus());
        assertEquals("running", first.executionStatus());
        assertEquals(0.4213, first.cost());
        assertEquals(102340L, first.metrics().accumulatedTokenUsage().promptTokens());
        assertEquals(Instant.parse("2026-11-27T10:18:02.004Z"), first.updatedAt());
        assertEquals("sess-abc123", first.sessionApiKey());
        AppConversation second = page.items().get(1);
        assertEquals("PAUSED", second.sandboxStatus());
        assertNull(second.executionStatus());
        assertNull(second.conversationUrl());
        assertNull(second.cost());
    }

    @Test
    void conversationSearchWithoutFiltersSendsAnEmptyQuery() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/search"))
                .willReturn(okJson("{\"items\":[],\"next_page_id\":null}")));

        Page<AppConversation> page = cloud.searchConversations(ConversationQuery.all(), null, null);

        assertEquals(q(), query(only(wm)));
        assertTrue(page.items().isEmpty());
        assertFalse(page.hasNext());
    }

    @Test
    void conversationCountSendsTheSameFiltersAndReadsABareInteger() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/count")).willReturn(okJson("42")));

        int count =
                cloud.countConversations(ConversationQuery.inSandbox("9KqZt2Lm").withTitleContains("api"));

        assertEquals(42, count);
        wm.verify(withAppServerAuth(getRequestedFor(urlPathEqualTo("/api/v1/app-conversations/count"))));
        assertEquals(q("title__contains", "api", "sandbox_id__eq", "9KqZt2Lm"), query(only(wm)));
    }

    @Test
    void batchGetOfConversationsRepeatsIdsInTheOrderAsked() throws Exception {
        String page = Wire.fixture("conversation-page.json");
        JsonNode items = Json.MAPPER.readTree(page).get("items");
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations"))
                .willReturn(okJson("[" + items.get(1) + ",null," + items.get(0) + "]")));

        List<AppConversation> got = cloud.getConversations(List.of(
                "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
                "ffffffffffffffffffffffffffffffff",
                "bb6a1b39c0d44d4db931e53d59897c77"));

        wm.verify(withAppServerAuth(getRequestedFor(urlPathEqualTo("/api/v1/app-conversations"))));
        assertEquals(
                q(
                        "ids",
                        "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
                        "ids",
                        "ffffffffffffffffffffffffffffffff",
                        "ids",
                        "bb6a1b39c0d44d4db931e53d59897c77"),
                query(only(wm)));
        assertEquals(3, got.size());
        assertEquals("0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a", got.get(0).id());
        assertNull(got.get(1));
        assertEquals("bb6a1b39c0d44d4db931e53d59897c77", got.get(2).id());
    }

    @Test
    void startingAConversationPostsOnlyTheFieldsGivenAndReturnsTheStartTask() throws Exception {
        JsonNode task = Json.MAPPER.readTree(Wire.fixture("start-task.json")).get(0);
        wm.stubFor(post("/api/v1/app-conversations").willReturn(okJson(task.toString())));

        StartTask started = cloud.startConversation(
                StartConversationRequest.of("Investigate flaky tests", "acme/api", " main ", "  "));

        wm.verify(withAppServerAuth(postRequestedFor(urlPathEqualTo("/api/v1/app-conversations")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"initial_message":{"role":"user","content":[{"type":"text","text":"Investigate flaky tests"}],
                         "run":true},
                         "selected_repository":"acme/api","selected_branch":"main"}""")));
        assertEquals(q(), query(only(wm)));
        assertEquals("5d0c3f0e9a2b4c5e8f1a2b3c4d5e6f70", started.id());
        assertEquals("WORKING", started.status());
        assertFalse(started.isFinished());
        assertNull(started.appConversationId());
    }

    @Test
    void startingAConversationCanReuseASandboxAndPickAnAgentType() throws Exception {
        wm.stubFor(post("/api/v1/app-conversations").willReturn(okJson("{\"id\":\"t1\",\"status\":\"WORKING\"}")));

        cloud.startConversation(new StartConversationRequest(
                null,
                null,
                null,
                "Triage",
                "gpt-x",
                "github",
                "22Cnn1FqUu17shZhJ7b5Ka",
                "bb6a1b39c0d44d4db931e53d59897c77",
                "plan"));

        assertEquals(Json.MAPPER.readTree("""
                {"title":"Triage","llm_model":"gpt-x","git_provider":"github","sandbox_id":"22Cnn1FqUu17shZhJ7b5Ka",
                 "parent_conversation_id":"bb6a1b39c0d44d4db931e53d59897c77","agent_type":"plan"}"""), jsonBody(only(wm)));
    }

    @Test
    void startTasksAreFetchedInABatchWithRepeatedIds() throws Exception {
        JsonNode tasks = Json.MAPPER.readTree(Wire.fixture("start-task.json"));
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/start-tasks"))
                .willReturn(okJson("[" + tasks.get(1) + "," + tasks.get(2) + "]")));

        List<StartTask> got =
                cloud.getStartTasks(List.of("5d0c3f0e9a2b4c5e8f1a2b3c4d5e6f70", "77aa3f0e9a2b4c5e8f1a2b3c4d5e6f70"));

        wm.verify(withAppServerAuth(getRequestedFor(urlPathEqualTo("/api/v1/app-conversations/start-tasks"))));
        assertEquals(
                q("ids", "5d0c3f0e9a2b4c5e8f1a2b3c4d5e6f70", "ids", "77aa3f0e9a2b4c5e8f1a2b3c4d5e6f70"),
                query(only(wm)));
        assertEquals(StartTask.READY, got.get(0).status());
        assertTrue(got.get(0).isFinished());
        assertEquals("bb6a1b39c0d44d4db931e53d59897c77", got.get(0).appConversationId());
        assertEquals("https://abc123.prod-runtime.example", got.get(0).agentServerUrl());
        assertEquals(StartTask.ERROR, got.get(1).status());
        assertEquals("Sandbox failed to start: image pull timeout", got.get(1).detail());
    }

    @Test
    void startTaskSearchSendsItsFiltersAndCursor() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/start-tasks/search"))
                .willReturn(okJson("{\"items\":[{\"id\":\"t1\",\"status\":\"READY\"}],\"next_page_id\":null}")));

        Page<StartTask> page = cloud.searchStartTasks(
                new StartTaskQuery(
                        "bb6a1b39c0d44d4db931e53d59897c77", Instant.parse("2026-11-27T10:00:00Z"), "CREATED_AT_DESC"),
                "MTA",
                10);

        wm.verify(withAppServerAuth(getRequestedFor(urlPathEqualTo("/api/v1/app-conversations/start-tasks/search"))));
        assertEquals(
                q(
                        "conversation_id__eq",
                        "bb6a1b39c0d44d4db931e53d59897c77",
                        "created_at__gte",
                        "2026-11-27T10:00:00Z",
                        "sort_order",
                        "CREATED_AT_DESC",
                        "page_id",
                        "MTA",
                        "limit",
                        "10"),
                query(only(wm)));
        assertEquals("t1", page.items().get(0).id());
        assertNull(page.nextPageId());
    }

    @Test
    void renamingAConversationPatchesOnlyTheTitle() throws Exception {
        wm.stubFor(patch("/api/v1/app-conversations/bb6a1b39c0d44d4db931e53d59897c77")
                .willReturn(okJson("{\"id\":\"bb6a1b39c0d44d4db931e53d59897c77\",\"title\":\"Flaky tests\"}")));

        AppConversation updated =
                cloud.updateConversation("bb6a1b39c0d44d4db931e53d59897c77", ConversationPatch.title("Flaky tests"));

        wm.verify(withAppServerAuth(
                        patchRequestedFor(urlPathEqualTo("/api/v1/app-conversations/bb6a1b39c0d44d4db931e53d59897c77")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"title\":\"Flaky tests\"}")));
        assertEquals("Flaky tests", updated.title());
    }

    @Test
    void makingAConversationPublicSendsThePublicFlagUnderItsWireName() throws Exception {
        wm.stubFor(patch("/api/v1/app-conversations/c1").willReturn(okJson("{\"id\":\"c1\",\"public\":true}")));

        AppConversation updated = cloud.updateConversation("c1", new ConversationPatch(null, true));

        assertEquals(Json.MAPPER.readTree("{\"public\":true}"), jsonBody(only(wm)));
        assertEquals(Boolean.TRUE, updated.isPublic());
    }

    @Test
    void aPatchAnsweredWithoutABodyStillSucceeds() throws Exception {
        wm.stubFor(patch("/api/v1/app-conversations/c1").willReturn(aResponse().withStatus(204)));

        assertNull(cloud.updateConversation("c1", ConversationPatch.title("x")));
    }

    @Test
    void deletingAConversationReportsTheServersSuccess() throws Exception {
        wm.stubFor(delete("/api/v1/app-conversations/bb6a1b39c0d44d4db931e53d59897c77")
                .willReturn(okJson("{\"success\":true}")));
        wm.stubFor(delete("/api/v1/app-conversations/c2").willReturn(okJson("{\"success\":false}")));

        boolean deleted = cloud.deleteConversation("bb6a1b39c0d44d4db931e53d59897c77");
        boolean refused = cloud.deleteConversation("c2");

        assertTrue(deleted);
        assertFalse(refused);
        wm.verify(
                1,
                withAppServerAuth(deleteRequestedFor(
                        urlPathEqualTo("/api/v1/app-conversations/bb6a1b39c0d44d4db931e53d59897c77"))));
    }

    @Test
    void sendingAMessagePostsAUserTextThatRunsTheAgent() throws Exception {
        wm.stubFor(post("/api/v1/app-conversations/bb6a1b39c0d44d4db931e53d59897c77/send-message")
                .willReturn(okJson("{\"success\":true,\"sandbox_status\":\"RUNNING\",\"message\":null}")));

        SendMessageResult result = cloud.sendMessage(
                "bb6a1b39c0d44d4db931e53d59897c77", MessageRequest.userText("Please also fix test_retry"));

        wm.verify(withAppServerAuth(postRequestedFor(
                        urlPathEqualTo("/api/v1/app-conversations/bb6a1b39c0d44d4db931e53d59897c77/send-message")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"role":"user","content":[{"type":"text","text":"Please also fix test_retry"}],"run":true}""")));
        assertEquals(new SendMessageResult(true, "RUNNING", null), result);
    }

    @Test
    void aMessageToAPausedSandboxIsA409TheCallerCanRecognise() {
        wm.stubFor(post("/api/v1/app-conversations/c1/send-message")
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\":\"Sandbox is paused\"}")));

        ApiException e = assertThrows(ApiException.class, () -> cloud.sendMessage("c1", MessageRequest.userText("hi")));

        assertTrue(e.isStatus(409));
        assertEquals("Sandbox is paused", e.detail());
    }

    @Test
    void trajectoryDownloadStreamsTheZipIntoTheTarget(@TempDir Path dir) throws Exception {
        byte[] zip = Wire.zip("meta.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        wm.stubFor(get("/api/v1/app-conversations/bb6a1b39c0d44d4db931e53d59897c77/download")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/zip")
                        .withBody(zip)));
        Path target = dir.resolve("trajectory.zip");

        cloud.downloadTrajectory("bb6a1b39c0d44d4db931e53d59897c77", target, TransferListener.NONE);

        wm.verify(withAppServerAuth(getRequestedFor(
                urlPathEqualTo("/api/v1/app-conversations/bb6a1b39c0d44d4db931e53d59897c77/download"))));
        assertEquals(q(), query(only(wm)));
        assertArrayEquals(zip, Files.readAllBytes(target));
    }

    @Test
    void eventSearchUsesTheSingularRouteAndTheShortKindName() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/conversation/bb6a1b39c0d44d4db931e53d59897c77/events/search"))
                .willReturn(okJson(Wire.fixture("event-page.json"))));
        EventQuery filter = EventQuery.all()
                .withKind("openhands.sdk.event.llm_convertible.action.ActionEvent")
                .since("2026-11-27T10:15:31.456789")
                .before("2026-11-27T11:00:00")
                .sorted(EventQuery.SortOrder.TIMESTAMP_DESC);

        Page<Event> page = cloud.searchEvents("bb6a1b39c0d44d4db931e53d59897c77", filter, "p1", 100);

        wm.verify(withAppServerAuth(getRequestedFor(
                urlPathEqualTo("/api/v1/conversation/bb6a1b39c0d44d4db931e53d59897c77/events/search"))));
        assertEquals(
                q(
                        "kind__eq",
                        "ActionEvent",
                        "timestamp__gte",
                        "2026-11-27T10:15:31.456789",
                        "timestamp__lt",
                        "2026-11-27T11:00:00",
                        "sort_order",
                        "TIMESTAMP_DESC",
                        "page_id",
                        "p1",
                        "limit",
                        "100"),
                query(only(wm)));
        assertEquals(9, page.items().size());
        assertInstanceOf(ActionEvent.class, page.items().get(3));
        assertEquals("d2f0c1aa-6666-4f70-8b8c-9d0e1f2a3b4c", page.nextPageId());
    }

    @Test
    void eventSearchLeavesOutTheFiltersOnlyAgentServersKnow() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/conversation/c1/events/search"))
                .willReturn(okJson("{\"items\":[],\"next_page_id\":null}")));

        cloud.searchEvents(
                "c1",
                EventQuery.all().withKind("MessageEvent").withSource("agent").withBody("retry"),
                null,
                null);

        assertEquals(q("kind__eq", "MessageEvent"), query(only(wm)));
    }

    @Test
    void eventCountSendsKindAndTimeWindowAndReadsABareInteger() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/conversation/c1/events/count")).willReturn(okJson("7")));

        int count = cloud.countEvents(
                "c1", EventQuery.all().withKind("ObservationEvent").since("2026-11-27T10:15:31.456789"));

        assertEquals(7, count);
        wm.verify(withAppServerAuth(getRequestedFor(urlPathEqualTo("/api/v1/conversation/c1/events/count"))));
        assertEquals(
                q("kind__eq", "ObservationEvent", "timestamp__gte", "2026-11-27T10:15:31.456789"), query(only(wm)));
    }

    @Test
    void sandboxSearchSendsTheCursorAndReadsExposedUrls() throws Exception {
        wm.stubFor(
                get(urlPathEqualTo("/api/v1/sandboxes/search")).willReturn(okJson(Wire.fixture("sandbox-page.json"))));

        Page<SandboxInfo> page = cloud.searchSandboxes("MQ", 20);

        wm.verify(withAppServerAuth(getRequestedFor(urlPathEqualTo("/api/v1/sandboxes/search"))));
        assertEquals(q("page_id", "MQ", "limit", "20"), query(only(wm)));
        assertNull(page.nextPageId());
        SandboxInfo running = page.items().get(0);
        assertEquals("RUNNING", running.status());
        assertEquals("https://abc123.prod-runtime.example", running.exposedUrl(ExposedUrl.AGENT_SERVER));
        assertEquals(4, running.exposedUrls().size());
        assertEquals(Instant.parse("2026-11-27T10:15:31Z"), running.createdAt());
        SandboxInfo paused = page.items().get(1);
        assertEquals("PAUSED", paused.status());
        assertNull(paused.exposedUrl(ExposedUrl.AGENT_SERVER));
    }

    @Test
    void batchGetOfSandboxesRepeatsTheSingularIdParameter() throws Exception {
        JsonNode items = Json.MAPPER.readTree(Wire.fixture("sandbox-page.json")).get("items");
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes")).willReturn(okJson("[" + items.get(1) + ",null]")));

        List<SandboxInfo> got = cloud.getSandboxes(List.of("9KqZt2Lm", "gone"));

        wm.verify(withAppServerAuth(getRequestedFor(urlPathEqualTo("/api/v1/sandboxes"))));
        assertEquals(q("id", "9KqZt2Lm", "id", "gone"), query(only(wm)));
        assertEquals("9KqZt2Lm", got.get(0).id());
        assertNull(got.get(1));
    }

    @Test
    void pausingASandboxPostsToItsPauseRouteWithoutABody() throws Exception {
        wm.stubFor(post("/api/v1/sandboxes/22Cnn1FqUu17shZhJ7b5Ka/pause").willReturn(okJson("{\"success\":true}")));

        assertTrue(cloud.pauseSandbox("22Cnn1FqUu17shZhJ7b5Ka"));

        wm.verify(
                withAppServerAuth(postRequestedFor(urlPathEqualTo("/api/v1/sandboxes/22Cnn1FqUu17shZhJ7b5Ka/pause"))));
        assertEquals("", only(wm).getBodyAsString());
    }

    @Test
    void resumingASandboxPostsToItsResumeRoute() throws Exception {
        wm.stubFor(post("/api/v1/sandboxes/9KqZt2Lm/resume").willReturn(okJson("{\"success\":true}")));

        assertTrue(cloud.resumeSandbox("9KqZt2Lm"));

        wm.verify(withAppServerAuth(postRequestedFor(urlPathEqualTo("/api/v1/sandboxes/9KqZt2Lm/resume"))));
        assertEquals("", only(wm).getBodyAsString());
    }

    @Test
    void idsAreEncodedAsOnePathSegment() throws Exception {
        wm.stubFor(post("/api/v1/sandboxes/a%2Fb%20c/pause").willReturn(okJson("{\"success\":true}")));

        assertTrue(cloud.pauseSandbox("a/b c"));

        assertEquals("/api/v1/sandboxes/a%2Fb%20c/pause", only(wm).getUrl());
    }

    @Test
    void aBaseUrlWithAPathPrefixAndTrailingSlashKeepsThePrefix() throws Exception {
        wm.stubFor(get("/openhands/api/v1/users/me").willReturn(okJson("{\"id\":\"u\"}")));
        ClientOptions options = Wire.options(new RecordingSleeper());
        CloudClient prefixed = new CloudClient(
                HttpCore.newHttpClient(options),
                URI.create(wm.baseUrl() + "/openhands/"),
                Credential.bearer(Wire.API_KEY),
                options);

        prefixed.me();

        assertEquals("/openhands/api/v1/users/me", only(wm).getUrl());
        assertEquals(URI.create(wm.baseUrl() + "/openhands"), prefixed.baseUrl());
    }

    @Test
    void theBaseUrlIsTheServerRootWithoutItsTrailingSlash() {
        ClientOptions options = Wire.options(new RecordingSleeper());
        CloudClient app = new CloudClient(
                HttpCore.newHttpClient(options),
                URI.create("https://app.all-hands.dev/"),
                Credential.bearer(Wire.API_KEY),
                options);

        assertEquals(URI.create("https://app.all-hands.dev"), app.baseUrl());
    }

    @Test
    void theAppServerRefusesASessionKey() {
        ClientOptions options = Wire.options(new RecordingSleeper());

        assertThrows(
                IllegalArgumentException.class,
                () -> new CloudClient(
                        HttpCore.newHttpClient(options),
                        URI.create(wm.baseUrl()),
                        Credential.sessionKey(Wire.SESSION_KEY),
                        options));
    }
}

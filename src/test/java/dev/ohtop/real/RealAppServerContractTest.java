package dev.ohtop.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.AgentConversationInfo;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.AgentServerLocator;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.BashRequest;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.ConversationQuery;
import dev.ohtop.api.EventQuery;
import dev.ohtop.api.ExposedUrl;
import dev.ohtop.api.MessageRequest;
import dev.ohtop.api.Page;
import dev.ohtop.api.SandboxInfo;
import dev.ohtop.api.SendMessageResult;
import dev.ohtop.api.StartConversationRequest;
import dev.ohtop.api.StartTask;
import dev.ohtop.api.StartTaskQuery;
import dev.ohtop.api.TransferListener;
import dev.ohtop.api.User;
import dev.ohtop.api.events.ActionEvent;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.MessageEvent;
import dev.ohtop.api.events.ObservationEvent;
import dev.ohtop.api.events.StateUpdateEvent;
import dev.ohtop.api.events.SystemPromptEvent;
import dev.ohtop.monitor.SandboxAccess;
import dev.ohtop.monitor.SandboxFolder;
import dev.ohtop.testing.BashResult;
import dev.ohtop.testing.BashRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * ohtop's app-server client ({@link CloudClient}) held against the real OpenHands app server,
 * with one conversation started through it and run to its end by a scripted LLM in a process
 * sandbox. Tagged so it can run alone: {@code ./run.sh --test -Dgroups=real-app-server}.
 * The pause test changes the sandbox, so it runs last.
 */
@Tag("real-app-server")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealAppServerContractTest {
    private static final String GIVEN_TITLE = "Given title";
    private static final int SCRIPTED_ACTIONS = 3; // two commands and the finish
    private static RealAppServer server;
    private static CloudClient cloud;
    private static ScriptedLlm llm;
    private static final List<String> startStatuses = new ArrayList<>();
    private static StartTask ready;
    private static String conversationId;
    private static String sandboxId;

    @TempDir
    Path local;

    @BeforeAll
    static void startOneScriptedConversation() throws Exception {
        server = RealAppServer.shared();
        if (server == null) {
            return; // each test reports itself skipped with the reason
        }
        cloud = server.client();
        llm = new ScriptedLlm(List.of(
                ScriptedLlm.Step.of("terminal", "command", "echo hello > notes.txt", "summary", "write notes"),
                ScriptedLlm.Step.of("terminal", "command", "cat notes.txt"),
                ScriptedLlm.Step.of("finish", "message", "Notes written.")));
        server.useLlm(llm.baseUrl());
        long started = System.nanoTime();
        StartTask task = cloud.startConversation(StartConversationRequest.of("Write notes.", null, null, GIVEN_TITLE));
        startStatuses.add(task.status());
        ready = await(
                Duration.ofMinutes(5),
                () -> {
                    StartTask now = cloud.getStartTasks(List.of(task.id())).get(0);
                    if (!now.status().equals(startStatuses.get(startStatuses.size() - 1))) {
                        startStatuses.add(now.status());
                    }
                    return now;
                },
                StartTask::isFinished);
        System.err.println("start task " + startStatuses + " after " + (System.nanoTime() - started) / 1_000_000 + " ms"
                + (ready.detail() == null ? "" : ": " + ready.detail()));
        conversationId = ready.appConversationId();
        sandboxId = ready.sandboxId();
        if (conversationId != null) {
            awaitTheRunStored();
        }
    }

    /** Events arrive by webhook a few seconds after the agent server has them: wait for all, and the new title. */
    private static void awaitTheRunStored() throws Exception {
        await(
                Duration.ofMinutes(3),
                () -> cloud.countEvents(conversationId, EventQuery.all().withKind("ActionEvent")),
                n -> n >= SCRIPTED_ACTIONS);
        await(Duration.ofMinutes(1), () -> conversation().title(), ScriptedLlm.TITLE::equals);
        int[] last = {-1};
        await(
                Duration.ofMinutes(1),
                () -> {
                    int before = last[0];
                    Thread.sleep(1500);
                    last[0] = cloud.countEvents(conversationId, EventQuery.all());
                    return last[0] == before;
                },
                Boolean::booleanValue);
    }

    @BeforeEach
    void needsTheRealServer() {
        RealAppServer.assumeAvailable();
        assertEquals(StartTask.READY, ready.status(), "the conversation started: " + ready.detail());
    }

    @AfterAll
    static void stopLlm() {
        if (llm != null) {
            llm.close();
        }
    }

    // ---- account and start ------------------------------------------------------------

    @Test
    void usersMeAnswersWithNoIdOrEmailInSingleUserMode() throws Exception {
        User me = cloud.me();

        assertNull(me.id());
        assertNull(me.email());
    }

    @Test
    void aStartTaskPassesThroughItsStatusesToReadyAndNamesItsConversationAndSandbox() throws Exception {
        List<String> order = List.of(
                "WORKING",
                "WAITING_FOR_SANDBOX",
                "PREPARING_REPOSITORY",
                "RUNNING_SETUP_SCRIPT",
                "SETTING_UP_GIT_HOOKS",
                "SETTING_UP_SKILLS",
                "STARTING_CONVERSATION",
                "READY");
        List<Integer> positions = startStatuses.stream().map(order::indexOf).toList();

        assertFalse(positions.contains(-1), "known statuses only: " + startStatuses);
        assertEquals(positions.stream().sorted().toList(), positions, "in order: " + startStatuses);
        assertNotNull(ready.appConversationId());
        assertNotNull(ready.sandboxId());
        assertTrue(ready.agentServerUrl().startsWith("http://localhost:"), ready.agentServerUrl());
        Page<StartTask> search = cloud.searchStartTasks(StartTaskQuery.all(), null, 10);
        assertTrue(search.items().stream().anyMatch(t -> t.id().equals(ready.id())), "found by the search");
    }

    // ---- conversations ----------------------------------------------------------------

    @Test
    void searchCountAndBatchGetAgreeOnTheRunningConversation() throws Exception {
        Page<AppConversation> page = cloud.searchConversations(ConversationQuery.all(), null, 100);
        int count = cloud.countConversations(ConversationQuery.all());
        List<AppConversation> batch =
                cloud.getConversations(List.of(conversationId, "0123456789abcdef0123456789abcdef"));

        assertEquals(page.items().size(), count);
        AppConversation found = page.items().stream()
                .filter(c -> c.id().equals(conversationId))
                .findFirst()
                .orElseThrow();
        assertEquals(sandboxId, found.sandboxId());
        assertEquals("RUNNING", found.sandboxStatus());
        assertEquals("finished", found.executionStatus());
        assertEquals("openai/scripted", found.model());
        assertNotNull(found.createdAt());
        assertNotNull(found.sessionApiKey());
        assertEquals(2, batch.size());
        assertEquals(conversationId, batch.get(0).id());
        assertNull(batch.get(1), "an unknown id is a null in its place");
        assertEquals(1, cloud.countConversations(ConversationQuery.inSandbox(sandboxId)));
    }

    @Test
    void theTitleGivenAtTheStartIsReplacedByTheOneTheLlmWrites() throws Exception {
        Page<AppConversation> titled =
                cloud.searchConversations(ConversationQuery.all().withTitleContains("Scripted"), null, 100);

        assertEquals(ScriptedLlm.TITLE, conversation().title());
        assertTrue(titled.items().stream().anyMatch(c -> c.id().equals(conversationId)), "found by its new title");
        assertEquals(0, cloud.countConversations(ConversationQuery.all().withTitleContains(GIVEN_TITLE)));
    }

    @Test
    void theConversationUrlAndSessionKeyLeadToTheSandboxesAgentServer() throws Exception {
        AgentServerLocation location = new AgentServerLocator(cloud).locate(conversation());

        AgentServerLocation.Available available = assertInstanceOf(AgentServerLocation.Available.class, location);
        assertTrue(agentServer(available).alive());
    }

    // ---- events -----------------------------------------------------------------------

    @Test
    void eventPagesFollowANumericOffsetAndAddUpToTheCount() throws Exception {
        List<Event> all = new ArrayList<>();
        List<String> pageIds = new ArrayList<>();
        String pageId = null;
        do {
            Page<Event> page = cloud.searchEvents(conversationId, EventQuery.all(), pageId, 7);
            all.addAll(page.items());
            pageId = page.nextPageId();
            if (pageId != null) {
                pageIds.add(pageId);
            }
        } while (pageId != null);

        assertEquals(cloud.countEvents(conversationId, EventQuery.all()), all.size());
        assertEquals(all.size(), new HashSet<>(all.stream().map(Event::id).toList()).size(), "no event twice");
        for (int i = 0; i < pageIds.size(); i++) {
            assertEquals(Integer.toString(7 * (i + 1)), pageIds.get(i));
        }
        Set<String> kinds = new LinkedHashSet<>(all.stream().map(Event::kind).toList());
        assertTrue(
                kinds.containsAll(Set.of(
                        "SystemPromptEvent",
                        "MessageEvent",
                        "ActionEvent",
                        "ObservationEvent",
                        "ConversationStateUpdateEvent",
                        "StreamingDeltaEvent")),
                kinds.toString());
    }

    @Test
    void eventsParseIntoTheKindsOhtopShows() throws Exception {
        List<Event> all =
                cloud.searchEvents(conversationId, EventQuery.all(), null, 100).items();

        SystemPromptEvent prompt = (SystemPromptEvent) all.stream()
                .filter(e -> e instanceof SystemPromptEvent)
                .findFirst()
                .orElseThrow();
        assertTrue(prompt.tools().contains("terminal"), prompt.tools().toString());
        assertTrue(prompt.tools().stream().noneMatch(t -> t.startsWith("browser")), "no browser: " + prompt.tools());
        MessageEvent task = (MessageEvent)
                all.stream().filter(e -> e instanceof MessageEvent).findFirst().orElseThrow();
        assertEquals("user", task.role());
        assertEquals("Write notes.", task.text());
        List<String> tools = all.stream()
                .filter(e -> e instanceof ActionEvent)
                .map(e -> ((ActionEvent) e).toolName())
                .toList();
        assertEquals(List.of("terminal", "terminal", "finish"), tools);
        ObservationEvent cat = all.stream()
                .filter(e -> e instanceof ObservationEvent)
                .map(e -> (ObservationEvent) e)
                .skip(1)
                .findFirst()
                .orElseThrow();
        assertTrue(cat.summary().contains("hello"), cat.summary());
        assertTrue(all.stream().anyMatch(e -> e instanceof StateUpdateEvent s && "full_state".equals(s.key())));
    }

    @Test
    void aKindFilterCountsAndFindsOnlyThatKind() throws Exception {
        Page<Event> actions =
                cloud.searchEvents(conversationId, EventQuery.all().withKind("ActionEvent"), null, 100);
        // ohtop shortens a qualified kind itself: the server answers 422 to one
        int qualified = cloud.countEvents(
                conversationId, EventQuery.all().withKind("openhands.sdk.event.llm_convertible.action.ActionEvent"));

        assertEquals(SCRIPTED_ACTIONS, actions.items().size());
        assertTrue(actions.items().stream().allMatch(e -> e instanceof ActionEvent));
        assertEquals(SCRIPTED_ACTIONS, qualified);
    }

    @Test
    void eventsSortNewestFirstWhenAsked() throws Exception {
        List<Event> newest = cloud.searchEvents(
                        conversationId, EventQuery.all().sorted(EventQuery.SortOrder.TIMESTAMP_DESC), null, 100)
                .items();

        List<String> stamps = newest.stream().map(Event::timestamp).toList();
        List<String> descending = new ArrayList<>(stamps);
        descending.sort(java.util.Comparator.reverseOrder());
        assertEquals(descending, stamps);
    }

    // ---- sandboxes and the agent server behind them -----------------------------------

    @Test
    void theSandboxSearchShowsTheRunningSandboxWithItsAgentServer() throws Exception {
        Page<SandboxInfo> page = cloud.searchSandboxes(null, 100);
        SandboxInfo byId = cloud.getSandboxes(List.of(sandboxId)).get(0);

        SandboxInfo found = page.items().stream()
                .filter(s -> s.id().equals(sandboxId))
                .findFirst()
                .orElseThrow();
        for (SandboxInfo sandbox : List.of(found, byId)) {
            assertEquals("RUNNING", sandbox.status());
            assertNull(sandbox.statusDetail(), "this server has no status detail");
            assertNotNull(sandbox.sessionApiKey());
            assertTrue(sandbox.exposedUrl(ExposedUrl.AGENT_SERVER).startsWith("http://localhost:"));
            assertNotNull(sandbox.createdAt());
        }
        assertNull(page.nextPageId());
    }

    @Test
    void aSandboxWorksInItsOwnFolderWhichIsNotWorkspaceProject() throws Exception {
        BashResult pwd = BashRuns.run(sandboxAgent(), new BashRequest("pwd; cat notes.txt", null, 30));

        assertEquals(0, pwd.exitCode(), pwd.stderr());
        assertEquals(server.sandboxFolder(sandboxId).toRealPath() + "\nhello\n", pwd.stdout());
    }

    @Test
    void theAgentServersRecordNamesTheSandboxesFolderRelativeToItsOwn() throws Exception {
        AgentConversationInfo record = sandboxAgent().conversation(conversationId);

        assertEquals(".", record.workingDir(), "relative: the agent server runs in the sandbox's folder");
    }

    @Test
    void theConsolesStartFolderIsTheSandboxesWorkspace() throws Exception {
        SandboxFolder folder = new SandboxAccess(cloud, conversationId, cloud.http(), cloud.options()).folder();
        BashResult pwd = BashRuns.run(sandboxAgent(), new BashRequest("pwd", folder.path(), 30));

        assertEquals(server.sandboxFolder(sandboxId).toRealPath().toString(), folder.path());
        assertEquals(0, pwd.exitCode(), pwd.stderr());
        assertEquals(folder.path() + "\n", pwd.stdout());
    }

    @Test
    void aStreamingDeltaIsSummarisedByTheTextItCarries() throws Exception {
        Event delta = cloud.searchEvents(conversationId, EventQuery.all().withKind("StreamingDeltaEvent"), null, 1)
                .items()
                .get(0);

        assertTrue(delta.summary().contains("Step 0."), delta.summary());
    }

    @Test
    void aFullStateUpdateIsSummarisedByItsExecutionStatus() throws Exception {
        Event full = cloud
                .searchEvents(conversationId, EventQuery.all().withKind("ConversationStateUpdateEvent"), null, 100)
                .items()
                .stream()
                .filter(e -> e instanceof StateUpdateEvent s && "full_state".equals(s.key()))
                .findFirst()
                .orElseThrow();

        assertFalse(full.summary().matches(".*\\{\\d+ fields}.*"), full.summary());
        assertTrue(full.summary().contains("idle"), full.summary());
    }

    // ---- trajectory ---------------------------------------------------------------------

    @Test
    void theTrajectoryZipHoldsItsMetaAndOneFilePerEvent() throws Exception {
        Path zip = local.resolve("trajectory.zip");
        cloud.downloadTrajectory(conversationId, zip, TransferListener.NONE);

        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertTrue(names.contains("meta.json"), names.toString());
            long events = names.stream()
                    .filter(n -> n.startsWith("event_") && n.endsWith(".json"))
                    .count();
            assertEquals(cloud.countEvents(conversationId, EventQuery.all()), events);
        }
    }

    // ---- pause, resume, send message (changes the sandbox: last) ---------------------------

    @Test
    @Order(Order.DEFAULT + 1)
    void aPausedSandboxRefusesMessagesWith409AndTakesThemAgainOnceResumed() throws Exception {
        assertTrue(cloud.pauseSandbox(sandboxId));
        SandboxInfo paused = cloud.getSandboxes(List.of(sandboxId)).get(0);
        AppConversation pausedConversation = conversation();
        ApiException refused = assertThrows(
                ApiException.class, () -> cloud.sendMessage(conversationId, MessageRequest.userText("Are you there?")));
        assertTrue(cloud.resumeSandbox(sandboxId));
        await(
                Duration.ofMinutes(1),
                () -> cloud.getSandboxes(List.of(sandboxId)).get(0).status(),
                "RUNNING"::equals);
        int before = cloud.countEvents(conversationId, EventQuery.all().withKind("MessageEvent"));
        SendMessageResult sent = cloud.sendMessage(conversationId, MessageRequest.userText("One more thing."));

        assertEquals("PAUSED", paused.status());
        assertNull(paused.sessionApiKey());
        assertNull(paused.exposedUrls());
        assertEquals("PAUSED", pausedConversation.sandboxStatus());
        assertNull(pausedConversation.executionStatus());
        assertNull(pausedConversation.conversationUrl());
        assertNull(pausedConversation.sessionApiKey());
        assertEquals(409, refused.status());
        assertEquals(Boolean.TRUE, sent.success());
        assertEquals("RUNNING", sent.sandboxStatus());
        List<Event> messages = await(
                Duration.ofMinutes(1),
                () -> cloud.searchEvents(conversationId, EventQuery.all().withKind("MessageEvent"), null, 100)
                        .items(),
                m -> m.size() > before);
        assertTrue(messages.stream().anyMatch(e -> ((MessageEvent) e).text().equals("One more thing.")));
    }

    // ---- helpers ------------------------------------------------------------------------

    private static AppConversation conversation() throws ApiException {
        return cloud.getConversations(List.of(conversationId)).get(0);
    }

    private static AgentServerClient sandboxAgent() throws ApiException {
        AgentServerLocation location = new AgentServerLocator(cloud).locate(conversation());
        return agentServer(assertInstanceOf(AgentServerLocation.Available.class, location));
    }

    private static AgentServerClient agentServer(AgentServerLocation.Available available) {
        return new AgentServerClient(cloud.http(), available.endpoint(), cloud.options());
    }

    /** Polls {@code probe} every half second (well under the server's 10 requests a second) until {@code done}. */
    private static <T> T await(Duration limit, Callable<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        T value = probe.call();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + value + " after " + limit);
            }
            Thread.sleep(500);
            value = probe.call();
        }
        return value;
    }
}

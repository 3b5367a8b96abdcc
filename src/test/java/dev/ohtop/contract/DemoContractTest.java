package dev.ohtop.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.AgentServerLocator;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.BashCommand;
import dev.ohtop.api.BashRequest;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.ConversationQuery;
import dev.ohtop.api.Credential;
import dev.ohtop.api.EventQuery;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.Page;
import dev.ohtop.api.Paging;
import dev.ohtop.api.StartConversationRequest;
import dev.ohtop.api.StartTask;
import dev.ohtop.api.TransferListener;
import dev.ohtop.api.events.ActionEvent;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.ObservationEvent;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.testing.BashResult;
import dev.ohtop.testing.BashRuns;
import dev.ohtop.testing.ManualClock;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both of ohtop's clients against the embedded demo server, as a user's session would use them. */
class DemoContractTest {
    private static final String MISSING_ID = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path scratch;

    @TempDir
    Path local;

    private final ManualClock clock = ManualClock.atDemoStart();
    private DemoServer demo;
    private HttpClient http;
    private ClientOptions options;
    private CloudClient cloud;

    @BeforeEach
    void startDemo() throws Exception {
        demo = DemoServer.start(
                DemoConfig.defaults().withClock(clock).withScratchRoot(scratch).withConversationCount(30));
        options = ClientOptions.defaults();
        http = HttpCore.newHttpClient(options);
        cloud = new CloudClient(http, demo.appServerUrl(), Credential.bearer(demo.apiKey()), options);
    }

    @AfterEach
    void stopDemo() {
        demo.close();
    }

    @Test
    void pagingAcrossSeveralPagesReturnsEveryConversationOnceNewestFirst() throws Exception {
        int count = cloud.countConversations(ConversationQuery.all());
        List<AppConversation> all = Paging.collect(
                pageId -> cloud.searchConversations(ConversationQuery.all(), pageId, 7), Integer.MAX_VALUE);

        assertTrue(count >= 30, "the demo holds at least the 30 asked for, got " + count);
        assertEquals(count, all.size());
        assertEquals(count, all.stream().map(AppConversation::id).distinct().count(), "no conversation twice");
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).createdAt().isAfter(all.get(i - 1).createdAt()), "newest created first");
        }
    }

    @Test
    void aLimitOverOneHundredIsRefusedWithTheValidationMessage() {
        ApiException e =
                assertThrows(ApiException.class, () -> cloud.searchConversations(ConversationQuery.all(), null, 101));
        assertEquals(422, e.status());
        assertTrue(e.detail().contains("limit"), e.detail());
    }

    @Test
    void batchGetKeepsTheOrderAskedWithNullForAnUnknownId() throws Exception {
        List<AppConversation> firstTwo =
                cloud.searchConversations(ConversationQuery.all(), null, 2).items();
        List<AppConversation> got = cloud.getConversations(
                List.of(firstTwo.get(1).id(), MISSING_ID, firstTwo.get(0).id()));

        assertEquals(3, got.size());
        assertEquals(firstTwo.get(1).id(), got.get(0).id());
        assertNull(got.get(1));
        assertEquals(firstTwo.get(0).id(), got.get(2).id());
    }

    @Test
    void onlyRunningSandboxesExposeTheirAgentServer() throws Exception {
        for (AppConversation c : allConversations()) {
            boolean running = "RUNNING".equals(c.sandboxStatus());
            assertEquals(running, c.conversationUrl() != null, "url only while RUNNING: " + c);
            assertEquals(running, c.sessionApiKey() != null, "key only while RUNNING: " + c);
            if (!running) {
                assertNull(c.executionStatus(), "no execution status unless RUNNING: " + c);
            }
        }
    }

    @Test
    void aStartTaskReachesReadyAndItsConversationRuns() throws Exception {
        StartTask task = cloud.startConversation(
                StartConversationRequest.of("Add a changelog", "acme/api", "main", "Changelog"));
        assertEquals("WORKING", task.status());
        assertNull(task.appConversationId());

        StartTask done = awaitStartTask(task.id());

        assertEquals(StartTask.READY, done.status());
        assertNotNull(done.appConversationId());
        AppConversation created =
                cloud.getConversations(List.of(done.appConversationId())).get(0);
        assertEquals("RUNNING", created.sandboxStatus());
        assertEquals("acme/api", created.selectedRepository());
        assertInstanceOf(AgentServerLocation.Available.class, new AgentServerLocator(cloud).locate(created));
        assertThrows(
                ApiException.class,
                () -> cloud.downloadTrajectory(task.id(), local.resolve("t.zip"), TransferListener.NONE),
                "a start-task id is not a conversation id");
    }

    @Test
    void aStartTaskOnAFailingRepositoryEndsInErrorWithItsDetail() throws Exception {
        StartTask task = cloud.startConversation(StartConversationRequest.of("Try", "acme/fail-here", null, null));

        StartTask done = awaitStartTask(task.id());

        assertEquals(StartTask.ERROR, done.status());
        assertNotNull(done.detail());
        assertFalse(done.detail().isBlank());
        assertNull(done.appConversationId());
    }

    @Test
    void bashShowsStdoutStderrAndTheExitCode() throws Exception {
        BashResult result = BashRuns.run(agent(), new BashRequest("echo hi; echo err >&2; exit 3", null, 30));

        assertEquals("hi\n", result.stdout());
        assertEquals("err\n", result.stderr());
        assertEquals(3, result.exitCode());
    }

    @Test
    void bashRunsInTheSandboxWorkingDirectory() throws Exception {
        BashResult result = BashRuns.run(agent(), new BashRequest("pwd; ls", DemoServer.SANDBOX_FOLDER, 30));

        assertTrue(result.stdout().startsWith(DemoServer.SANDBOX_FOLDER + "\n"), result.stdout());
        assertTrue(result.stdout().contains("README.md"), result.stdout());
    }

    @Test
    void aCommandOverItsTimeoutEndsWithExitMinusOne() throws Exception {
        BashResult result = BashRuns.run(agent(), new BashRequest("echo started; sleep 20", null, 1));

        assertTrue(result.timedOut());
        assertEquals(-1, result.exitCode());
        assertTrue(result.stdout().contains("started"), result.stdout());
    }

    @Test
    void aStartedCommandIsFollowedToItsEndByPolling() throws Exception {
        AgentServerClient agent = agent();
        BashCommand started = agent.startBash(new BashRequest("sleep 0.3; echo polled; exit 4", null, 30));
        List<Integer> orders = new ArrayList<>();

        BashResult result =
                BashRuns.await(agent, started.id(), Duration.ofMillis(50), piece -> orders.add(piece.orderOrZero()));

        assertEquals(4, result.exitCode());
        assertEquals("polled\n", result.stdout());
        assertFalse(orders.isEmpty());
    }

    @Test
    void aStartedCommandCanBeStoppedAndEndsWithoutAnExitOfItsOwn() throws Exception {
        AgentServerClient client = agent();
        BashCommand started = client.startBash(new BashRequest("echo going; sleep 30; echo never", null, 60));
        Thread.sleep(500);
        long before = System.nanoTime();

        assertTrue(client.stopBash(started.id()));
        BashResult result = BashRuns.await(client, started.id(), Duration.ofMillis(100), piece -> {});

        assertTrue((System.nanoTime() - before) / 1_000_000 < 10_000, "stopped well before the sleep ended");
        assertFalse(result.stdout().contains("never"));
        assertTrue(result.exitCode() != 0, "exit " + result.exitCode());
        ApiException unknown =
                assertThrows(ApiException.class, () -> client.stopBash("0123456789abcdef0123456789abcdef"));
        assertEquals(404, unknown.status());
    }

    @Test
    void outputOverOneMebibyteIsGatheredWholeAndInOrder() throws Exception {
        String expected = IntStream.rangeClosed(1, 400_000)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining("\n", "", "\n"));
        assertTrue(expected.length() > 2 * 1024 * 1024);

        BashResult result = BashRuns.run(agent(), new BashRequest("seq 1 400000", null, 60));

        assertEquals(0, result.exitCode());
        assertEquals(expected.length(), result.stdout().length());
        assertEquals(expected, result.stdout());
    }

    @Test
    void aFiveMebibyteFileRoundTripsByteForByte() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        Path source = Files.write(local.resolve("blob.bin"), data);
        Path back = local.resolve("back.bin");
        AtomicLong lastProgress = new AtomicLong();
        AgentServerClient agent = agent();

        agent.upload(source, DemoServer.SANDBOX_FOLDER + "/data/blob.bin", (done, total) -> lastProgress.set(done));
        agent.download(DemoServer.SANDBOX_FOLDER + "/data/blob.bin", back, TransferListener.NONE);

        assertEquals(data.length, lastProgress.get(), "upload progress reached the whole file");
        assertArrayEquals(data, Files.readAllBytes(back));
    }

    @Test
    void aPathThatEscapesTheSandboxIsRejected() throws Exception {
        AgentServerClient agent = agent();
        Path source = Files.writeString(local.resolve("x.txt"), "x");

        ApiException down = assertThrows(
                ApiException.class,
                () -> agent.download(
                        DemoServer.SANDBOX_FOLDER + "/../../../../etc/passwd",
                        local.resolve("p"),
                        TransferListener.NONE));
        ApiException up = assertThrows(
                ApiException.class, () -> agent.upload(source, "/../../outside.txt", TransferListener.NONE));

        assertEquals(400, down.status());
        assertEquals(400, up.status());
        assertFalse(Files.exists(local.resolve("p")));
        try (var paths = Files.walk(scratch.getParent() == null ? scratch : scratch)) {
            assertTrue(
                    paths.noneMatch(p -> p.getFileName().toString().equals("outside.txt") && !p.startsWith(scratch)));
        }
    }

    @Test
    void aMissingRemoteFileSaysSo() throws Exception {
        ApiException e = assertThrows(
                ApiException.class,
                () -> agent().download(
                                DemoServer.SANDBOX_FOLDER + "/nope.txt", local.resolve("nope"), TransferListener.NONE));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().toLowerCase().contains("not found"), e.getMessage());
    }

    @Test
    void aWrongSessionKeyIsRefused() throws Exception {
        AgentServerLocation.Available found =
                (AgentServerLocation.Available) new AgentServerLocator(cloud).locate(runningConversation());
        AgentServerClient wrong = new AgentServerClient(
                http, new AgentEndpoint(found.endpoint().baseUrl(), Credential.sessionKey("not-the-key")), options);

        ApiException e = assertThrows(ApiException.class, () -> BashRuns.run(wrong, new BashRequest("true", null, 5)));
        assertEquals(401, e.status());
        assertFalse(e.getMessage().contains("not-the-key"));
    }

    @Test
    void pausingASandboxHidesItsAgentServerAndResumingBringsItBack() throws Exception {
        AppConversation conversation = runningConversation();
        AgentServerLocator locator = new AgentServerLocator(cloud);

        assertTrue(cloud.pauseSandbox(conversation.sandboxId()));
        AppConversation paused =
                cloud.getConversations(List.of(conversation.id())).get(0);
        assertEquals("PAUSED", paused.sandboxStatus());
        assertInstanceOf(AgentServerLocation.SandboxPaused.class, locator.locate(paused));

        assertTrue(cloud.resumeSandbox(conversation.sandboxId()));
        AppConversation resumed = awaitSandboxStatus(conversation.id(), "RUNNING");
        assertInstanceOf(AgentServerLocation.Available.class, locator.locate(resumed));
        assertEquals(
                0,
                BashRuns.run(agentFor(resumed), new BashRequest("true", null, 5))
                        .exitCode());
    }

    @Test
    void eventsOfARunningConversationPairActionsWithObservationsOnBothServers() throws Exception {
        AppConversation conversation = runningConversation();
        clock.advance(Duration.ofMinutes(5));
        List<Event> viaApp = Paging.collect(
                pageId -> cloud.searchEvents(conversation.id(), EventQuery.all(), pageId, 10), Integer.MAX_VALUE);
        int count = cloud.countEvents(conversation.id(), EventQuery.all());

        assertEquals(count, viaApp.size());
        assertEquals(count, new HashSet<>(viaApp.stream().map(Event::id).toList()).size(), "no event twice");
        var actionIds = viaApp.stream()
                .filter(e -> e instanceof ActionEvent)
                .map(Event::id)
                .collect(Collectors.toSet());
        var answered = viaApp.stream()
                .filter(e -> e instanceof ObservationEvent o && o.actionId() != null)
                .map(e -> ((ObservationEvent) e).actionId())
                .toList();
        assertFalse(answered.isEmpty());
        assertTrue(actionIds.containsAll(answered), "every observation answers an action that exists");

        AgentServerClient agent = agentFor(conversation);
        List<Event> actionsViaAgent = Paging.collect(
                pageId -> agent.searchEvents(conversation.id(), EventQuery.all().withKind("ActionEvent"), pageId, 5),
                Integer.MAX_VALUE);
        assertFalse(actionsViaAgent.isEmpty());
        assertTrue(actionsViaAgent.stream().allMatch(e -> e instanceof ActionEvent), "kind filter applied");
        Page<Event> appActions =
                cloud.searchEvents(conversation.id(), EventQuery.all().withKind("ActionEvent"), null, 100);
        assertTrue(appActions.items().stream().allMatch(e -> e instanceof ActionEvent));
    }

    // ---- helpers ------------------------------------------------------------------------

    private List<AppConversation> allConversations() throws ApiException {
        return Paging.collect(pageId -> cloud.searchConversations(ConversationQuery.all(), pageId, 100), 10_000);
    }

    private AppConversation runningConversation() throws ApiException {
        return allConversations().stream()
                .filter(c -> "running".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo has a running conversation"));
    }

    private AgentServerClient agent() throws ApiException {
        return agentFor(runningConversation());
    }

    private AgentServerClient agentFor(AppConversation conversation) throws ApiException {
        AgentServerLocation where = new AgentServerLocator(cloud).locate(conversation);
        AgentServerLocation.Available available = assertInstanceOf(AgentServerLocation.Available.class, where);
        return new AgentServerClient(http, available.endpoint(), options);
    }

    private StartTask awaitStartTask(String taskId) throws ApiException {
        for (int step = 0; step < 600; step++) {
            StartTask task = cloud.getStartTasks(List.of(taskId)).get(0);
            if (task.isFinished()) {
                return task;
            }
            clock.advance(Duration.ofSeconds(2));
        }
        throw new AssertionError("start task never finished");
    }

    private AppConversation awaitSandboxStatus(String conversationId, String status) throws ApiException {
        for (int step = 0; step < 600; step++) {
            AppConversation c = cloud.getConversations(List.of(conversationId)).get(0);
            if (status.equals(c.sandboxStatus())) {
                return c;
            }
            clock.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("sandbox never reached " + status);
    }
}

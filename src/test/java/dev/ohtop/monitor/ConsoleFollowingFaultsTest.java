package dev.ohtop.monitor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console following a command through an agent server that misbehaves once (WireMock), on a
 * manual clock and scheduler: every start and poll runs when the test says, so each step is seen.
 * What matters is that nothing is claimed that did not happen: a command that ran shows its real
 * exit code and output, and an unanswered start is looked for before it is called lost.
 */
@Tag("reliability")
@DisplayName("Console: following a command through faults")
class ConsoleFollowingFaultsTest {
    private static final String START = "/api/bash/start_bash_command";
    private static final String SEARCH = "/api/bash/bash_events/search";
    private static final String CMD = "5b0abed02b0e4d1bac4ddbfc2880bda1";
    /** Requests time out after 3 s, so a "slow" answer is one of 6 s (generous: the test machine may be loaded). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ManualClock clock = ManualClock.atDemoStart();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private SandboxConsole console;
    private AgentServerClient client;

    @BeforeEach
    void console() {
        ClientOptions options =
                ClientOptions.defaults().withRetry(RetryPolicy.none()).withRequestTimeout(REQUEST_TIMEOUT);
        AgentServerClient client = new AgentServerClient(
                HttpCore.newHttpClient(options),
                new AgentEndpoint(URI.create(wm.baseUrl()), Credential.sessionKey("sess-console-test")),
                options);
        this.client = client;
        console = new SandboxConsole(
                agent(),
                new CommandHistory(null),
                scheduler,
                scheduler,
                clock,
                SandboxConsole.Settings.defaults(),
                () -> {});
        scheduler.runNext(); // the console reads the sandbox's folder first, on its worker
    }

    private SandboxConsole.Agent agent() {
        return new SandboxConsole.Agent() {
            @Override
            public <T> T call(SandboxAccess.AgentCall<T> call) throws java.io.IOException {
                return call.on(client);
            }

            @Override
            public SandboxFolder folder() {
                return SandboxFolder.at("/workspace/project");
            }
        };
    }

    // ---- stopping while the start is on its way ----------------------------------------------

    @Test
    void stoppingWhileTheStartIsOnItsWayStopsWhatItStartedOnceItAnswers(TestReporter reporter) throws Exception {
        wm.stubFor(post(START)
                .willReturn(okJson(command(CMD, "make test", "2026-11-27T10:15:30Z"))
                        .withFixedDelay(1500)));
        wm.stubFor(post(urlPathEqualTo("/api/bash/bash_commands/" + CMD + "/stop"))
                .willReturn(okJson("{\"success\": true}")));
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            SandboxConsole onAThread = new SandboxConsole(
                    agent(),
                    new CommandHistory(null),
                    worker,
                    scheduler,
                    clock,
                    SandboxConsole.Settings.defaults(),
                    () -> {});
            onAThread.submit("make test");
            awaitUpTo(
                    Duration.ofSeconds(10),
                    () -> wm.getAllServeEvents().stream()
                            .anyMatch(e -> e.getRequest().getUrl().equals(START)),
                    "the start sent");
            onAThread.stopWaiting(); // while the sandbox has not answered the start yet
            assertTrue(
                    onAThread.snapshot().problem().contains("if it started, the sandbox is asked to stop it"),
                    onAThread.snapshot().problem());

            awaitUpTo(
                    Duration.ofSeconds(20),
                    () -> onAThread.snapshot().problem().contains("the sandbox stopped"),
                    "the stop asked for once the start answered");
            wm.verify(1, postRequestedFor(urlPathEqualTo("/api/bash/bash_commands/" + CMD + "/stop")));
            reporter.publishEntry("seen", onAThread.snapshot().problem());
        } finally {
            worker.shutdownNow();
        }
    }

    private static void awaitUpTo(Duration limit, java.util.function.BooleanSupplier done, String what)
            throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "not within " + limit.toSeconds() + " s: " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void aLateWordOnAStoppedCommandIsNotTakenForALaterRunOfTheSameCommand() {
        String again = "7c1bbfe13b2e4c0cbd5ee0d3f9913c02";
        wm.stubFor(post(START)
                .inScenario("two runs")
                .whenScenarioStateIs("Started")
                .willReturn(okJson(command(CMD, "make test", "2026-11-27T10:15:30Z")))
                .willSetStateTo("again"));
        wm.stubFor(post(START)
                .inScenario("two runs")
                .whenScenarioStateIs("again")
                .willReturn(okJson(command(again, "make test", "2026-11-27T10:15:40Z"))));
        wm.stubFor(outputs().withQueryParam("command_id__eq", equalTo(CMD)).willReturn(okJson(page())));
        wm.stubFor(outputs()
                .withQueryParam("command_id__eq", equalTo(again))
                .willReturn(
                        okJson(page(output(0, 0, "all 12 tests passed\n", null).replace(CMD, again)))));
        wm.stubFor(post(urlPathEqualTo("/api/bash/bash_commands/" + CMD + "/stop"))
                .willReturn(okJson("{\"success\": false}")));

        console.submit("make test");
        scheduler.runNext(); // the first run's start
        console.stopWaiting(); // its stop is asked on the worker, which is slow
        console.submit("make test");
        scheduler.runPending(1); // the second run starts before the first one's stop is asked
        while (console.snapshot().running() != null) {
            scheduler.runPending(scheduler.pending().size() - 1); // the second run is followed to its end
        }
        assertEquals(0, console.snapshot().last().exitCode());
        scheduler.runPending(0); // now the sandbox answers the first run's stop: not confirmed

        ConsoleSnapshot after = console.snapshot();
        assertEquals(null, after.problem(), "the second run ended well; the first one's word is not its: " + after);
        assertTrue(
                SandboxConsoleTest.texts(after, ConsoleLine.Source.NOTE).stream()
                        .noneMatch(t -> t.contains("did not confirm the stop")),
                "nothing said of the second run: " + after);
    }

    // ---- one failed poll -------------------------------------------------------------------

    @Test
    void aPollAnsweredWithA500IsRetriedAndTheCommandsExitAndOutputAreShown(TestReporter reporter) {
        aFailedPollIsRetried(
                aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\":\"Internal Server Error\"}"),
                "HTTP 500",
                reporter);
    }

    @Test
    void aPollAnsweredWithAMalformedBodyIsRetriedAndTheCommandsExitAndOutputAreShown(TestReporter reporter) {
        aFailedPollIsRetried(okJson("{\"items\": [ not json"), "bad response", reporter);
    }

    @Test
    void aPollAnsweredTooSlowlyIsRetriedAndTheCommandsExitAndOutputAreShown(TestReporter reporter) {
        aFailedPollIsRetried(okJson(page()).withFixedDelay(6000), "no answer within 3 s", reporter);
    }

    private void aFailedPollIsRetried(ResponseDefinitionBuilder fault, String why, TestReporter reporter) {
        wm.stubFor(post(START).willReturn(okJson(command(CMD, "make test", "2026-11-27T10:15:30Z"))));
        wm.stubFor(outputs()
                .inScenario("once")
                .whenScenarioStateIs("Started")
                .willReturn(fault)
                .willSetStateTo("answering"));
        wm.stubFor(outputs()
                .inScenario("once")
                .whenScenarioStateIs("answering")
                .willReturn(okJson(page(output(0, 0, "all 12 tests passed\n", null)))));

        console.submit("make test");
        scheduler.runNext(); // the start
        scheduler.runNext(); // the first poll, which fails
        ConsoleSnapshot retrying = console.snapshot();
        assertNotNull(retrying.running(), "still waiting for the command: " + retrying);
        assertNotNull(retrying.running().retrying(), "says it is retrying: " + retrying);
        assertTrue(
                retrying.running().retrying().contains(why), retrying.running().retrying());
        reporter.publishEntry("seen", "retrying: " + retrying.running().retrying());

        Duration backoff = scheduler.runNext(); // the poll after the backoff
        ConsoleSnapshot done = console.snapshot();
        assertTrue(backoff.compareTo(Duration.ofMillis(750)) >= 0, "waited as the list's poller does: " + backoff);
        assertEquals(ConsoleSnapshot.Ending.EXITED, done.last().ending(), done.toString());
        assertEquals(0, done.last().exitCode());
        assertEquals(List.of("all 12 tests passed"), SandboxConsoleTest.texts(done, ConsoleLine.Source.STDOUT));
        assertEquals(null, done.problem());
    }

    @Test
    void pollsThatKeepFailingAreRetriedUntilTheUserStopsWaiting() {
        wm.stubFor(post(START).willReturn(okJson(command(CMD, "make test", "2026-11-27T10:15:30Z"))));
        wm.stubFor(
                outputs().willReturn(aResponse().withStatus(500).withBody("{\"detail\":\"Internal Server Error\"}")));

        console.submit("make test");
        scheduler.runNext();
        for (int i = 0; i < 8; i++) {
            scheduler.runNext(); // on well past the command's timeout and grace, backing off
        }
        assertNotNull(console.snapshot().running(), "still retrying: " + console.snapshot());
        assertTrue(console.snapshot().running().retrying().contains("HTTP 500"));

        console.stopWaiting();
        assertEquals(ConsoleSnapshot.Ending.STOPPED, console.snapshot().last().ending());
        scheduler.runNext(); // asking the sandbox to stop it
        assertTrue(scheduler.pending().isEmpty(), "no more polls once the user stopped waiting");
    }

    // ---- a start that went unanswered -----------------------------------------------------

    @Test
    void aStartAnsweredTooLateSaysTheCommandMayHaveRunThenFindsItAndShowsItsEnd(TestReporter reporter) {
        wm.stubFor(post(START)
                .willReturn(okJson(command(CMD, "make test", "2026-11-27T10:15:31Z"))
                        .withFixedDelay(6000)));
        wm.stubFor(commands()
                .willReturn(okJson(page(
                        command("0123456789abcdef0123456789abcdef", "ls", "2026-11-27T10:15:20Z"),
                        command(CMD, "make test", "2026-11-27T10:15:31Z")))));
        wm.stubFor(outputs()
                .withQueryParam("command_id__eq", equalTo(CMD))
                .willReturn(okJson(page(output(0, 2, "1 test failed\n", null)))));

        console.submit("make test");
        scheduler.runNext(); // the start, unanswered in time
        assertTrue(
                notes().contains("no answer within 3 s: the command may have run; looking for it in the sandbox's"
                        + " commands"),
                notes().toString());
        assertNotNull(console.snapshot().running(), "not called failed: " + console.snapshot());

        runUntil(s -> s.running() == null);
        ConsoleSnapshot done = console.snapshot();
        assertTrue(
                notes().contains("found it in the sandbox's commands (taken at 10:15:31 UTC): following it"),
                notes().toString());
        assertEquals(ConsoleSnapshot.Ending.EXITED, done.last().ending(), done.toString());
        assertEquals(2, done.last().exitCode());
        assertEquals(List.of("1 test failed"), SandboxConsoleTest.texts(done, ConsoleLine.Source.STDOUT));
        reporter.publishEntry(
                "seen", String.join(" / ", notes()) + " / " + done.last().summary());
        wm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(START)));
    }

    @Test
    void aStartAnsweredTooLateWhoseCommandIsNotAmongTheSandboxsCommandsSaysItProbablyDidNotRun(TestReporter reporter) {
        wm.stubFor(post(START)
                .willReturn(okJson(command(CMD, "make test", "2026-11-27T10:15:31Z"))
                        .withFixedDelay(6000)));
        wm.stubFor(commands()
                .willReturn(okJson(
                        page(command("0123456789abcdef0123456789abcdef", "make lint", "2026-11-27T10:15:31Z")))));

        console.submit("make test");
        scheduler.runNext();
        assertNotNull(console.snapshot().running(), "looking for it first: " + console.snapshot());
        runUntil(s -> s.running() == null);

        ConsoleSnapshot done = console.snapshot();
        assertEquals(ConsoleSnapshot.Ending.FAILED, done.last().ending());
        assertEquals(
                "no answer within 3 s and not found in the sandbox's commands: it probably did not run",
                done.problem());
        assertTrue(
                !clock.instant().isBefore(Instant.parse("2026-11-27T10:15:30Z").plus(SandboxConsole.LOOK_FOR)),
                "looked for it for a while, as a slow server records it late");
        reporter.publishEntry("seen", String.join(" / ", notes()));
    }

    // ---- exit -1 that is no timeout -------------------------------------------------------

    @Test
    void aCommandTheSandboxCouldNotRunShowsTheServersErrorNotATimeout(TestReporter reporter) {
        String error = "Error executing command: [Errno 2] No such file or directory: '/workspace/project/gone'";
        wm.stubFor(post(START).willReturn(okJson(command(CMD, "ls", "2026-11-27T10:15:30Z"))));
        wm.stubFor(outputs().willReturn(okJson(page(output(0, -1, null, error)))));

        console.submit("ls");
        runUntil(s -> s.running() == null);

        ConsoleSnapshot done = console.snapshot();
        assertEquals(ConsoleSnapshot.Ending.FAILED, done.last().ending(), done.toString());
        assertEquals("the sandbox could not run it: " + error, done.problem());
        assertTrue(!done.last().summary().contains("timed out"), done.last().summary());
        reporter.publishEntry("seen", done.last().summary() + " — " + done.problem());
    }

    // ---- the sandbox's status ---------------------------------------------------------------

    @Test
    void aCommandTheSandboxRanProvesItRunningUntilTheListReadsItAgain() {
        wm.stubFor(post(START).willReturn(okJson(command(CMD, "true", "2026-11-27T10:15:30Z"))));
        wm.stubFor(outputs().willReturn(okJson(page(output(0, 0, null, null)))));
        Instant listRead = clock.instant();
        assertEquals("STARTING", console.snapshot().sandboxStatus("STARTING", listRead), "no command yet");

        clock.advance(Duration.ofSeconds(1));
        console.submit("true");
        runUntil(s -> s.running() == null);

        assertEquals("RUNNING", console.snapshot().sandboxStatus("STARTING", listRead));
        assertEquals(
                "PAUSED",
                console.snapshot().sandboxStatus("PAUSED", clock.instant().plusSeconds(1)),
                "a list read after the command has the last word");
    }

    // ---- helpers ------------------------------------------------------------------------

    private void runUntil(Predicate<ConsoleSnapshot> done) {
        for (int i = 0; i < 200 && !done.test(console.snapshot()); i++) {
            scheduler.runNext();
        }
        assertTrue(done.test(console.snapshot()), "never got there: " + console.snapshot());
    }

    private List<String> notes() {
        return SandboxConsoleTest.texts(console.snapshot(), ConsoleLine.Source.NOTE);
    }

    private static MappingBuilder outputs() {
        return get(urlPathEqualTo(SEARCH)).withQueryParam("kind__eq", equalTo("BashOutput"));
    }

    private static MappingBuilder commands() {
        return get(urlPathEqualTo(SEARCH)).withQueryParam("kind__eq", equalTo("BashCommand"));
    }

    private static String command(String id, String command, String at) {
        return "{\"command\":\"" + command + "\",\"cwd\":\"/workspace/project\",\"timeout\":60,\"id\":\"" + id
                + "\",\"timestamp\":\"" + at + "\",\"kind\":\"BashCommand\"}";
    }

    private static String output(int order, Integer exit, String stdout, String stderr) {
        return "{\"id\":\"e308c543fb1243aa879c255826fb348f\",\"timestamp\":\"2026-11-27T10:15:32Z\",\"command_id\":\""
                + CMD
                + "\",\"order\":" + order + ",\"exit_code\":" + exit + ",\"stdout\":" + json(stdout) + ",\"stderr\":"
                + json(stderr) + ",\"kind\":\"BashOutput\"}";
    }

    private static String json(String s) {
        return s == null
                ? "null"
                : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String page(String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"next_page_id\":null}";
    }
}

package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.keymap.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** A sandbox's agent server failing under a transfer or a command: a clear message, nothing half-written, a retry that works. */
@Tag("reliability")
@DisplayName("Agent server faults")
class AgentServerFaultsTest {
    private VirtualOhtop ohtop;

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo();
        ohtop.untilShows("30 total");
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    private String failureLine() {
        return ohtop.lines().stream()
                .filter(l -> l.contains("✗") || l.toLowerCase().contains("fail"))
                .findFirst()
                .orElse(ohtop.status())
                .strip();
    }

    @Test
    void aDownloadCutOffMidWayLeavesNothingAndEnterTriesAgain(TestReporter reporter) throws Exception {
        Path folder = Files.createDirectories(ohtop.localDir.resolve("in"));
        ohtop.press(Action.DOWNLOAD).untilShows("download from");
        ohtop.type("README.md").press(Action.TRANSFER_NEXT_FIELD).ctrl('u').type(folder.toString());
        ohtop.proxy.faults().always(Fault.truncatedBody(), FaultSwitch.Target.AGENT);
        ohtop.press(KeyType.Enter).untilShows("tries again");
        reporter.publishEntry(ReliabilityReportKeys.SEEN, failureLine());
        assertTrue(
                ohtop.shows("the connection broke during the download"),
                "said as a break, not as a server " + "that cannot be reached:\n" + ohtop.text());
        assertTrue(ohtop.shows("nothing was written"), ohtop.text());
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(0, left.count(), "nothing half-written is left");
        }

        ohtop.proxy.faults().clear();
        ohtop.press(KeyType.Enter).untilShows("✓ downloaded");
        assertTrue(Files.readString(folder.resolve("README.md")).startsWith("# Demo project"));
    }

    @Test
    void anUploadWhoseConnectionDropsSaysSoAndEnterTriesAgain(TestReporter reporter) throws Exception {
        Path file = Files.writeString(ohtop.localDir.resolve("notes.txt"), "hello sandbox\n");
        ohtop.press(Action.UPLOAD).untilShows("upload to");
        ohtop.type(file.toString());
        ohtop.proxy.faults().always(Fault.droppedConnection(), FaultSwitch.Target.AGENT);
        ohtop.press(KeyType.Enter).untilShows("tries again");
        reporter.publishEntry(ReliabilityReportKeys.SEEN, failureLine());
        assertTrue(ohtop.shows("the connection to the sandbox broke during the upload"), ohtop.text());

        ohtop.proxy.faults().clear();
        ohtop.press(KeyType.Enter).untilShows("✓ uploaded");
    }

    /** The sandbox of the top row (the console, the transfers act on it). */
    private String topSandbox() {
        return sandboxOf(ohtop.selectedLine().strip().replaceAll(".* ([0-9a-f]{8})$", "$1"));
    }

    /** The sandbox of the conversation whose id starts with {@code shortId}. */
    private String sandboxOf(String shortId) {
        return ohtop.demo.world().conversations().stream()
                .filter(c -> c.id().replace("-", "").startsWith(shortId))
                .findFirst()
                .orElseThrow()
                .sandboxId();
    }

    @Test
    void aStaleSessionKeyIsFetchedAfreshOnceAndTheWorkGoesOn(TestReporter reporter) throws Exception {
        String sandbox = topSandbox();
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
        ohtop.type("echo one").press(KeyType.Enter).untilShows("✓ exit 0");

        ohtop.demo.world().rotateSessionKey(sandbox); // as a resume may do
        long mark = ohtop.proxy.requests().mark();
        ohtop.type("echo two-after-rotation")
                .press(KeyType.Enter)
                .until(
                        "the second command's end",
                        o -> o.lines().stream()
                                        .filter(l -> l.contains("✓ exit 0"))
                                        .count()
                                == 2);
        long refused = ohtop.proxy.requests().since(mark).stream()
                .filter(r -> r.status() == 401)
                .count();
        assertEquals(1, refused, "one refusal, then the fresh key");
        reporter.publishEntry(
                ReliabilityReportKeys.SEEN, "401 once, then: " + ohtop.status().strip());

        ohtop.demo.world().rotateSessionKey(sandbox);
        ohtop.press(Action.BACK).until("home", o -> o.header().contains("conversations"));
        Path folder = Files.createDirectories(ohtop.localDir.resolve("after-rotation"));
        ohtop.press(Action.DOWNLOAD).untilShows("download from");
        ohtop.type("README.md")
                .press(Action.TRANSFER_NEXT_FIELD)
                .ctrl('u')
                .type(folder.toString())
                .press(KeyType.Enter)
                .untilShows("✓ downloaded");
    }

    @Test
    void aKeyChangedWhileACommandIsFollowedIsFetchedAfreshAndItsOutputArrivesOnce(TestReporter reporter) {
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
        String sandbox = sandboxOf(ohtop.header().replaceAll(".*console of ([0-9a-f]{8}).*", "$1"));
        // Arithmetic, so that the command line typed does not show the output looked for.
        long mark = ohtop.proxy.requests().mark();
        ohtop.type("echo before-$((6*7)); sleep 2; echo after-$((6*7))")
                .press(KeyType.Enter)
                .until(
                        "the output followed",
                        o -> o.proxy.requests().since(mark).stream()
                                .anyMatch(r -> r.path().endsWith("/bash_events/search")));

        ohtop.demo.world().rotateSessionKey(sandbox); // while the command's output is being followed
        ohtop.until("the command's end", o -> o.status().contains("exit 0"));
        assertEquals(
                1,
                ohtop.lines().stream().filter(l -> l.strip().equals("after-42")).count(),
                ohtop.text());
        assertEquals(
                1,
                ohtop.lines().stream()
                        .filter(l -> l.strip().equals("before-42"))
                        .count(),
                "what came before the new key is not shown twice: " + ohtop.text());
        assertTrue(
                ohtop.proxy.requests().since(mark).stream().anyMatch(r -> r.status() == 401),
                "the key was refused while the command was followed (" + sandbox + "): "
                        + ohtop.proxy.requests().since(mark).stream()
                                .map(r -> r.method() + " " + r.path() + " " + r.status())
                                .toList());
        reporter.publishEntry(ReliabilityReportKeys.SEEN, ohtop.status().strip());
    }

    @Test
    void aSessionKeyRefusedEvenAfreshIsSaidPlainly(TestReporter reporter) {
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
        ohtop.proxy.faults().always(Fault.status(401), FaultSwitch.Target.AGENT);
        ohtop.type("echo one")
                .press(KeyType.Enter)
                .until(
                        "the refusal said",
                        o -> o.status().contains("HTTP 401")
                                && o.lines().stream()
                                        .anyMatch(l -> l.contains("refused again with a key fetched afresh")));
        reporter.publishEntry(ReliabilityReportKeys.SEEN, ohtop.status().strip());
    }

    @Test
    void aSandboxStillStartingIsSaidAndNothingBreaks(TestReporter reporter) {
        dev.ohtop.demo.ConversationSnapshot starting = ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == dev.ohtop.demo.SandboxStatus.STARTING)
                .findFirst()
                .orElseThrow();
        ohtop.selectConversation(starting.id());
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
        ohtop.type("echo hello")
                .press(KeyType.Enter)
                .until("the sandbox said to be starting", o -> o.status().contains("still starting"));
        reporter.publishEntry(ReliabilityReportKeys.SEEN, ohtop.status().strip());
        assertTrue(ohtop.app.isOpen());
    }

    @Test
    void aCommandWhoseServerFailsSaysWhyAndTheNextOneRuns(TestReporter reporter) {
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
        ohtop.proxy.faults().always(Fault.status(503), FaultSwitch.Target.AGENT);
        ohtop.type("echo one")
                .press(KeyType.Enter)
                .until("the failure said", o -> o.status().contains("503"));
        reporter.publishEntry(ReliabilityReportKeys.SEEN, ohtop.status().strip());

        ohtop.proxy.faults().clear();
        ohtop.type("echo two").press(KeyType.Enter).untilShows("✓ exit 0");
        assertTrue(ohtop.app.isOpen());
    }

    @Test
    void aSandboxRestartingIsSaidAsStartingAndTheConsoleWorksOnceItRuns(TestReporter reporter) {
        String sandbox = topSandbox();
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
        ohtop.type("echo up").press(KeyType.Enter).untilShows("✓ exit 0");

        ohtop.demo.world().restart(sandbox); // its proxy answers 503 until it is up
        long mark = ohtop.proxy.requests().mark();
        ohtop.type("echo while starting")
                .press(KeyType.Enter)
                .until("the sandbox said to be starting", o -> o.status().contains("is still starting"));
        reporter.publishEntry(ReliabilityReportKeys.SEEN, ohtop.status().strip());
        assertTrue(
                ohtop.proxy.requests().since(mark).stream().anyMatch(r -> r.status() == 503),
                "the proxy answered 503 and the app server was asked why");

        ohtop.clock().advanceSeconds(10);
        ohtop.type("echo up again").press(KeyType.Enter).untilShows("  up again");
        assertTrue(ohtop.app.isOpen());
    }

    @Test
    void aProxyAnsweringUnavailableWhileTheSandboxRunsAsksToTryAgainAndTheNextCommandRuns(TestReporter reporter) {
        // The console has read the sandbox's folder (its own request) before the fault is set.
        ohtop.press(Action.OPEN_CONSOLE).untilShows(DemoServer.SANDBOX_FOLDER + " $ ");
        ohtop.proxy.faults().next(1, Fault.status(503), FaultSwitch.Target.AGENT);
        ohtop.type("echo through the proxy")
                .press(KeyType.Enter)
                .until("the failure said", o -> o.status().contains("not answering"));
        String said = ohtop.status().strip();
        reporter.publishEntry(ReliabilityReportKeys.SEEN, said);
        assertTrue(
                said.contains("HTTP 503: the sandbox's agent server is not answering (starting or restarting?)"), said);
        assertTrue(
                ohtop.text().replaceAll("\\s+", " ").contains("(starting or restarting?): try again in a moment"),
                "the whole message in the console:\n" + ohtop.text());

        ohtop.type("echo again").press(KeyType.Enter).untilShows("  again");
    }

    // ---- a command followed through faults (issue 17, items 4, 5 and 7) ---------------------

    /** ohtop again, with requests that time out after 3 s, so that a "slow" answer is one of 6 s. */
    private void restartWithShortRequests() throws Exception {
        ohtop.close();
        ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults()
                .client(ClientOptions.defaults()
                        .withRetry(RetryPolicy.none())
                        .withRequestTimeout(Duration.ofSeconds(3))));
        ohtop.untilShows("30 total");
    }

    /** The path prefix of the top row's sandbox's bash routes (the console acts on it). */
    private String bashRoute(String route) {
        return "/sandboxes/" + topSandbox() + "/api/bash/" + route;
    }

    private void oneFailedPollIsRetried(Fault fault, TestReporter reporter) {
        String search = bashRoute("bash_events/search");
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
        ohtop.proxy.faults().add(fault, FaultSwitch.Target.AGENT, search, 1);
        ohtop.type("echo out-$((6*7))").press(KeyType.Enter).untilShows("retrying: ");
        reporter.publishEntry(ReliabilityReportKeys.SEEN, ohtop.status().strip());

        ohtop.until("the command's real end", o -> o.status().contains("exit 0"));
        assertTrue(ohtop.shows("✓ exit 0"), ohtop.text());
        assertEquals(
                1,
                ohtop.lines().stream().filter(l -> l.strip().equals("out-42")).count(),
                ohtop.text());
        assertTrue(!ohtop.shows("failed"), "not called failed:\n" + ohtop.text());
    }

    @Test
    void aPollForACommandsOutputAnswered500OnceIsRetriedAndTheRealExitCodeShown(TestReporter reporter) {
        oneFailedPollIsRetried(Fault.serverError(), reporter);
    }

    @Test
    void aPollForACommandsOutputWithAMalformedBodyIsRetriedAndTheRealExitCodeShown(TestReporter reporter) {
        oneFailedPollIsRetried(Fault.malformedJson(), reporter);
    }

    @Test
    void aPollForACommandsOutputAnsweredTooSlowlyIsRetriedAndTheRealExitCodeShown(TestReporter reporter)
            throws Exception {
        restartWithShortRequests();
        oneFailedPollIsRetried(Fault.latency(Duration.ofSeconds(6)), reporter);
    }

    @Test
    void aStartAnsweredAfterTheTimeoutSaysTheCommandMayHaveRunThenFindsItAndShowsItsEnd(TestReporter reporter)
            throws Exception {
        restartWithShortRequests();
        String start = bashRoute("start_bash_command");
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
        ohtop.proxy.faults().add(Fault.latency(Duration.ofSeconds(6)), FaultSwitch.Target.AGENT, start, 1);
        ohtop.type("echo ran-$((6*7)); exit 4")
                .press(KeyType.Enter)
                .untilShows("no answer within 3 s: the command may have run");
        assertTrue(!ohtop.shows("✗ failed"), "not called failed:\n" + ohtop.text());

        ohtop.untilShows("✗ exit 4 in");
        assertTrue(ohtop.shows("found it in the sandbox's commands (taken at "), ohtop.text());
        assertEquals(
                1,
                ohtop.lines().stream().filter(l -> l.strip().equals("ran-42")).count(),
                ohtop.text());
        reporter.publishEntry(
                ReliabilityReportKeys.SEEN,
                "no answer within 3 s: the command may have run; then: "
                        + ohtop.status().strip());
    }

    @Test
    void aStartWhoseAnswerCannotBeReadIsLookedForAndSaidProbablyNotRunWhenNotFound(TestReporter reporter) {
        String start = bashRoute("start_bash_command");
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
        ohtop.proxy.faults().add(Fault.malformedJson(), FaultSwitch.Target.AGENT, start, 1);
        ohtop.type("echo never").press(KeyType.Enter).untilShows("the command may have run; looking for it");

        ohtop.clock().advance(dev.ohtop.monitor.SandboxConsole.LOOK_FOR.plusSeconds(1));
        ohtop.untilShows("not found in the sandbox's commands: it probably did not run");
        reporter.publishEntry(ReliabilityReportKeys.SEEN, ohtop.status().strip());
        ohtop.type("echo next").press(KeyType.Enter).untilShows("  next");
    }

    @Test
    void aCommandWhoseDirectoryIsGoneShowsTheSandboxsErrorNotATimeout(TestReporter reporter) {
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
        ohtop.type("mkdir -p gone").press(KeyType.Enter).untilShows("✓ exit 0");
        ohtop.type("cd gone")
                .press(KeyType.Enter)
                .until("in gone", o -> o.header().contains("gone") || o.line(1).contains("/gone"));
        ohtop.type("rmdir ../gone")
                .press(KeyType.Enter)
                .until(
                        "the directory removed",
                        o -> o.lines().stream()
                                        .filter(l -> l.contains("✓ exit 0"))
                                        .count()
                                == 3);

        ohtop.type("ls").press(KeyType.Enter).untilShows("the sandbox could not run it: Error executing command:");
        String said = ohtop.status().strip();
        reporter.publishEntry(ReliabilityReportKeys.SEEN, said);
        assertTrue(said.contains("No such file or directory"), said);
        assertTrue(!ohtop.shows("timed out"), "not said as a timeout:\n" + ohtop.text());
    }
}

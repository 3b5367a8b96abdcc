package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.ConversationQuery;
import dev.ohtop.api.Paging;
import dev.ohtop.api.StartConversationRequest;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting conversations and resuming sandboxes against the demo, with the world moved by a manual scheduler. */
class StartAndResumeTest {
    private DemoCloud demo;
    private ManualScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoCloud(8);
        scheduler = new ManualScheduler(demo.clock);
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void aStartTaskIsFollowedThroughItsStatusesToReady() {
        List<StartTaskTracker.State> states = new ArrayList<>();
        StartTaskTracker[] ref = new StartTaskTracker[1];
        ref[0] = new StartTaskTracker(
                demo.cloud,
                StartConversationRequest.of("Fix the bug", "acme/widgets", "main", "Bug"),
                scheduler,
                demo.clock,
                () -> states.add(ref[0].snapshot().state()));
        StartTaskTracker tracker = ref[0];
        tracker.start();

        StartTaskTracker.StartSnapshot done = runUntilFinished(tracker);

        assertEquals(StartTaskTracker.State.READY, done.state(), done.problem());
        assertNotNull(done.appConversationId());
        assertEquals("WORKING", done.statusesSeen().get(0));
        assertEquals("READY", done.statusesSeen().get(done.statusesSeen().size() - 1));
        assertTrue(done.statusesSeen().size() >= 4, "statuses in between are seen: " + done.statusesSeen());
        assertNull(done.problem());
        assertNotNull(assertDoesNotThrowGet(done.appConversationId()));
    }

    @Test
    void aStartAnsweredUnreadablySaysItMayHaveStartedRatherThanThatItFailed() {
        StartTaskTracker tracker = new StartTaskTracker(
                demo.cloud, StartConversationRequest.of("x", null, null, null), scheduler, demo.clock, () -> {});
        demo.proxy.faults().next(1, Fault.malformedJson(), FaultSwitch.Target.APP);
        tracker.start();
        scheduler.runNext();

        assertEquals(StartTaskTracker.State.FAILED, tracker.snapshot().state());
        assertTrue(
                tracker.snapshot().problem().contains("may have started"),
                tracker.snapshot().problem());
    }

    @Test
    void pollingBacksOffFromTwoSecondsToTen() {
        StartTaskTracker tracker = new StartTaskTracker(
                demo.cloud, StartConversationRequest.of("x", null, null, null), scheduler, demo.clock, () -> {});
        demo.proxy.faults().always(Fault.serverError(), FaultSwitch.Target.APP);
        tracker.start();
        scheduler.runNext(); // the start request itself fails...
        assertEquals(StartTaskTracker.State.FAILED, tracker.snapshot().state());
        assertTrue(
                tracker.snapshot().problem().startsWith("could not start the conversation"),
                tracker.snapshot().problem());

        demo.proxy.faults().clear();
        StartTaskTracker slow = new StartTaskTracker(
                demo.cloud, StartConversationRequest.of("x", null, null, null), scheduler, demo.clock, () -> {});
        slow.start();
        scheduler.runNext();
        demo.proxy.faults().always(Fault.serverError(), FaultSwitch.Target.APP);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            waits.add(scheduler.runNext());
        }
        assertEquals(
                List.of(2L, 4L, 6L, 8L, 10L, 10L, 10L),
                waits.stream().map(Duration::toSeconds).toList());
        assertEquals(StartTaskTracker.State.STARTING, slow.snapshot().state(), "a failed read is retried");
        assertNotNull(slow.snapshot().problem());

        while (!slow.snapshot().finished()) {
            scheduler.runNext();
        }
        assertEquals(StartTaskTracker.State.TIMED_OUT, slow.snapshot().state());
        assertTrue(
                slow.snapshot().problem().contains("not ready after 10 minutes"),
                slow.snapshot().problem());
    }

    @Test
    void aStartOnAFailingRepositoryShowsTheErrorDetail() {
        StartTaskTracker tracker = new StartTaskTracker(
                demo.cloud,
                StartConversationRequest.of("Try", "acme/fail-here", null, null),
                scheduler,
                demo.clock,
                () -> {});
        tracker.start();

        StartTaskTracker.StartSnapshot done = runUntilFinished(tracker);

        assertEquals(StartTaskTracker.State.ERROR, done.state());
        assertEquals("ERROR", done.status());
        assertNotNull(done.detail());
        assertTrue(done.detail().contains("acme/fail-here"), done.detail());
        assertTrue(done.problem().contains(done.detail()));
        assertNull(done.appConversationId());
    }

    @Test
    void fiveRunningConversationsGiveTheWarning() {
        assertFalse(StartTaskTracker.tooManyRunning(4));
        assertNull(StartTaskTracker.runningWarning(4));
        assertTrue(StartTaskTracker.tooManyRunning(5));
        assertEquals(
                "5 conversations are already running; Cloud advises at most 5 at once",
                StartTaskTracker.runningWarning(5));
    }

    @Test
    void aPausedSandboxIsResumedUntilRunningAndItsAgentServerGivenBack() throws Exception {
        AppConversation conversation =
                Paging.collect(p -> demo.cloud.searchConversations(ConversationQuery.all(), p, 100), 1000).stream()
                        .filter(c -> "RUNNING".equals(c.sandboxStatus()))
                        .findFirst()
                        .orElseThrow();
        String sandboxId = conversation.sandboxId();
        assertTrue(demo.cloud.pauseSandbox(sandboxId));
        List<String> statuses = new ArrayList<>();
        SandboxResumer[] ref = new SandboxResumer[1];
        ref[0] = new SandboxResumer(
                demo.cloud,
                sandboxId,
                scheduler,
                demo.clock,
                () -> statuses.add(ref[0].snapshot().status()));
        SandboxResumer resumer = ref[0];

        resumer.start();
        assertEquals(SandboxResumer.State.RESUMING, resumer.snapshot().state());
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 100 && !resumer.snapshot().finished(); i++) {
            waits.add(scheduler.runNext());
        }

        SandboxResumer.ResumeSnapshot done = resumer.snapshot();
        assertEquals(SandboxResumer.State.RUNNING, done.state(), done.problem());
        assertEquals("RUNNING", done.status());
        assertTrue(statuses.contains("STARTING"), "progress shows the status on the way: " + statuses);
        assertTrue(done.elapsed(demo.clock.instant()).toSeconds() > 0);
        assertInstanceOf(AgentServerLocation.Available.class, done.location());
        assertEquals(Duration.ofSeconds(1), waits.get(1), "the first read comes a second after the resume");
        assertTrue(waits.stream().allMatch(w -> w.compareTo(Duration.ofSeconds(5)) <= 0), "waits stay short: " + waits);
    }

    @Test
    void resumingAnUnknownSandboxSaysItIsGone() {
        SandboxResumer resumer = new SandboxResumer(demo.cloud, "no-such-sandbox", scheduler, demo.clock, () -> {});
        resumer.start();
        scheduler.runNext();

        assertEquals(SandboxResumer.State.FAILED, resumer.snapshot().state());
        assertTrue(
                resumer.snapshot().problem().contains("is gone"),
                resumer.snapshot().problem());
    }

    private AppConversation assertDoesNotThrowGet(String id) {
        try {
            return demo.cloud.getConversations(List.of(id)).get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private StartTaskTracker.StartSnapshot runUntilFinished(StartTaskTracker tracker) {
        for (int i = 0; i < 200 && !tracker.snapshot().finished(); i++) {
            scheduler.runNext();
        }
        return tracker.snapshot();
    }
}

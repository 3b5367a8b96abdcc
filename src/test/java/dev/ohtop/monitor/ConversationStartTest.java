package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting a conversation on the demo, the world moved by a manual scheduler and a worker run by hand. */
class ConversationStartTest {
    private DemoCloud demo;
    private ManualScheduler scheduler;
    private final List<Runnable> worker = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        demo = new DemoCloud(8);
        scheduler = new ManualScheduler(demo.clock);
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private ConversationStart.StartProgress runUntilReady(ConversationStart start) {
        for (int i = 0; i < 200 && !start.snapshot().task().finished(); i++) {
            scheduler.runNext();
        }
        return start.snapshot();
    }

    @Test
    void atReadyTheNewConversationIsReadOnceSoItsEventsCanOpen() {
        ConversationStart start = new ConversationStart(
                demo.cloud,
                new ConversationStart.Form("Fix the bug", "acme/widgets", " ", "Bug"),
                scheduler,
                worker::add,
                demo.clock,
                () -> {});
        start.start();

        ConversationStart.StartProgress ready = runUntilReady(start);
        assertEquals(
                StartTaskTracker.State.READY, ready.task().state(), ready.task().problem());
        assertNull(ready.conversation(), "not read before the worker ran");
        demo.markRequests();
        List.copyOf(worker).forEach(Runnable::run);

        ConversationRow row = start.snapshot().conversation();
        assertNotNull(row, start.snapshot().problem());
        assertEquals(ready.task().appConversationId(), row.id());
        assertEquals("Bug", row.title());
        assertEquals(1, worker.size(), "read once, however often the progress changed");
        assertEquals(
                1, demo.requestsSinceMark().size(), demo.requestsSinceMark().toString());
    }
}

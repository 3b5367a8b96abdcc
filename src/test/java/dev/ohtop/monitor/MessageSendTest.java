package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.SandboxStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A message to a conversation's agent, sent through the demo's app server on a worker the test runs by hand. */
class MessageSendTest {
    private DemoCloud demo;
    private ConversationBoard board;
    private final List<Runnable> worker = new ArrayList<>();
    private final AtomicInteger answers = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        demo = new DemoCloud(12);
        board = new ConversationBoard(demo.cloud, demo.clock);
        board.refresh();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private MessageSend to(ConversationSnapshot conversation) {
        return new MessageSend(
                demo.cloud, () -> board.snapshot().row(conversation.id()), worker::add, answers::incrementAndGet);
    }

    private ConversationSnapshot inA(SandboxStatus status) {
        return demo.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == status)
                .findFirst()
                .orElseThrow();
    }

    private void runWorker() {
        List<Runnable> now = List.copyOf(worker);
        worker.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aMessageIsSendingUntilTheServerTakesItThenSentAndTheAgentHasIt() {
        ConversationSnapshot target = inA(SandboxStatus.RUNNING);
        MessageSend message = to(target);

        message.send("please run the linter");
        assertEquals(MessageSend.State.SENDING, message.snapshot().state(), "nothing has answered yet");
        runWorker();

        assertEquals(new MessageSend.MessageSnapshot(MessageSend.State.SENT, null, null), message.snapshot());
        assertEquals(1, answers.get(), "told once, when the server answered");
        assertTrue(demo.demo.world().events(target.id()).stream()
                .anyMatch(e -> e.toString().contains("please run the linter")));
    }

    @Test
    void aPausedSandboxRefusesTheMessageAndIsNamedToBeResumed() {
        ConversationSnapshot target = inA(SandboxStatus.PAUSED);
        MessageSend message = to(target);

        message.send("wake up");
        runWorker();

        MessageSend.MessageSnapshot refused = message.snapshot();
        assertEquals(MessageSend.State.NOT_SENT, refused.state());
        assertEquals("not sent: the sandbox is paused", refused.problem());
        assertEquals(target.sandboxId(), refused.pausedSandbox());
    }

    @Test
    void aSecondSendWhileTheFirstIsOnItsWaySendsNothingMore() {
        ConversationSnapshot target = inA(SandboxStatus.RUNNING);
        MessageSend message = to(target);
        demo.markRequests();

        message.send("once");
        message.send("once");
        runWorker();

        assertEquals(
                1,
                demo.requestsSinceMark().stream()
                        .filter(r -> r.startsWith("POST"))
                        .count(),
                demo.requestsSinceMark().toString());
    }

    @Test
    void withTheWorkersShutDownTheMessageIsKeptAndSaysWhy() {
        ExecutorService gone = Executors.newSingleThreadExecutor();
        gone.shutdownNow();
        ConversationSnapshot target = inA(SandboxStatus.RUNNING);
        MessageSend message = new MessageSend(demo.cloud, () -> board.snapshot().row(target.id()), gone, () -> {});

        message.send("too late");

        assertEquals(MessageSend.State.NOT_SENT, message.snapshot().state(), "it can be sent again");
        assertEquals("not sent: shutting down", message.snapshot().problem());
        assertNull(message.snapshot().pausedSandbox());
    }
}

package dev.ohtop.commands;

import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.monitor.CloudWork;
import dev.ohtop.monitor.SandboxAccess;
import dev.ohtop.monitor.SandboxNotReadyException;
import dev.ohtop.monitor.SandboxResumer;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * One conversation's sandbox, ready for a command ({@code exec}, {@code cp}): the conversation the
 * user named, the screens' own way to its agent server ({@link CloudWork}: the same look-ups,
 * session keys, transfers and resume), and a sandbox that runs. A paused one is said as such (exit
 * 3), or with {@code --resume} woken first and waited for, as the screens' resume offer does.
 */
final class SandboxWork implements AutoCloseable {
    private final Session session;
    private final AppConversation conversation;
    private final ScheduledExecutorService scheduler;
    private final CloudWork work;
    /** Notified on every change the work reports (a transfer's progress, a resume's step). */
    private final Object changes = new Object();

    private SandboxWork(Session session, AppConversation conversation) {
        this.session = session;
        this.conversation = conversation;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ohtop-command");
            t.setDaemon(true);
            return t;
        });
        this.work = session.account().work(null, scheduler, session.clock(), this::changed);
    }

    /**
     * The sandbox of the conversation {@code typed} names, running (resumed first when {@code
     * resume} says), or the failure that says why not.
     *
     * @param resumeHint the command as the user would type it with {@code --resume}, said when the sandbox is paused
     */
    static SandboxWork open(Session session, String typed, boolean resume, String resumeHint)
            throws CommandFailure, InterruptedException {
        if (resume && session.account().isAttached()) {
            session.say("attached to an agent server there is no sandbox to resume: --resume does nothing");
        }
        SandboxWork sandbox = new SandboxWork(session, session.conversation(typed));
        try {
            sandbox.ready(resume && !session.account().isAttached(), resumeHint);
            return sandbox;
        } catch (CommandFailure | InterruptedException | RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    String conversationId() {
        return conversation.id();
    }

    CloudWork work() {
        return work;
    }

    /** The way to the agent server, the one the work's transfers use too. */
    SandboxAccess access() {
        return work.sandbox(conversation.id());
    }

    /** Waits until {@code done} says so; every change the work reports looks again. */
    void await(BooleanSupplier done) throws InterruptedException {
        synchronized (changes) {
            while (!done.getAsBoolean()) {
                changes.wait(1000); // a change told before the wait began is seen at the next look
            }
        }
    }

    private void changed() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    /** Finds the agent server (a paused sandbox has none), resuming the sandbox first when asked. */
    private void ready(boolean resume, String resumeHint) throws CommandFailure, InterruptedException {
        try {
            access().agent();
        } catch (SandboxNotReadyException e) {
            if (!(e.location() instanceof AgentServerLocation.SandboxPaused paused)) {
                throw CommandFailure.server(e.getMessage());
            }
            if (!resume) {
                throw CommandFailure.server(
                        "the sandbox " + paused.sandboxId() + " is paused; " + resumeHint + " resumes it first");
            }
            resume(paused.sandboxId());
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void resume(String sandboxId) throws CommandFailure, InterruptedException {
        session.say("the sandbox " + sandboxId + " is paused: resuming it (this can take a minute)");
        SandboxResumer resumer = work.resumer(sandboxId);
        resumer.start();
        await(() -> resumer.snapshot().finished());
        SandboxResumer.ResumeSnapshot ended = resumer.snapshot();
        if (ended.state() != SandboxResumer.State.RUNNING) {
            throw CommandFailure.server(ended.problem() != null ? ended.problem() : "the sandbox did not resume");
        }
        work.forgetAgentServer(conversation.id()); // a resumed sandbox may answer elsewhere, with a new key
        try {
            access().agent();
        } catch (IOException e) {
            throw failure(e);
        }
        session.say("the sandbox " + sandboxId + " runs again");
    }

    /** A failed call to the servers: an {@link ApiException} as every command says it, anything else the server's. */
    static CommandFailure failure(IOException e) {
        return e instanceof ApiException api ? CommandFailure.from(api) : CommandFailure.server(e.getMessage());
    }

    @Override
    public void close() {
        work.close();
        scheduler.shutdownNow();
    }
}

package dev.ohtop.commands;

import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.monitor.SandboxAccess;
import dev.ohtop.monitor.SandboxNotReadyException;
import java.io.IOException;

/**
 * One conversation's sandbox, ready for a command ({@code exec}, {@code cp}): the conversation the
 * user named, the screens' own way to its agent server ({@link dev.ohtop.monitor.CloudWork}: the same look-ups,
 * session keys, transfers and resume), and a sandbox that runs. A paused one is said as such (exit
 * 3), or with {@code --resume} woken first and waited for, as the screens' resume offer does.
 */
final class SandboxWork implements AutoCloseable {
    private final Session session;
    private final AppConversation conversation;
    private final CommandWork work;

    private SandboxWork(Session session, AppConversation conversation) {
        this.session = session;
        this.conversation = conversation;
        this.work = new CommandWork(session);
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

    /** The monitor's change objects for this command, and the wait for them. */
    CommandWork work() {
        return work;
    }

    /** The way to the agent server, the one the work's transfers use too. */
    SandboxAccess access() {
        return work.cloud().sandbox(conversation.id());
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
        Resume.untilRunning(work, new ConversationSandbox(conversation, sandboxId, "PAUSED"), session);
        try {
            access().agent();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** A failed call to the servers: an {@link ApiException} as every command says it, anything else the server's. */
    static CommandFailure failure(IOException e) {
        return e instanceof ApiException api ? CommandFailure.from(api) : CommandFailure.server(e.getMessage());
    }

    @Override
    public void close() {
        work.close();
    }
}

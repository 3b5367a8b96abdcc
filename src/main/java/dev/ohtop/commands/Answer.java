package dev.ohtop.commands;

import dev.ohtop.api.AppConversation;
import dev.ohtop.monitor.ConfirmationAnswer;
import dev.ohtop.monitor.ConfirmationAnswer.AnswerSnapshot;
import dev.ohtop.monitor.ConfirmationAnswer.State;
import dev.ohtop.monitor.PendingActions;
import dev.ohtop.monitor.PendingActions.PendingAction;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ohtop approve ID} and {@code ohtop reject ID [--reason TEXT]}: the user's answer to the
 * action(s) a conversation in confirmation mode waits on, given as the events screen gives it
 * ({@link ConfirmationAnswer}: what waits is read again right before answering, never answered twice).
 */
final class Answer implements Command {
    private final boolean accept;

    private Answer(boolean accept) {
        this.accept = accept;
    }

    static Answer approve() {
        return new Answer(true);
    }

    static Answer reject() {
        return new Answer(false);
    }

    @Override
    public String name() {
        return accept ? "approve" : "reject";
    }

    @Override
    public String synopsis() {
        return accept ? "approve ID [--yes] [--resume]" : "reject ID [--reason TEXT] [--resume]";
    }

    @Override
    public String summary() {
        return accept
                ? "approve the action(s) a conversation waits to run (confirmation mode)"
                : "reject the action(s) a conversation waits to run (confirmation mode)";
    }

    @Override
    public String details() {
        String what = accept ? """
                Approves the action(s) that conversation ID (a whole id or a unique prefix) waits on in
                confirmation mode: they run, and the agent goes on. An action the agent itself calls
                HIGH risk is approved only with --yes (a script has no y/N to ask): without it nothing
                is answered and ohtop exits 2, naming the action.""" : """
                Rejects the action(s) that conversation ID (a whole id or a unique prefix) waits on in
                confirmation mode: each is answered with a UserRejectObservation carrying --reason
                (default: the server's "User rejected the action."), and the agent stops, idle, until
                it is sent a message.""";
        return what + """


                What waits is read from the agent server right before answering: when the conversation
                no longer waits (someone answered in the web app, or it moved on), nothing is answered,
                stderr says why and ohtop exits 4. Stderr names each action answered (tool, command or
                path, the agent's stated risk); stdout has their event ids, one a line.

                A paused sandbox cannot answer: ohtop says so and exits 3, unless --resume is given:
                then the sandbox is resumed, waited for until it runs, and the answer given. Without a
                clear reply from the server (a timeout) it exits 3 saying the answer may have taken
                effect.""";
    }

    @Override
    public List<Flag> flags() {
        List<Flag> flags = new ArrayList<>();
        if (accept) {
            flags.add(Flag.toggle("--yes", "approve even an action the agent calls HIGH risk"));
        } else {
            flags.add(Flag.value("--reason", "TEXT", "why, for the agent (its UserRejectObservation carries it)"));
        }
        flags.add(Flag.toggle("--resume", "resume a paused sandbox first, then answer"));
        return flags;
    }

    @Override
    public boolean changes() {
        return true;
    }

    @Override
    public void check(Args args) throws CommandFailure {
        args.operands(1, "ID");
    }

    @Override
    public int run(Args args, Session session) throws CommandFailure, InterruptedException {
        AppConversation conversation = session.conversation(args.operands().get(0));
        try (CommandWork work = new CommandWork(session)) {
            ConfirmationAnswer answer = work.cloud().confirmation(conversation.id(), work::changed);
            answer.look();
            AnswerSnapshot waiting = settled(answer, work);
            if (waiting.state() == State.PAUSED && args.has("--resume")) {
                Resume.untilRunning(
                        work, new ConversationSandbox(conversation, waiting.pausedSandbox(), "PAUSED"), session);
                answer.look();
                waiting = settled(answer, work);
            }
            failUnless(State.READY, waiting, conversation, args, session);
            if (accept && PendingActions.anyHighRisk(waiting.actions()) && !args.has("--yes")) {
                waiting.actions().forEach(a -> session.say("waits: " + described(a, session)));
                throw CommandFailure.usage("not approved: the agent calls this HIGH risk; approve it with --yes");
            }
            answer.answer(
                    accept,
                    args.value("--reason"),
                    waiting.actions().stream().map(PendingAction::eventId).toList());
            AnswerSnapshot done = settled(answer, work);
            failUnless(State.DONE, done, conversation, args, session);
            for (PendingAction action : done.actions()) {
                session.say((accept ? "approved: " : "rejected: ") + described(action, session));
                session.out().println(action.eventId());
            }
        }
        return Exit.OK;
    }

    private static AnswerSnapshot settled(ConfirmationAnswer answer, CommandWork work) throws InterruptedException {
        return work.until(answer::snapshot, s -> s.state() != State.LOOKING && s.state() != State.SENDING, s -> {});
    }

    /** Throws the exit for any state but {@code wanted}: nothing waits 4, a server's failure 3. */
    private static void failUnless(
            State wanted, AnswerSnapshot s, AppConversation conversation, Args args, Session session)
            throws CommandFailure {
        if (s.state() == wanted) {
            return;
        }
        if (s.state() == State.NOT_WAITING) {
            throw CommandFailure.notFound(s.problem());
        }
        if (s.state() == State.PAUSED) {
            ConversationSandbox sandbox = new ConversationSandbox(conversation, s.pausedSandbox(), "PAUSED");
            throw CommandFailure.server("nothing answered: " + sandbox.named(session) + " is paused; answer with"
                    + " --resume, or `ohtop resume "
                    + session.line(args.operands().get(0)) + " --wait` first");
        }
        throw CommandFailure.server(s.problem() == null ? "not answered" : s.problem());
    }

    /** "terminal: git push --force origin main (risk HIGH)", inert. */
    private static String described(PendingAction action, Session session) {
        String what = action.what().isEmpty() ? "" : " " + session.line(action.what());
        return session.line(action.tool() == null ? "action" : action.tool()) + ":" + what + " (risk "
                + session.line(action.risk()) + ")";
    }
}

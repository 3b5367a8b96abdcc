package dev.ohtop.commands;

import dev.ohtop.api.AppConversation;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.MessageSend;
import dev.ohtop.monitor.MessageSend.MessageSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code ohtop send ID MESSAGE|-}: a message to the conversation's agent, sent as the message
 * screen sends it (the app server's send-message, attached the agent server's own route).
 */
final class Send implements Command {

    @Override
    public String name() {
        return "send";
    }

    @Override
    public String synopsis() {
        return "send ID MESSAGE|- [--resume]";
    }

    @Override
    public String summary() {
        return "send a message to the conversation's agent (- reads it from stdin)";
    }

    @Override
    public String details() {
        return """
                Sends MESSAGE (or, for -, all of stdin) to the agent of conversation ID (a whole id or
                a unique prefix) as the user's next message; the agent runs on it. Says "sent" on
                stderr and prints nothing on stdout. An empty message exits 2.

                A paused sandbox cannot take a message: the server refuses it (409), ohtop says so
                and exits 3, unless --resume is given: then the sandbox is resumed, waited for until it
                runs, and the message sent.""";
    }

    @Override
    public List<Flag> flags() {
        return List.of(Flag.toggle("--resume", "resume a paused sandbox first, then send"));
    }

    @Override
    public boolean changes() {
        return true;
    }

    @Override
    public void check(Args args) throws CommandFailure {
        String message = args.operands(2, "ID and MESSAGE (or - for stdin)").get(1);
        if (message.isBlank()) {
            throw CommandFailure.usage("the message is empty");
        }
    }

    @Override
    public int run(Args args, Session session) throws CommandFailure, InterruptedException {
        String text = text(args.operands().get(1), session);
        AppConversation conversation = session.conversation(args.operands().get(0));
        ConversationRow row = ConversationRow.of(conversation, false);
        try (CommandWork work = new CommandWork(session)) {
            MessageSend message = work.cloud().message(() -> row, work::changed);
            MessageSnapshot answer = send(message, text, work);
            if (answer.state() != MessageSend.State.SENT && answer.pausedSandbox() != null) {
                ConversationSandbox sandbox = new ConversationSandbox(conversation, answer.pausedSandbox(), "PAUSED");
                if (!args.has("--resume")) {
                    throw CommandFailure.server("not sent: " + sandbox.named(session) + " is paused (the server "
                            + "answered 409); send with --resume, or `ohtop resume "
                            + session.line(args.operands().get(0))
                            + " --wait` first");
                }
                Resume.untilRunning(work, sandbox, session);
                answer = send(message, text, work);
            }
            if (answer.state() != MessageSend.State.SENT) {
                throw CommandFailure.server(answer.problem() == null ? "not sent" : answer.problem());
            }
        }
        session.say("sent");
        return Exit.OK;
    }

    private static MessageSnapshot send(MessageSend message, String text, CommandWork work)
            throws InterruptedException {
        message.send(text);
        return work.until(message::snapshot, s -> s.state() != MessageSend.State.SENDING, s -> {});
    }

    /** The operand, or all of stdin for "-" (its last line break dropped); never empty. */
    private static String text(String operand, Session session) throws CommandFailure {
        if (!operand.equals("-")) {
            return operand;
        }
        String text;
        try {
            text = new String(session.in().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CommandFailure.usage("cannot read the message from stdin: " + e.getMessage());
        }
        if (text.isBlank()) {
            throw CommandFailure.usage("the message on stdin is empty");
        }
        return text.endsWith("\r\n")
                ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}

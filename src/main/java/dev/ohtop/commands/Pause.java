package dev.ohtop.commands;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import java.util.List;

/** {@code ohtop pause ID}: the conversation's sandbox paused, through the app server. */
final class Pause implements Command {

    @Override
    public String name() {
        return "pause";
    }

    @Override
    public String synopsis() {
        return "pause ID";
    }

    @Override
    public String summary() {
        return "pause the conversation's sandbox (its agent stops until resumed)";
    }

    @Override
    public String details() {
        return """
                Asks the app server to pause the sandbox of conversation ID (a whole id or a unique
                prefix): its agent server stops, and so does anything running in it, until `ohtop
                resume ID`. Says on stderr what was done; prints nothing on stdout. A sandbox already
                paused is left as it is (exit 0). Needs the app server (not --agent-server).""";
    }

    @Override
    public List<Flag> flags() {
        return List.of();
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
    public int run(Args args, Session session) throws CommandFailure {
        CloudClient cloud = session.appServer("pause");
        ConversationSandbox sandbox =
                ConversationSandbox.of(session, args.operands().get(0));
        if (sandbox.is("PAUSED")) {
            session.say(sandbox.named(session) + " is already paused");
            return Exit.OK;
        }
        try {
            if (!cloud.pauseSandbox(sandbox.id())) {
                throw CommandFailure.server("the server did not confirm the pause of " + sandbox.named(session));
            }
        } catch (ApiException e) {
            throw CommandFailure.fromChange(e, "the pause of " + sandbox.named(session));
        }
        session.say("paused " + sandbox.named(session));
        return Exit.OK;
    }
}

package dev.ohtop.commands;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import dev.ohtop.monitor.SandboxResumer;
import dev.ohtop.monitor.SandboxResumer.ResumeSnapshot;
import java.util.List;
import java.util.Objects;

/** {@code ohtop resume ID [--wait]}: the conversation's sandbox woken, and with --wait followed to RUNNING. */
final class Resume implements Command {

    @Override
    public String name() {
        return "resume";
    }

    @Override
    public String synopsis() {
        return "resume ID [--wait]";
    }

    @Override
    public String summary() {
        return "resume the conversation's paused sandbox (--wait: until it runs)";
    }

    @Override
    public String details() {
        return """
                Asks the app server to resume the sandbox of conversation ID (a whole id or a unique
                prefix). Without --wait it returns once the server took the request; with --wait it
                reads the sandbox's status with growing pauses until RUNNING, saying each new status
                on stderr, and exits 3 when the sandbox goes to ERROR or MISSING or is not running
                after %d minutes. Prints nothing on stdout. A sandbox already running is left as it
                is (exit 0). Needs the app server (not --agent-server).""".formatted(SandboxResumer.GIVE_UP_AFTER.toMinutes());
    }

    @Override
    public List<Flag> flags() {
        return List.of(Flag.toggle("--wait", "wait until the sandbox runs"));
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
        CloudClient cloud = session.appServer("resume");
        ConversationSandbox sandbox =
                ConversationSandbox.of(session, args.operands().get(0));
        if (sandbox.is("RUNNING")) {
            session.say(sandbox.named(session) + " is already running");
            return Exit.OK;
        }
        if (args.has("--wait")) {
            try (CommandWork work = new CommandWork(session)) {
                untilRunning(work, sandbox, session);
            }
            return Exit.OK;
        }
        try {
            if (!cloud.resumeSandbox(sandbox.id())) {
                throw CommandFailure.server("the server did not confirm the resume of " + sandbox.named(session));
            }
        } catch (ApiException e) {
            throw CommandFailure.fromChange(e, "the resume of " + sandbox.named(session));
        }
        session.say("resuming " + sandbox.named(session) + " (with --wait ohtop waits until it runs)");
        return Exit.OK;
    }

    /**
     * Resumes the sandbox and waits until it runs, saying each new status; exit 3 when it will not.
     * The conversation's agent server is then looked up afresh.
     */
    static void untilRunning(CommandWork work, ConversationSandbox sandbox, Session session)
            throws CommandFailure, InterruptedException {
        SandboxResumer resumer = work.cloud().resumer(sandbox.id());
        session.say("resuming " + sandbox.named(session));
        resumer.start();
        String[] said = {sandbox.status()};
        ResumeSnapshot end = work.until(resumer::snapshot, ResumeSnapshot::finished, s -> {
            if (s.status() != null && !Objects.equals(s.status(), said[0])) {
                said[0] = s.status();
                session.say("sandbox " + s.status());
            }
        });
        if (end.state() != SandboxResumer.State.RUNNING) {
            throw CommandFailure.server(end.problem() == null ? "the sandbox did not come up" : end.problem());
        }
        // A resumed sandbox may answer at a new address, with a new key: the next call looks it up.
        work.cloud().forgetAgentServer(sandbox.conversation().id());
        session.say(sandbox.named(session) + " is running");
    }
}

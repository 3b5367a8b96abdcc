package dev.ohtop.commands;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.testing.CommandRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/** A demo server with a {@link DemoProxy} in front (faults, the request log), for one command test. */
final class CommandDemo implements AutoCloseable {
    final DemoProxy proxy = new DemoProxy();
    final DemoServer server;

    private CommandDemo(Clock clock) {
        try {
            server = proxy.startDemo(DemoConfig.defaults().withClock(clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Demo time ten times as fast as the wall clock: starts and resumes finish within a read or two. */
    static CommandDemo fast() {
        return new CommandDemo(new FastClock(10));
    }

    static CommandDemo at(Clock clock) {
        return new CommandDemo(clock);
    }

    /** {@code ohtop ARGS} against this demo, through the proxy. */
    CommandRun run(String... args) {
        return runWithStdin("", args);
    }

    CommandRun runWithStdin(String stdin, String... args) {
        return CommandRun.against(server.appServerUrl(), server.apiKey(), stdin, args);
    }

    /** A conversation whose sandbox has {@code status} now. */
    ConversationSnapshot conversationIn(SandboxStatus status) {
        return server.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == status)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo has no conversation in a " + status + " sandbox"));
    }

    SandboxStatus sandboxStatus(String sandboxId) {
        return server.world().sandboxes().stream()
                .filter(s -> s.id().equals(sandboxId))
                .findFirst()
                .orElseThrow()
                .status();
    }

    @Override
    public void close() {
        server.close();
    }
}

package dev.ohtop.demo;

import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A demo server per test with default settings, a manual clock at {@link ManualClock#atDemoStart()},
 * its own scratch directory and a {@link DemoProxy} in front. Use as {@code @RegisterExtension final DemoFixture demo = new DemoFixture();}.
 */
final class DemoFixture implements BeforeEachCallback, AfterEachCallback {
    private final ManualClock clock = ManualClock.atDemoStart();
    private final DemoProxy proxy = new DemoProxy();
    private Path scratch;
    private DemoServer server;
    private DemoHttp http;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        scratch = Files.createTempDirectory("ohtop-demo-test-");
        server = proxy.startDemo(DemoConfig.defaults().withClock(clock).withScratchRoot(scratch));
        http = new DemoHttp(server);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        server.close();
        // Tests may have started more servers in here; walking does not follow symlinks out of the tree.
        try (Stream<Path> paths = Files.walk(scratch)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    ManualClock clock() {
        return clock;
    }

    DemoServer server() {
        return server;
    }

    DemoProxy proxy() {
        return proxy;
    }

    DemoHttp http() {
        return http;
    }

    Path scratch() {
        return scratch;
    }

    /** A conversation whose sandbox is RUNNING and whose agent is running. */
    ConversationSnapshot running() {
        return DemoHttp.withExecutionStatus(server, "running");
    }
}

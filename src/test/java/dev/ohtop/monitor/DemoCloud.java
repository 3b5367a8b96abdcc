package dev.ohtop.monitor;

import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.SeenRequest;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.util.List;

/**
 * A demo server on a manual clock with a {@link DemoProxy} in front, and a Cloud client for it that does not retry on its own, so
 * the monitor's own handling of failures is what a test sees.
 */
final class DemoCloud implements AutoCloseable {
    final ManualClock clock = ManualClock.atDemoStart();
    final DemoProxy proxy = new DemoProxy();
    final DemoServer demo;
    final CloudClient cloud;
    private long mark;

    DemoCloud(int conversations) throws IOException {
        demo = proxy.startDemo(DemoConfig.defaults().withClock(clock).withConversationCount(conversations));
        ClientOptions options = ClientOptions.defaults().withRetry(RetryPolicy.none());
        cloud = new CloudClient(
                HttpCore.newHttpClient(options), demo.appServerUrl(), Credential.bearer(demo.apiKey()), options);
    }

    /** Starts counting requests afresh. */
    void markRequests() {
        mark = proxy.requests().mark();
    }

    /** The requests since {@link #markRequests()}, as "GET /path?query" lines. */
    List<String> requestsSinceMark() {
        return proxy.requests().since(mark).stream().map(DemoCloud::line).toList();
    }

    private static String line(SeenRequest r) {
        return r.method() + " " + r.path() + (r.rawQuery() == null ? "" : "?" + r.rawQuery());
    }

    @Override
    public void close() {
        demo.close();
    }
}

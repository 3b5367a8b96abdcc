package dev.ohtop.monitor;

import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.ConversationQuery;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.Paging;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;

/**
 * A demo server on a manual clock (the world moves only when a test says) with real bash and
 * files and a {@link DemoProxy} in front, a Cloud client that does not retry, and the way into one
 * running conversation's sandbox.
 */
final class DemoSandbox implements AutoCloseable {
    final ManualClock clock = ManualClock.atDemoStart();
    final DemoProxy proxy = new DemoProxy();
    final DemoServer demo;
    final ClientOptions options = ClientOptions.defaults().withRetry(RetryPolicy.none());
    final HttpClient http = HttpCore.newHttpClient(options);
    final CloudClient cloud;
    final AppConversation conversation;
    final SandboxAccess access;

    DemoSandbox(Path scratch) throws IOException {
        demo = proxy.startDemo(
                DemoConfig.defaults().withClock(clock).withScratchRoot(scratch).withConversationCount(8));
        cloud = new CloudClient(http, demo.appServerUrl(), Credential.bearer(demo.apiKey()), options);
        conversation = Paging.collect(p -> cloud.searchConversations(ConversationQuery.all(), p, 100), 1000).stream()
                .filter(c -> "running".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo has a running conversation"));
        access = new SandboxAccess(cloud, conversation.id(), http, options);
    }

    AgentServerClient agent() throws IOException {
        return access.agent();
    }

    @Override
    public void close() {
        demo.close();
    }
}

package dev.ohtop.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.keymap.Action;
import dev.ohtop.testing.LocalAddresses;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Where ohtop's keys may travel, seen on screen: not over plain http to a host that is not
 * loopback (an app server, or an agent server a conversation points at), and not along a
 * redirect to another host. {@code elsewhere} listens on every interface and records what it
 * hears: it must hear nothing.
 */
@Tag("security")
@DisplayName("Credentials travel only where they should")
class WhereCredentialsGoTest {
    private static final String KEY = "sk-oh-where-0123456789abcdef";
    private static final String SESSION_KEY = "sess-where-0123456789abcdef";
    /** Wide enough for the whole message on the status line. */
    private static final VirtualOhtop.Setup WIDE = VirtualOhtop.Setup.defaults().size(220, 30);

    private final WireMockServer elsewhere =
            new WireMockServer(wireMockConfig().dynamicPort().bindAddress("0.0.0.0"));
    private FakeCloud cloud;
    private VirtualOhtop ohtop;

    @BeforeEach
    void start() {
        elsewhere.start();
        elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{}")));
    }

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
        if (cloud != null) {
            cloud.close();
        }
        elsewhere.stop();
    }

    private static InetAddress nonLoopback() {
        InetAddress address = LocalAddresses.nonLoopback().orElse(null);
        assumeTrue(address != null, "this machine has no address but loopback");
        return address;
    }

    /** ohtop on the fake cloud, its conversation's agent server at {@code agent}, the list shown. */
    private void onCloud(URI agent) throws Exception {
        cloud = new FakeCloud()
                .agentServer(agent, SESSION_KEY)
                .conversation("c0ffee00000000000000000000000001", "Where", "acme/where", "main", "m", "running", 1)
                .serve();
        ohtop = VirtualOhtop.on(cloud.url(), KEY, WIDE).forbid(SESSION_KEY);
        ohtop.untilShows("1 total");
    }

    private String runInConsole() {
        ohtop.press(Action.OPEN_CONSOLE).until("the console", o -> o.header().contains("console of c0ffee00"));
        return ohtop.type("ls")
                .press(KeyType.Enter)
                .until("the command's end", o -> o.status().contains("failed"))
                .status()
                .strip();
    }

    @Test
    void anAppServerOnPlainHttpAwayFromLoopbackIsRefusedAndHearsNothing(TestReporter reporter) throws Exception {
        InetAddress address = nonLoopback();
        ohtop = VirtualOhtop.on(URI.create("http://" + address.getHostAddress() + ":" + elsewhere.port()), KEY, WIDE);

        ohtop.until("the refusal", o -> o.status().contains("will not send"));

        assertTrue(
                ohtop.status()
                        .contains("will not send credentials over plain http to " + address.getHostAddress()
                                + "; use https, or --insecure"),
                ohtop.status());
        assertEquals(0, elsewhere.getAllServeEvents().size(), "the server heard nothing");
        reporter.publishEntry("seen", ohtop.status().strip());
    }

    @Test
    void anAgentServerOnPlainHttpAwayFromLoopbackIsRefusedAndHearsNothing(TestReporter reporter) throws Exception {
        InetAddress address = nonLoopback();
        onCloud(URI.create("http://" + address.getHostAddress() + ":" + elsewhere.port()));

        String status = runInConsole();

        assertTrue(status.contains("will not send credentials over plain http to " + address.getHostAddress()), status);
        assertEquals(0, elsewhere.getAllServeEvents().size(), "the agent server heard nothing");
        reporter.publishEntry("seen", status);
    }

    @Test
    void anAppServerRedirectToAnotherHostIsNotFollowedWithTheKey(TestReporter reporter) throws Exception {
        onCloud(URI.create("http://127.0.0.1:1"));
        cloud.wire()
                .stubFor(get(urlPathEqualTo("/api/v1/app-conversations/search"))
                        .willReturn(aResponse()
                                .withStatus(302)
                                .withHeader("Location", "http://localhost:" + elsewhere.port() + "/steal")));

        ohtop.until("the redirect said", o -> o.status().contains("redirect not followed"));

        assertTrue(
                ohtop.status().contains("the server redirected to localhost; not followed with credentials"),
                ohtop.status());
        assertEquals(0, elsewhere.getAllServeEvents().size(), "the other host heard nothing");
        reporter.publishEntry("seen", ohtop.status().strip());
    }

    @Test
    void anAgentServerRedirectToAnotherHostIsNotFollowedWithTheSessionKey(TestReporter reporter) throws Exception {
        WireMockServer agent = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        agent.start();
        try {
            agent.stubFor(any(anyUrl())
                    .willReturn(aResponse()
                            .withStatus(307)
                            .withHeader("Location", "http://localhost:" + elsewhere.port() + "/steal")));
            onCloud(URI.create(agent.baseUrl()));

            String status = runInConsole();

            assertTrue(status.contains("the server redirected to localhost; not followed with credentials"), status);
            assertTrue(agent.getAllServeEvents().size() >= 1, "the agent server was asked");
            assertEquals(0, elsewhere.getAllServeEvents().size(), "the other host heard nothing");
            reporter.publishEntry("seen", status);
        } finally {
            agent.stop();
        }
    }
}

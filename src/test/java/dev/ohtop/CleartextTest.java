package dev.ohtop;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ohtop.testing.LocalAddresses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * ohtop as started from the shell ({@link Main#run}) with a base URL on plain http to a host that
 * is not loopback: refused with one clear line before anything is sent, unless {@code --insecure}.
 * The server listens on every interface and is named by this machine's non-loopback address, so
 * a request that went out would really arrive.
 */
@Tag("security")
@DisplayName("Credentials travel only where they should")
class CleartextTest {
    private static final String KEY = "sk-oh-cleartext-0123456789abcdef";

    private WireMockServer server;
    private InetAddress address;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("0.0.0.0"));
        server.start();
        for (String search : new String[] {"/api/v1/app-conversations/search", "/api/v1/sandboxes/search"}) {
            server.stubFor(get(urlPathEqualTo(search)).willReturn(okJson("{\"items\":[],\"next_page_id\":null}")));
        }
        server.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/count")).willReturn(okJson("0")));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private record Run(int exit, String out, String err) {}

    private Run ohtop(Path dir, String... flags) throws Exception {
        address = LocalAddresses.nonLoopback().orElse(null);
        assumeTrue(address != null, "this machine has no address but loopback");
        Path keyFile = Files.writeString(dir.resolve("key"), KEY);
        String[] args = new String[flags.length + 5];
        System.arraycopy(flags, 0, args, 0, flags.length);
        String url = "http://" + address.getHostAddress() + ":" + server.port();
        System.arraycopy(
                new String[] {"--list", "--base-url", url, "--api-key-file", keyFile.toString()},
                0,
                args,
                flags.length,
                5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aNonLoopbackHostOnPlainHttpIsRefusedBeforeAnythingIsSent(@TempDir Path dir, TestReporter reporter)
            throws Exception {
        Run run = ohtop(dir);

        assertEquals(2, run.exit(), run.toString());
        assertEquals(
                "ohtop: will not send the API key over plain http to " + address.getHostAddress()
                        + "; use https, or --insecure if you really mean it\n",
                run.err());
        assertEquals("", run.out());
        assertEquals(0, server.getAllServeEvents().size(), "nothing reached the server");
        reporter.publishEntry("seen", run.err().strip());
    }

    @Test
    void withInsecureTheSameUrlIsUsedAsTheUserAsked(@TempDir Path dir, TestReporter reporter) throws Exception {
        Run run = ohtop(dir, "--insecure");

        assertEquals(0, run.exit(), run.toString());
        assertTrue(
                server.getAllServeEvents().stream()
                        .anyMatch(e -> ("Bearer " + KEY).equals(e.getRequest().getHeader("Authorization"))),
                "the server heard the key");
        reporter.publishEntry("seen", run.out().lines().findFirst().orElse(""));
    }

    /** A self-hosted OpenHands on this machine ({@code --base-url http://localhost:3000}) needs no flag. */
    @Test
    void loopbackOnPlainHttpNeedsNoFlag() throws Exception {
        for (String url : new String[] {"http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"}) {
            Options o = Options.parse(new String[] {"--base-url", url}, java.util.Map.of(Options.KEY_VARIABLE, KEY));
            assertEquals(url, o.baseUrl().toString());
        }
    }
}

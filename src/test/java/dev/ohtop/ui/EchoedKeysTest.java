package dev.ohtop.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.keymap.Action;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Servers that echo a key back in an error (a proxy quoting the header it refused, an agent
 * server naming the session key it did not know): the message reaches the screen and the log
 * with the key as {@code ****}, and no frame shows any 8 characters of it.
 */
@Tag("security")
@DisplayName("Keys never leak")
class EchoedKeysTest {
    private final String apiKey = "sk-oh-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(20));
    private final String sessionKey = "sess-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private WireMockServer agent;
    private FakeCloud cloud;
    private VirtualOhtop ohtop;

    @BeforeEach
    void start() throws IOException {
        agent = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        agent.start();
        agent.stubFor(any(anyUrl())
                .willReturn(json(
                        401,
                        "{\"detail\":\"Unauthorized: X-Session-API-Key " + sessionKey
                                + " is not a key of this sandbox\"}")));
        cloud = new FakeCloud()
                .agentServer(URI.create(agent.baseUrl()), sessionKey)
                .conversation("c0ffee00000000000000000000000001", "Echo", "acme/echo", "main", "m", "running", 1)
                .serve();
        cloud.wire()
                .stubFor(get(urlPathEqualTo("/api/v1/users/me"))
                        .willReturn(json(401, "{\"detail\":\"key " + apiKey + " is not valid\"}")));
        ohtop = VirtualOhtop.on(cloud.url(), apiKey, VirtualOhtop.Setup.defaults())
                .forbid(sessionKey);
        ohtop.untilShows("1 total");
    }

    @AfterEach
    void stop() {
        try {
            assertEquals(List.of(), ohtop.leaks());
        } finally {
            ohtop.close();
            cloud.close();
            agent.stop();
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private String log() throws IOException {
        return Files.readString(ohtop.logFile());
    }

    private void assertNoPieceOfAKeyIn(String where, String text) {
        for (String secret : List.of(apiKey, sessionKey)) {
            for (int i = 0; i + 8 <= secret.length(); i++) {
                assertFalse(text.contains(secret.substring(i, i + 8)), "a piece of a key in " + where);
            }
        }
    }

    @Test
    void anApiKeyEchoedByTheAppServerIsShownAndLoggedAsStarsInALogOnlyItsOwnerMayRead(TestReporter reporter)
            throws IOException {
        ohtop.until("the account's failure logged", o -> {
            try {
                return log().contains("could not read the account");
            } catch (IOException e) {
                return false;
            }
        });
        cloud.wire()
                .stubFor(get(urlPathEqualTo("/api/v1/app-conversations/search"))
                        .willReturn(json(
                                403,
                                "{\"error\":\"Authorization: Bearer " + apiKey + " refused for "
                                        + apiKey.substring(0, 12) + "\"}")));
        ohtop.until("the refusal in the status line", o -> o.status().contains("HTTP 403"));

        assertTrue(
                ohtop.status().contains("Authorization: Bearer **** refused for ****"),
                "the key, and its first 12 characters: " + ohtop.status());
        assertTrue(log().contains("key **** is not valid"), log());
        assertNoPieceOfAKeyIn("the log", log());
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(ohtop.logFile())),
                "the log is its owner's only");
        reporter.publishEntry(
                "seen",
                ohtop.status().strip() + " / log (rw-------): "
                        + log().lines()
                                .filter(l -> l.contains("****"))
                                .findFirst()
                                .orElse("")
                                .replaceAll("^\\S+ ", ""));
    }

    @Test
    void aSessionKeyEchoedByAnAgentServerIsShownAsStarsInTheConsoleAndTheTransfer(TestReporter reporter)
            throws IOException {
        ohtop.press(Action.OPEN_CONSOLE).until("the console", o -> o.header().contains("console of c0ffee00"));
        ohtop.type("ls")
                .press(KeyType.Enter)
                .until("the refusal", o -> o.status().contains("HTTP 401"));
        String console = ohtop.status().strip();
        assertTrue(console.contains("Unauthorized: X-Session-API-Key **** is not a key"), console);

        ohtop.press(Action.BACK).until("the list", o -> o.header().contains("conversations"));
        ohtop.press(Action.DOWNLOAD).until("the download form", o -> o.header().contains("download from c0ffee00"));
        ohtop.type("README.md").press(KeyType.Enter).until("the refusal", o -> o.shows("✗ "));
        String transfer = ohtop.line(ohtop.rowOf("✗ ")).strip();
        assertTrue(transfer.contains("****"), ohtop.text());
        assertNoPieceOfAKeyIn("the log", log());
        assertTrue(agent.getAllServeEvents().size() >= 2, "the agent server was asked");
        reporter.publishEntry("seen", console + " / " + transfer);
    }
}

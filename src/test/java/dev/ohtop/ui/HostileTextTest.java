package dev.ohtop.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.keymap.Action;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * A server that sends escape sequences, controls, bidi overrides and 100 kB lines in every text
 * it can: they reach the terminal only as inert, visible text, cut to their columns. Every cell
 * of every frame and everything written to the terminal is checked by {@link VirtualOhtop}.
 */
@org.junit.jupiter.api.Tag("security")
@org.junit.jupiter.api.DisplayName("Hostile text from the network is drawn inert")
class HostileTextTest {
    /** Clear screen, red, window title, clipboard (OSC 52), bell, NUL, C1 CSI, DEL, right-to-left override. */
    static final String HOSTILE = "evil\u001b[2J\u001b[31mred\u001b]0;pwned\u0007 clip\u001b]52;c;ZXZpbA==\u0007"
            + " bell\u0007 nul\u0000 c1\u009b31m del\u007f bidi\u202Etxt.exe";
    /** The same, as ohtop must show it. */
    static final String SHOWN = "evil^[[2J^[[31mred^[]0;pwned^G clip^[]52;c;ZXZpbA==^G"
            + " bell^G nul^@ c1^[[31m del^? bidi<U+202E>txt.exe";

    static final String HUGE_TITLE = "T" + "x".repeat(100_000);
    static final String HUGE_LINE = "L" + "y".repeat(100_000);
    static final String EVIL = "c0ffee00000000000000000000000001";
    static final String LONG = "c0ffee00000000000000000000000002";

    private FakeCloud cloud;
    /** The conversations' agent server: every answer an error whose body is {@link #HOSTILE}. */
    private WireMockServer agent;

    private VirtualOhtop ohtop;

    @BeforeEach
    void start() throws Exception {
        agent = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        agent.start();
        agent.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody(detail(HOSTILE))));
        cloud = new FakeCloud()
                .agentServer(java.net.URI.create(agent.baseUrl()), "sess-hostile-0123456789abcdef")
                .email("me\u001b]0;owned\u0007@example.com")
                .conversation(
                        EVIL,
                        HOSTILE,
                        "acme/\u001b[31mrepo\u202E",
                        "main\u0007",
                        "x/\u001b]0;model\u0007",
                        "running",
                        1)
                .conversation(LONG, HUGE_TITLE, "acme/long", "main", "m", "idle", 5)
                .events(
                        EVIL,
                        5,
                        List.of(
                                FakeCloud.message("e1", "2026-11-27T10:15:01.000000", "user", HOSTILE),
                                FakeCloud.action(
                                        "a1",
                                        "2026-11-27T10:15:02.000000",
                                        "t1",
                                        "printf '\u001b]52;c;ZXZpbA==\u0007'",
                                        HOSTILE),
                                FakeCloud.observation(
                                        "o1", "2026-11-27T10:15:03.000000", "a1", "t1", "printf", HOSTILE),
                                FakeCloud.event(
                                        "Evil\u001b[31mKind\u009b", "u1", "2026-11-27T10:15:04.000000", "agent\u0007"),
                                FakeCloud.message("e2", "2026-11-27T10:15:05.000000", "assistant", HUGE_LINE)))
                .serve();
        ohtop = VirtualOhtop.on(
                cloud.url(), FakeCloud.KEY, VirtualOhtop.Setup.defaults().size(160, 40));
        ohtop.untilShows("2 total").untilShows("@example.com");
    }

    @AfterEach
    void stop() {
        try {
            assertEquals(List.of(), ohtop.controlsSeen(), "nothing a terminal would obey reached it");
            assertTrue(ohtop.framesChecked() > 0, "frames were checked: " + ohtop.framesChecked());
        } finally {
            ohtop.close();
            cloud.close();
            agent.stop();
        }
    }

    private static String detail(String text) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("detail", text)
                .toString();
    }

    @Test
    void hostileTitlesRepositoriesAndAccountsAreShownInert(TestReporter reporter) {
        assertTrue(ohtop.header().contains("me^[]0;owned^G@example.com"), ohtop.header());
        int row = ohtop.rowOf("evil^[[2J");
        assertTrue(row > 0, ohtop.text());
        assertTrue(ohtop.line(row).contains("evil^[[2J^[[31mred^[]0;pwned^G clip^[]52;c;"), ohtop.line(row));
        assertTrue(ohtop.line(row).contains("acme/^[[31mrepo<U+202E>@m…"), "cut to its column: " + ohtop.line(row));
        assertTrue(ohtop.line(row).contains(" ^[]0;model^G "), "the model, after its last slash: " + ohtop.line(row));
        reporter.publishEntry("seen", ohtop.line(row).strip());
    }

    @Test
    void aHundredKilobyteTitleIsCutToItsColumn() {
        String columns = ohtop.line(2);
        int title = columns.indexOf("TITLE");
        int repository = columns.indexOf("REPOSITORY");
        int width = repository - title - 1;
        String row = ohtop.line(ohtop.rowOf("Txxxx"));

        assertEquals("T" + "x".repeat(width - 2) + "…", row.substring(title, title + width), row);
        assertTrue(row.substring(repository).startsWith("acme/long@main"), row);
        assertTrue(row.stripTrailing().endsWith("c0ffee00"), "the columns after it are where they belong: " + row);
    }

    @Test
    void hostileEventsAreShownInertInTheTailTheChecklistAndTheDetail(TestReporter reporter) {
        ohtop.press(KeyType.Enter).untilShows("5/5 events");
        assertTrue(ohtop.line(1).startsWith(" evil^[[2J"), ohtop.line(1));
        assertTrue(ohtop.shows("user: evil^[[2J^[[31mred^[]0;pwned^G"), ohtop.text());
        assertTrue(ohtop.shows("agent^G"), "a hostile source: " + ohtop.text());
        assertTrue(ohtop.shows("Evil^[[31mKind^[["), "a hostile kind: " + ohtop.text());
        String huge = ohtop.line(ohtop.rowOf("assistant: Lyyy"));
        assertTrue(huge.endsWith("y…"), "a 100 kB line is cut at the edge: " + huge);

        ohtop.type("k").untilShows("Choose kinds");
        assertTrue(ohtop.shows("[x] Evil^[[31mKind^[["), ohtop.text());
        ohtop.press(KeyType.Escape).untilShows("5/5 events");

        ohtop.press(KeyType.Home)
                .until("the first event selected", o -> o.selectedLine().contains("user: evil"));
        ohtop.press(KeyType.Enter).untilShows("kind           MessageEvent");
        assertTrue(ohtop.shows("text           " + SHOWN), ohtop.text());
        reporter.publishEntry("seen", ohtop.line(ohtop.rowOf("text           ")).strip());
        ohtop.press(KeyType.End).untilShows("}");
        assertTrue(ohtop.shows("<U+202E>"), "the raw JSON names the override too: " + ohtop.text());

        ohtop.press(KeyType.Escape)
                .press(KeyType.ArrowDown)
                .until(
                        "the action selected",
                        o -> o.selectedLine() != null && o.selectedLine().contains("Action"));
        ohtop.press(KeyType.Enter).untilShows("kind           ActionEvent");
        assertTrue(ohtop.shows("argument       printf '^[]52;c;ZXZpbA==^G'"), ohtop.text());
        ohtop.type("p").untilShows("kind           ObservationEvent");
        assertTrue(ohtop.shows("output         " + SHOWN), ohtop.text());

        ohtop.press(KeyType.Escape)
                .press(KeyType.End)
                .until(
                        "the huge message selected",
                        o -> o.selectedLine() != null && o.selectedLine().contains("assistant: Lyyy"));
        ohtop.press(KeyType.Enter).untilShows("kind           MessageEvent");
        for (String line : ohtop.lines()) {
            assertEquals(160, line.length());
        }
        ohtop.press(KeyType.End).untilShows("}");
    }

    /** A row below the header that shows {@code text}, or -1: the console's header repeats the hostile title. */
    private int rowBelowHeaderWith(String text) {
        for (int row = 2; row < ohtop.size().getRows(); row++) {
            if (ohtop.line(row).contains(text)) {
                return row;
            }
        }
        return -1;
    }

    /**
     * One-line error messages drop controls (a space each) and show a bidi override by name;
     * bytes that are no UTF-8 (C1 OSC and ST as Latin-1, 0xFF) are replacement characters.
     */
    @Test
    void errorMessagesFromTheAppServerAreShownInert(TestReporter reporter) {
        cloud.wire()
                .stubFor(get(urlPathEqualTo("/api/v1/app-conversations/search"))
                        .willReturn(aResponse()
                                .withStatus(500)
                                .withHeader("Content-Type", "application/json")
                                .withBody(detail(HOSTILE))));
        ohtop.until("the error in the status line", o -> o.status().contains("HTTP 500"));
        assertTrue(
                ohtop.status()
                        .contains("evil [2J [31mred ]0;pwned clip ]52;c;ZXZpbA== bell nul c1 31m del "
                                + "bidi<U+202E>txt.exe"),
                ohtop.status());
        String json = ohtop.status().strip();

        cloud.wire()
                .stubFor(get(urlPathEqualTo("/api/v1/app-conversations/search"))
                        .willReturn(aResponse()
                                .withStatus(400)
                                .withHeader("Content-Type", "text/plain")
                                .withBody("plain\u001bP1$r\u001b\\ \u009d8;;x\u009c bad\u00ff\u0000end"
                                        .getBytes(StandardCharsets.ISO_8859_1))));
        ohtop.until("the plain-text error in the status line", o -> o.status().contains("HTTP 400"));
        assertTrue(ohtop.status().contains("plain P1$r \\ \uFFFD8;;x\uFFFD bad\uFFFD end"), ohtop.status());
        reporter.publishEntry("seen", json + " / " + ohtop.status().strip());
    }

    @Test
    void errorMessagesFromAnAgentServerAreShownInertInTheConsoleAndTheTransfer(TestReporter reporter) {
        ohtop.until(
                "the hostile conversation selected",
                o -> o.selectedLine() != null && o.selectedLine().contains("evil^[[2J"));
        ohtop.press(Action.OPEN_CONSOLE).until("the console", o -> o.header().contains("console of c0ffee00"));
        ohtop.type("ls").press(KeyType.Enter).until("the error", o -> rowBelowHeaderWith("HTTP 500") > 0);
        String console = ohtop.line(rowBelowHeaderWith("HTTP 500")).strip();
        assertTrue(console.contains("evil [2J [31mred ]0;pwned clip ]52;c;ZXZpbA=="), ohtop.text());

        ohtop.press(Action.BACK).until("the list", o -> o.header().contains("conversations"));
        ohtop.press(Action.DOWNLOAD).until("the download form", o -> o.header().contains("download from c0ffee00"));
        ohtop.type("README.md").press(KeyType.Enter).until("the error", o -> o.shows("✗ "));
        String transfer = ohtop.line(ohtop.rowOf("✗ ")).strip();
        assertTrue(transfer.contains("evil [2J [31mred ]0;pwned clip"), ohtop.text());
        reporter.publishEntry("seen", console + " / " + transfer);
    }

    /**
     * Bytes that are no UTF-8: a stray 0xFF 0xFE, an overlong NUL (C0 80), a UTF-16 surrogate
     * (ED A0 80) and a sequence cut short (E2 80). The server's own page, with the long title's
     * text replaced by them.
     */
    @Test
    void aTitleWithInvalidUtf8IsShownWithReplacementCharacters(TestReporter reporter) throws Exception {
        String page = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(cloud.url() + "/api/v1/app-conversations/search"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        int at = page.indexOf(HUGE_TITLE);
        assertTrue(at > 0, "the page holds the long title");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(page.substring(0, at).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {
            'b',
            'a',
            'd',
            (byte) 0xff,
            (byte) 0xfe,
            ' ',
            (byte) 0xc0,
            (byte) 0x80,
            ' ',
            (byte) 0xed,
            (byte) 0xa0,
            (byte) 0x80,
            ' ',
            (byte) 0xe2,
            (byte) 0x80,
            ' ',
            'e',
            'n',
            'd'
        });
        body.writeBytes(page.substring(at + HUGE_TITLE.length()).getBytes(StandardCharsets.UTF_8));
        cloud.wire()
                .stubFor(get(urlPathEqualTo("/api/v1/app-conversations/search"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody(body.toByteArray())));

        ohtop.until("the title", o -> o.shows(" bad"));
        String row = ohtop.line(ohtop.rowOf(" bad"));
        assertTrue(row.matches(".* bad\uFFFD+ \uFFFD+ \uFFFD+ \uFFFD+ end .*"), row);
        assertTrue(ohtop.shows("evil^[[2J"), "the other conversation is still listed:\n" + ohtop.text());
        reporter.publishEntry("seen", row.strip());
    }
}

package dev.ohtop.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.ConversationRow;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Whatever names the sandbox path, the server's headers or a conversation's id hold, a download
 * lands in the folder the user chose and nowhere else. The local folder here is {@code chosen}
 * inside a temporary folder: everything written is looked for in the whole temporary folder.
 */
@Tag("security")
@DisplayName("Downloads stay in the folder the user chose")
class DownloadPathsTest {
    private static final VirtualOhtop.Setup IN_CHOSEN =
            VirtualOhtop.Setup.defaults().size(160, 30).localFolder("chosen");

    private VirtualOhtop ohtop;
    private FakeCloud cloud;
    private WireMockServer agent;

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
        if (cloud != null) {
            cloud.close();
        }
        if (agent != null) {
            agent.stop();
        }
    }

    /** Every file under the folder that holds the chosen one, relative to it. */
    private List<String> filesAround() throws IOException {
        Path root = ohtop.localDir.getParent();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    private void openDownloadForm() {
        ohtop.press(Action.DOWNLOAD).until("the download form", o -> o.header().contains("download from"));
    }

    @Test
    void aSandboxPathThatClimbsUpLandsInTheChosenFolderUnderItsOwnName(TestReporter reporter) throws IOException {
        ohtop = VirtualOhtop.onDemo(IN_CHOSEN);
        ohtop.untilShows("30 total");
        ConversationRow row = ohtop.home.selected();
        Files.writeString(ohtop.demo.sandboxRoot(row.conversation().sandboxId()).resolve(".bashrc"), "rm -rf ~\n");

        openDownloadForm();
        ohtop.type("../../.bashrc").press(KeyType.Enter).untilShows("✓ downloaded ");

        Path landed = ohtop.localDir.resolve(".bashrc");
        assertTrue(ohtop.shows("✓ downloaded 9 B to " + landed + " in "), ohtop.text());
        assertEquals("rm -rf ~\n", Files.readString(landed));
        assertEquals(List.of("chosen/.bashrc"), filesAround());
        reporter.publishEntry("seen", ohtop.line(ohtop.rowOf("✓ downloaded")).strip());
    }

    @Test
    void sandboxPathsThatNameNoFileAreRefusedAndSaySo(TestReporter reporter) throws IOException {
        ohtop = VirtualOhtop.onDemo(IN_CHOSEN);
        ohtop.untilShows("30 total");
        openDownloadForm();

        for (String typed : List.of("/", "../../", "src/")) {
            String resolved = typed.equals("/") ? "/" : typed; // a relative path as typed
            ohtop.ctrl('u')
                    .type(typed)
                    .press(KeyType.Enter)
                    .untilShows("✗ the sandbox path " + resolved + " names no file to download");
        }
        assertEquals(List.of(), filesAround());
        reporter.publishEntry("seen", ohtop.line(ohtop.rowOf("✗ ")).strip());
    }

    /** An agent server that names the file itself ({@code Content-Disposition}) is not listened to. */
    @Test
    void aFileNameTheServerSuggestsIsIgnored(TestReporter reporter) throws Exception {
        agent = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        agent.start();
        agent.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/octet-stream")
                        .withHeader("Content-Disposition", "attachment; filename=\"../../.bashrc\"")
                        .withBody("rm -rf ~\n")));
        agent.stubFor(get(urlPathMatching("/api/conversations/.*"))
                .willReturn(okJson("{\"workspace\": {\"working_dir\": \"/workspace/paths\"}}")));
        cloud = new FakeCloud()
                .agentServer(URI.create(agent.baseUrl()), "sess-paths-0123456789")
                .conversation("c0ffee00000000000000000000000001", "Paths", "acme/paths", "main", "m", "running", 1)
                .serve();
        ohtop = VirtualOhtop.on(cloud.url(), FakeCloud.KEY, IN_CHOSEN);
        ohtop.untilShows("1 total");

        openDownloadForm();
        ohtop.type("notes.txt").press(KeyType.Enter).untilShows("✓ downloaded ");

        assertEquals(List.of("chosen/notes.txt"), filesAround());
        reporter.publishEntry("seen", ohtop.line(ohtop.rowOf("✓ downloaded")).strip());
    }

    /**
     * A conversation id is the server's text, and the default names of a trajectory and of saved
     * console output are made from it: an id with {@code /../} in it must still name a file in
     * the chosen folder.
     */
    @Test
    void aConversationIdThatClimbsUpCannotMoveTheDefaultFileNames(TestReporter reporter) throws Exception {
        String hostileId = "/../../0" + "0".repeat(24);
        cloud = new FakeCloud()
                .conversation(hostileId, "Climber", "acme/up", "main", "m", "running", 1)
                .serve();
        cloud.wire()
                .stubFor(any(urlPathMatching("/api/v1/app-conversations/.*/download"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/zip")
                                .withBody(
                                        new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
                                        })));
        ohtop = VirtualOhtop.on(cloud.url(), FakeCloud.KEY, IN_CHOSEN);
        ohtop.untilShows("1 total");

        ohtop.press(Action.DOWNLOAD_TRAJECTORY)
                .until("the trajectory form", o -> o.header().contains("trajectory of"));
        ohtop.press(KeyType.Enter).until("the end of it", o -> o.shows("✓ ") || o.shows("✗ "));
        String said = ohtop.line(Math.max(ohtop.rowOf("✓ "), ohtop.rowOf("✗ "))).strip();
        ohtop.press(Action.BACK).until("the list", o -> o.header().contains("conversations"));

        ohtop.press(Action.OPEN_CONSOLE).until("the console", o -> o.header().contains("console of"));
        ohtop.press(Action.CONSOLE_SAVE_OUTPUT).untilShows("save the output to: ");
        String saveTo = ohtop.line(ohtop.rowOf("save the output to: ")).strip();

        assertEquals(List.of("chosen/trajectory-_.._.._0.zip"), filesAround());
        assertEquals("save the output to: " + ohtop.localDir.resolve("console-_.._.._0.txt") + "█", saveTo);
        reporter.publishEntry("seen", said + " / " + saveTo);
    }
}

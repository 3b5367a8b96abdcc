package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that is hostile or broken in size and shape: answers too large or too deep to read,
 * an answer that trickles, a download with no end, a trajectory that is no zip. Each is refused
 * with one plain line, and nothing is kept that is not what was asked for.
 */
@Tag("reliability")
@DisplayName("Hostile sizes and shapes from a server")
class HostileAnswersTest {
    private static final String ID = "bb6a1b39c0d44d4db931e53d59897c77";
    private static final String TRAJECTORY = "/api/v1/app-conversations/" + ID + "/download";
    private static final long MIB = 1024 * 1024;

    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    @TempDir
    Path dir;

    private static ClientOptions once() {
        return Wire.options(new RecordingSleeper()).withRetry(RetryPolicy.none());
    }

    private List<String> filesLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aPageOfTenMebibytesIsRefusedByDefaultInOneLine(TestReporter reporter) {
        String items = "{\"id\":\"c\",\"title\":\"" + "x".repeat(1000) + "\"},";
        String body = "{\"items\":[" + items.repeat((int) (10 * MIB / items.length())) + "{\"id\":\"last\"}]}";
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/search")).willReturn(okJson(body)));
        ClientOptions defaults = ClientOptions.defaults().withRetry(RetryPolicy.none());

        ApiException e = assertThrows(
                ApiException.class,
                () -> Wire.cloud(wm, defaults).searchConversations(ConversationQuery.all(), null, null));

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
        assertEquals(
                "bad response: response larger than 8 MiB; refused (GET /api/v1/app-conversations/search)",
                e.getMessage());
        reporter.publishEntry("seen", e.getMessage());
    }

    @Test
    void anAnswerNestedDeeperThanAnyRealOneIsRefusedInOneLine(TestReporter reporter) {
        String deep = "[".repeat(500) + "]".repeat(500);
        wm.stubFor(get(urlPathEqualTo("/health")).willReturn(okJson("{\"status\":" + deep + "}")));

        ApiException e = assertThrows(ApiException.class, Wire.agent(wm, once())::health);

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
        assertTrue(e.detail().startsWith("the JSON is beyond what ohtop reads (at most 200 levels deep"), e.detail());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        reporter.publishEntry("seen", e.getMessage());
    }

    /**
     * An upload's answer has no request timeout (the upload itself may take long), but its answer
     * must still be whole within one: here it trickles over 20 s against a 1 s deadline.
     */
    @Test
    void anUploadsAnswerThatTricklesFailsAtTheDeadlineInsteadOfHoldingTheTransfer(TestReporter reporter)
            throws IOException {
        wm.stubFor(post(urlPathEqualTo("/api/file/upload"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"success\": true, \"pad\": \"" + "x".repeat(2000) + "\"}")
                        .withChunkedDribbleDelay(20, 20_000)));
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello");
        AgentServerClient agent = Wire.agent(wm, once().withRequestTimeout(Duration.ofSeconds(1)));

        ApiException e = assertThrows(
                ApiException.class, () -> agent.upload(file, "/workspace/notes.txt", TransferListener.NONE));

        assertEquals(ApiException.Failure.TIMEOUT, e.failure(), e.getMessage());
        assertEquals(
                "timed out: the answer stopped half-way: it was not whole within 1 s (POST /api/file/upload)",
                e.getMessage());
        reporter.publishEntry("seen", e.getMessage());
    }

    @Test
    void aDownloadLargerThanTheFreeSpaceLeavesIsRefusedBeforeAByteIsWritten(TestReporter reporter) throws IOException {
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Length", String.valueOf(4 * MIB))
                        .withBody(new byte[(int) (4 * MIB)])));
        DiskSpace almostFull = file -> DiskSpace.KEEP_FREE + 3 * MIB;
        AgentServerClient agent = Wire.agent(wm, once().withDiskSpace(almostFull));

        DiskSpace.NearlyFull e = assertThrows(
                DiskSpace.NearlyFull.class,
                () -> agent.download("/workspace/big.bin", dir.resolve("big.bin"), TransferListener.NONE));

        assertEquals(
                "not enough room on the local disk for 4.0 MiB (259.0 MiB free, and ohtop keeps 256.0 MiB free)",
                e.getMessage());
        assertEquals(List.of(), filesLeft(), "nothing written");
        reporter.publishEntry("seen", e.getMessage());
    }

    /** A body without a length (chunked) that goes on: it stops while the margin still holds. */
    @Test
    void aDownloadWithNoEndStopsBeforeTheDiskIsFull(TestReporter reporter) throws IOException {
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(new byte[(int) (24 * MIB)])
                        .withChunkedDribbleDelay(24, 200)));
        long startsWith = DiskSpace.KEEP_FREE + 10 * MIB;
        DiskSpace shrinking = file -> startsWith - Files.size(file); // what this download writes is what goes
        AgentServerClient agent = Wire.agent(wm, once().withDiskSpace(shrinking));

        DiskSpace.NearlyFull e = assertThrows(
                DiskSpace.NearlyFull.class,
                () -> agent.download("/workspace/endless", dir.resolve("endless"), TransferListener.NONE));

        assertTrue(
                e.getMessage()
                        .matches("stopped after [0-9.]+ MiB: the local disk has [0-9.]+ MiB free, "
                                + "and ohtop keeps 256.0 MiB free"),
                e.getMessage());
        assertEquals(List.of(), filesLeft(), "nothing half-written is left");
        reporter.publishEntry("seen", e.getMessage());
    }

    @Test
    void aTrajectoryThatIsJsonInsteadOfAZipIsSaidForWhatItIsAndNotKept(TestReporter reporter) throws IOException {
        wm.stubFor(get(urlPathEqualTo(TRAJECTORY))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\": \"Conversation not found\\u001b]0;pwned\\u0007\"}")));
        Path target = dir.resolve("trajectory.zip");

        ApiException e = assertThrows(
                ApiException.class, () -> Wire.cloud(wm, once()).downloadTrajectory(ID, target, TransferListener.NONE));

        assertEquals("the server sent JSON, not a zip: Conversation not found ]0;pwned; nothing was kept", e.detail());
        assertEquals(List.of(), filesLeft(), "nothing kept");
        reporter.publishEntry("seen", e.getMessage());
    }

    @Test
    void aTrajectoryZipCutShortIsNotKept(TestReporter reporter) throws IOException {
        byte[] zip = Wire.zip("meta.json", "{\"id\": 1}".getBytes(StandardCharsets.UTF_8));
        byte[] cut = java.util.Arrays.copyOf(zip, zip.length - 30);
        wm.stubFor(get(urlPathEqualTo(TRAJECTORY))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/zip")
                        .withBody(cut)));
        Path target = Files.writeString(dir.resolve("trajectory.zip"), "the copy from yesterday");

        ApiException e = assertThrows(
                ApiException.class, () -> Wire.cloud(wm, once()).downloadTrajectory(ID, target, TransferListener.NONE));

        assertTrue(e.detail().startsWith("the zip came without its end"), e.detail());
        assertEquals("the copy from yesterday", Files.readString(target), "the old copy is untouched");
        assertEquals(List.of("trajectory.zip"), filesLeft());
        reporter.publishEntry("seen", e.getMessage());
    }
}

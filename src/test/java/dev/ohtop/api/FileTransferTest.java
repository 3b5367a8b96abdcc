package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ohtop.api.Requests.only;
import static dev.ohtop.api.Requests.q;
import static dev.ohtop.api.Requests.query;
import static dev.ohtop.api.Requests.withAgentAuth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files to and from a sandbox: the multipart upload, the download that never leaves half a
 * file, and the one-time fallback to the pre-1.13 path-style routes.
 */
class FileTransferTest {
    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    @TempDir
    Path dir;

    private final AgentServerClient agent = Wire.agent(wm);

    private static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        return b;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder jsonStatus(
            int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private Path localFile(byte[] content) throws IOException {
        Path file = dir.resolve("data.bin");
        Files.write(file, content);
        return file;
    }

    /** A target that already holds the user's previous copy, which a failed download must not harm. */
    private Path existingTarget() throws IOException {
        Path target = dir.resolve("report.txt");
        Files.writeString(target, "previous copy");
        return target;
    }

    private void assertUntouchedAndNoPartFile(Path target) throws IOException {
        assertEquals("previous copy", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("report.txt"), names, "nothing but the target is left in " + dir);
        }
    }

    // ---- upload ------------------------------------------------------------------------

    @Test
    void uploadSendsOneMultipartPartNamedFileWithTheBytesAndTheAbsolutePath() throws Exception {
        byte[] content = bytes(200_000);
        wm.stubFor(post(urlPathEqualTo("/api/file/upload")).willReturn(okJson("{\"success\":true}")));
        AtomicLong reported = new AtomicLong();

        agent.upload(localFile(content), "/workspace/project/data.bin", (done, total) -> reported.set(done));

        wm.verify(withAgentAuth(postRequestedFor(urlPathEqualTo("/api/file/upload")))
                .withHeader("Content-Type", containing("multipart/form-data; boundary="))
                .withRequestBodyPart(aMultipart()
                        .withName("file")
                        .withBody(binaryEqualTo(content))
                        .build()));
        LoggedRequest sent = only(wm);
        assertEquals(q("path", "/workspace/project/data.bin"), query(sent));
        assertEquals(1, sent.getParts().size());
        assertEquals(content.length, reported.get());
    }

    @Test
    void uploadFallsBackOnceToThePathRouteWhenTheQueryRouteIsMissing() throws Exception {
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
        wm.stubFor(post(urlPathEqualTo("/api/file/upload")).willReturn(jsonStatus(404, "{\"detail\":\"Not Found\"}")));
        wm.stubFor(post(urlPathEqualTo("/api/file/upload//workspace/my%20notes.txt"))
                .willReturn(okJson("{\"success\":true}")));
        Path file = localFile(content);

        agent.upload(file, "/workspace/my notes.txt", TransferListener.NONE);

        List<LoggedRequest> sent = Requests.all(wm);
        assertEquals(2, sent.size());
        assertEquals(
                "/api/file/upload?path=%2Fworkspace%2Fmy%20notes.txt",
                sent.get(0).getUrl());
        assertEquals("/api/file/upload//workspace/my%20notes.txt", sent.get(1).getUrl());
        wm.verify(withAgentAuth(postRequestedFor(urlPathEqualTo("/api/file/upload//workspace/my%20notes.txt")))
                .withRequestBodyPart(aMultipart()
                        .withName("file")
                        .withBody(binaryEqualTo(content))
                        .build()));
    }

    @Test
    void aServerKnownToBeOldGetsThePathRouteStraightAway() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/file/upload"))
                .willReturn(jsonStatus(405, "{\"detail\":\"Method Not Allowed\"}")));
        wm.stubFor(post(urlPathEqualTo("/api/file/upload//workspace/a")).willReturn(okJson("{\"success\":true}")));
        wm.stubFor(post(urlPathEqualTo("/api/file/upload//workspace/b")).willReturn(okJson("{\"success\":true}")));
        Path file = localFile(bytes(10));

        agent.upload(file, "/workspace/a", TransferListener.NONE);
        agent.upload(file, "/workspace/b", TransferListener.NONE);

        assertEquals(
                List.of(
                        "/api/file/upload?path=%2Fworkspace%2Fa",
                        "/api/file/upload//workspace/a", "/api/file/upload//workspace/b"),
                Requests.all(wm).stream().map(LoggedRequest::getUrl).toList());
    }

    @Test
    void uploadFallsBackOnlyOnceWhenNeitherRouteExists() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/file/upload")).willReturn(jsonStatus(404, "{\"detail\":\"Not Found\"}")));
        wm.stubFor(post(urlPathEqualTo("/api/file/upload//workspace/a"))
                .willReturn(jsonStatus(404, "{\"detail\":\"Not Found\"}")));
        Path file = localFile(bytes(10));

        ApiException e =
                assertThrows(ApiException.class, () -> agent.upload(file, "/workspace/a", TransferListener.NONE));

        assertTrue(e.isStatus(404));
        assertEquals(2, Requests.all(wm).size());
    }

    @Test
    void anUploadRefusedForAnotherReasonIsReportedWithoutFallback() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/file/upload"))
                .willReturn(jsonStatus(400, "{\"detail\":\"Path must be absolute\"}")));

        ApiException e = assertThrows(
                ApiException.class, () -> agent.upload(localFile(bytes(10)), "/workspace/a", TransferListener.NONE));

        assertTrue(e.isStatus(400));
        assertEquals("Path must be absolute", e.detail());
        assertEquals(1, Requests.all(wm).size());
    }

    @Test
    void aCancelledUploadStopsWithCancelled() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/file/upload")).willReturn(okJson("{\"success\":true}")));
        TransferListener cancelling = new TransferListener() {
            @Override
            public void progress(long done, long total) {}

            @Override
            public boolean cancelled() {
                return true;
            }
        };

        ApiException e = assertThrows(
                ApiException.class, () -> agent.upload(localFile(bytes(300_000)), "/workspace/a", cancelling));

        assertEquals(ApiException.Failure.CANCELLED, e.failure());
        assertTrue(Requests.all(wm).size() <= 1, "a cancelled upload is not sent again");
    }

    @Test
    void aRelativeSandboxPathIsRejectedBeforeAnythingIsSent() throws Exception {
        Path file = localFile(bytes(10));
        Path target = existingTarget();

        ApiException up =
                assertThrows(ApiException.class, () -> agent.upload(file, "workspace/a", TransferListener.NONE));
        ApiException down =
                assertThrows(ApiException.class, () -> agent.download("workspace/a", target, TransferListener.NONE));

        assertTrue(up.getMessage().contains("must be absolute"), up.getMessage());
        assertTrue(down.getMessage().contains("must be absolute"), down.getMessage());
        assertEquals(0, wm.getAllServeEvents().size());
        assertEquals("previous copy", Files.readString(target));
    }

    // ---- download ----------------------------------------------------------------------

    @Test
    void downloadWritesTheBytesToTheTargetAndLeavesNoPartFile() throws Exception {
        byte[] content = bytes(300_000);
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/octet-stream")
                        .withBody(content)));
        Path target = existingTarget();
        AtomicLong reported = new AtomicLong();

        agent.download("/workspace/project/out.bin", target, (done, total) -> reported.set(done));

        wm.verify(withAgentAuth(getRequestedFor(urlPathEqualTo("/api/file/download"))));
        assertEquals(q("path", "/workspace/project/out.bin"), query(only(wm)));
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(content.length, reported.get());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    List.of("report.txt"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aNewFileGetsTheUsualModeAndAReplacedFileKeepsItsOwn() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/octet-stream")
                        .withBody("#!/bin/sh\necho hi\n")));
        Path usual = Files.createFile(dir.resolve("made-by-the-user's-umask"));

        Path fresh = dir.resolve("fresh.sh");
        agent.download("/workspace/project/run.sh", fresh, (done, total) -> {});
        assertEquals(
                Files.getPosixFilePermissions(usual),
                Files.getPosixFilePermissions(fresh),
                "a new file is made as cp or curl -o would make it, not owner-only");

        Path script = dir.resolve("script.sh");
        Files.writeString(script, "old");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        agent.download("/workspace/project/run.sh", script, (done, total) -> {});
        assertEquals("#!/bin/sh\necho hi\n", Files.readString(script));
        assertEquals(
                "rwxr-x---",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(script)),
                "an overwrite keeps the file's mode (a script stays executable)");
    }

    @Test
    void downloadFallsBackOnceToThePathRouteWhenTheQueryRouteIsMissing() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/file/download")).willReturn(jsonStatus(404, "{\"detail\":\"Not Found\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/file/download//workspace/x")).willReturn(ok("from the old route")));
        Path target = dir.resolve("x");

        agent.download("/workspace/x", target, TransferListener.NONE);

        assertEquals("from the old route", Files.readString(target));
        assertEquals(
                List.of("/api/file/download?path=%2Fworkspace%2Fx", "/api/file/download//workspace/x"),
                Requests.all(wm).stream().map(LoggedRequest::getUrl).toList());
        wm.verify(withAgentAuth(getRequestedFor(urlPathEqualTo("/api/file/download//workspace/x"))));
    }

    @Test
    void downloadFallsBackWhenTheQueryRouteAnswers405() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(jsonStatus(405, "{\"detail\":\"Method Not Allowed\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/file/download//workspace/x")).willReturn(ok("old")));
        Path target = dir.resolve("x");

        agent.download("/workspace/x", target, TransferListener.NONE);

        assertEquals("old", Files.readString(target));
    }

    @Test
    void aMissingFileIsReportedAndNotMistakenForAMissingRoute() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(jsonStatus(404, "{\"detail\":\"File not found\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/file/download//workspace/gone.txt")).willReturn(ok("must not be asked")));
        Path target = existingTarget();

        ApiException e = assertThrows(
                ApiException.class, () -> agent.download("/workspace/gone.txt", target, TransferListener.NONE));

        assertTrue(e.isStatus(404));
        assertEquals("File not found", e.detail());
        assertEquals(1, Requests.all(wm).size());
        assertUntouchedAndNoPartFile(target);
    }

    @Test
    void aDownloadCutOffMidBodyLeavesThePreviousFileIntact() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        Path target = existingTarget();

        ApiException e = assertThrows(
                ApiException.class, () -> agent.download("/workspace/report.txt", target, TransferListener.NONE));

        assertEquals(ApiException.Failure.UNREACHABLE, e.failure());
        assertUntouchedAndNoPartFile(target);
    }

    @Test
    void aDownloadShorterThanItsContentLengthIsAnErrorAndLeavesThePreviousFileIntact() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(ok("0123456789").withHeader("Content-Length", "100")));
        Path target = existingTarget();

        ApiException e = assertThrows(
                ApiException.class, () -> agent.download("/workspace/report.txt", target, TransferListener.NONE));

        assertTrue(
                e.failure() == ApiException.Failure.UNREACHABLE || e.failure() == ApiException.Failure.BAD_RESPONSE,
                e.getMessage());
        assertUntouchedAndNoPartFile(target);
    }

    @Test
    void aConnectionThatNeverAnswersLeavesThePreviousFileIntact() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Path target = existingTarget();

        assertThrows(ApiException.class, () -> agent.download("/workspace/report.txt", target, TransferListener.NONE));

        assertUntouchedAndNoPartFile(target);
    }

    @Test
    void aCancelledDownloadLeavesThePreviousFileIntactAndNoPartFile() throws Exception {
        wm.stubFor(
                get(urlPathEqualTo("/api/file/download")).willReturn(aResponse().withBody(bytes(500_000))));
        Path target = existingTarget();
        AtomicLong calls = new AtomicLong();
        TransferListener cancelAfterFirstBuffer = new TransferListener() {
            @Override
            public void progress(long done, long total) {
                calls.incrementAndGet();
            }

            @Override
            public boolean cancelled() {
                return calls.get() > 1;
            }
        };

        ApiException e = assertThrows(
                ApiException.class, () -> agent.download("/workspace/report.txt", target, cancelAfterFirstBuffer));

        assertEquals(ApiException.Failure.CANCELLED, e.failure());
        assertUntouchedAndNoPartFile(target);
    }

    @Test
    void theAgentServersTrajectoryZipIsDownloadedFromItsOwnRoute() throws Exception {
        byte[] zip = Wire.zip("events/0.json", bytes(1000));
        wm.stubFor(get("/api/file/download-trajectory/bb6a1b39c0d44d4db931e53d59897c77")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/zip")
                        .withBody(zip)));
        Path target = dir.resolve("t.zip");
        Files.writeString(target, "an older copy anyone could read");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));

        agent.downloadTrajectory("bb6a1b39c0d44d4db931e53d59897c77", target, TransferListener.NONE);

        wm.verify(withAgentAuth(
                getRequestedFor(urlPathEqualTo("/api/file/download-trajectory/bb6a1b39c0d44d4db931e53d59897c77"))));
        assertArrayEquals(zip, Files.readAllBytes(target));
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target)),
                "a conversation's whole record is for its owner only");
    }

    @Test
    void aNotFoundFromTheQueryRouteIsRememberedForDownloadsToo() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/file/download")).willReturn(jsonStatus(404, "{\"detail\":\"Not Found\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/file/download//workspace/a")).willReturn(ok("a")));
        wm.stubFor(get(urlPathEqualTo("/api/file/download//workspace/b")).willReturn(ok("b")));

        agent.download("/workspace/a", dir.resolve("a"), TransferListener.NONE);
        agent.download("/workspace/b", dir.resolve("b"), TransferListener.NONE);

        assertEquals(3, Requests.all(wm).size());
        wm.verify(
                1,
                getRequestedFor(urlPathEqualTo("/api/file/download")).withQueryParam("path", equalTo("/workspace/a")));
        assertEquals("b", Files.readString(dir.resolve("b")));
    }
}

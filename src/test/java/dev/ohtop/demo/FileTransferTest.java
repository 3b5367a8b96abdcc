package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.testing.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FileTransferTest {
    private static final String BOUNDARY = "----ohtopBoundary7MA4YWxkTrZu0gW";

    @RegisterExtension
    final DemoFixture demo = new DemoFixture();

    private DemoServer server;
    private DemoHttp http;
    private String sandboxId;

    @BeforeEach
    void useDemo() {
        server = demo.server();
        http = demo.http();
        sandboxId = demo.running().sandboxId();
    }

    @Test
    void theSeededReadmeDownloadsAsStoredInTheScratchDirectory() throws Exception {
        HttpResponse<byte[]> response = download(SandboxFiles.PROJECT + "/README.md");

        assertEquals(200, response.statusCode());
        assertEquals(
                "application/octet-stream",
                response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(SandboxFiles.readme(sandboxId), new String(response.body(), StandardCharsets.UTF_8));
        assertArrayEquals(
                Files.readAllBytes(
                        server.sandboxRoot(sandboxId).resolve(SandboxFiles.PROJECT.substring(1) + "/README.md")),
                response.body());
    }

    @Test
    void uploadThenDownloadGivesBackTheSameBytes() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        // Bytes that look like the start of a boundary must pass through untouched.
        byte[] trap = ("\r\n--" + BOUNDARY.substring(0, 20) + "\r\n--").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(trap, 0, content, 1_000_000, trap.length);
        content[content.length - 1] = '\r';

        HttpResponse<String> uploaded = upload("/workspace/new/dir/data.bin", content);
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        assertEquals("{\"success\":true,\"file_size\":" + content.length + "}", uploaded.body());

        assertArrayEquals(content, download("/workspace/new/dir/data.bin").body());
    }

    @Test
    void uploadOverwritesAnExistingFile() {
        upload(SandboxFiles.PROJECT + "/notes.txt", "first".getBytes(StandardCharsets.UTF_8));
        upload(SandboxFiles.PROJECT + "/notes.txt", "second".getBytes(StandardCharsets.UTF_8));

        assertEquals(
                "second",
                new String(download(SandboxFiles.PROJECT + "/notes.txt").body(), StandardCharsets.UTF_8));
    }

    @Test
    void aLargeUploadStreamsThrough() throws Exception {
        long size = 64L * 1024 * 1024;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpRequest request = http.agentRequest(sandboxId, "/api/file/upload?path=" + encode("/tmp/big.bin"))
                .header("X-Session-API-Key", http.sessionKey(sandboxId))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> multipartStream(size, sent)))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        Path stored = server.sandboxRoot(sandboxId).resolve("tmp/big.bin");
        assertEquals(size, Files.size(stored));
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (InputStream in = http.send(
                        http.agentRequest(sandboxId, "/api/file/download?path=" + encode("/tmp/big.bin"))
                                .header("X-Session-API-Key", http.sessionKey(sandboxId))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream())
                .body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                received.update(buffer, 0, n);
            }
        }
        assertArrayEquals(sent.digest(), received.digest());
    }

    @Test
    void otherFormFieldsAreSkippedAndAMissingFilePartIsAValidationError() {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhello\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nthe file\r\n--" + BOUNDARY + "--\r\n";
        assertEquals(200, rawUpload("/tmp/a.txt", body).statusCode());
        assertEquals("the file", new String(download("/tmp/a.txt").body(), StandardCharsets.UTF_8));

        String noFile = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhello\r\n--"
                + BOUNDARY + "--\r\n";
        assertEquals(422, rawUpload("/tmp/b.txt", noFile).statusCode());
    }

    @Test
    void downloadAnswersTheAgentServersErrors() {
        assertError(download(SandboxFiles.PROJECT + "/missing.txt"), 404, "File not found");
        assertError(download(SandboxFiles.PROJECT), 400, "Path is not a file");
        assertError(download(SandboxFiles.PROJECT.substring(1) + "/README.md"), 400, "Path must be absolute");
        assertError(upload("relative.txt", new byte[1]), 400, "Path must be absolute");
    }

    @Test
    void pathsCannotEscapeTheSandbox() {
        assertEquals(400, download("/../../../etc/passwd").statusCode());
        assertEquals(400, upload("/workspace/../../outside.txt", new byte[1]).statusCode());
        // Climbing inside the sandbox is fine.
        assertEquals(200, download(SandboxFiles.PROJECT + "/src/../README.md").statusCode());

        http.agentJson(
                sandboxId,
                "POST",
                "/api/bash/execute_bash_command",
                "{\"command\":\"ln -s " + demo.scratch().getParent() + " " + SandboxFiles.PROJECT + "/out\"}");
        assertEquals(
                400,
                download(SandboxFiles.PROJECT + "/out/" + demo.scratch().getFileName() + "/x")
                        .statusCode());
        assertEquals(
                400,
                upload(SandboxFiles.PROJECT + "/out/escaped.txt", new byte[1]).statusCode());
        assertTrue(Files.notExists(demo.scratch().getParent().resolve("escaped.txt")));
    }

    @Test
    void legacyModeServesOnlyThePathStyleRoutes(@TempDir Path legacyScratch) throws Exception {
        try (DemoServer legacy = DemoServer.start(DemoConfig.defaults()
                .withClock(ManualClock.atDemoStart())
                .withScratchRoot(legacyScratch)
                .withLegacyFileRoutes(true))) {
            DemoHttp legacyHttp = new DemoHttp(legacy);
            String key = legacyHttp.sessionKey(sandboxId);

            HttpResponse<String> queryForm = legacyHttp.send(
                    legacyHttp
                            .agentRequest(
                                    sandboxId, "/api/file/download?path=" + encode(SandboxFiles.PROJECT + "/README.md"))
                            .header("X-Session-API-Key", key),
                    "GET",
                    null);
            assertEquals(404, queryForm.statusCode());

            HttpResponse<String> pathForm = legacyHttp.send(
                    legacyHttp
                            .agentRequest(sandboxId, "/api/file/download/" + SandboxFiles.PROJECT + "/README.md")
                            .header("X-Session-API-Key", key),
                    "GET",
                    null);
            assertEquals(200, pathForm.statusCode());
            assertEquals(SandboxFiles.readme(sandboxId), pathForm.body());

            HttpResponse<String> uploaded = legacyHttp.send(
                    HttpRequest.newBuilder(legacy.agentServerUrl(sandboxId)
                                    .resolve(legacy.agentServerUrl(sandboxId).getPath()
                                            + "/api/file/upload//tmp/legacy.txt"))
                            .header("X-Session-API-Key", key)
                            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(
                                    multipart("legacy".getBytes(StandardCharsets.UTF_8))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, uploaded.statusCode(), uploaded.body());
            assertEquals(
                    "legacy", Files.readString(legacy.sandboxRoot(sandboxId).resolve("tmp/legacy.txt")));
        }
        assertEquals(
                404,
                http.send(
                                http.agentRequest(
                                                sandboxId, "/api/file/download/" + SandboxFiles.PROJECT + "/README.md")
                                        .header("X-Session-API-Key", http.sessionKey(sandboxId)),
                                "GET",
                                null)
                        .statusCode());
    }

    @Test
    void trajectoryOfAConversationInThisSandboxDownloadsAsAZip() {
        ConversationSnapshot running = DemoHttp.withExecutionStatus(server, "running");
        HttpResponse<byte[]> response = http.send(
                http.agentRequest(running.sandboxId(), "/api/file/download-trajectory/" + running.id())
                        .header("X-Session-API-Key", http.sessionKey(running.sandboxId()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertEquals('P', response.body()[0]);
        assertEquals('K', response.body()[1]);
    }

    private static void assertError(HttpResponse<?> response, int status, String detail) {
        assertEquals(status, response.statusCode());
        String body = response.body() instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8)
                : String.valueOf(response.body());
        assertEquals(detail, DemoHttp.parse(body).get("detail").asText());
    }

    private HttpResponse<byte[]> download(String path) {
        return http.send(
                http.agentRequest(sandboxId, "/api/file/download?path=" + encode(path))
                        .header("X-Session-API-Key", http.sessionKey(sandboxId))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> upload(String path, byte[] content) {
        return http.send(
                http.agentRequest(sandboxId, "/api/file/upload?path=" + encode(path))
                        .header("X-Session-API-Key", http.sessionKey(sandboxId))
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(content)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> rawUpload(String path, String body) {
        return http.send(
                http.agentRequest(sandboxId, "/api/file/upload?path=" + encode(path))
                        .header("X-Session-API-Key", http.sessionKey(sandboxId))
                        .header("Content-Type", "multipart/form-data; boundary=\"" + BOUNDARY + "\"")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] multipart(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(partHead());
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] partHead() {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.bin\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A multipart body of {@code size} generated bytes, never held in memory at once. */
    private static InputStream multipartStream(long size, MessageDigest digest) {
        Random random = new Random(11);
        InputStream content = new InputStream() {
            private long left = size;
            private final byte[] block = new byte[1 << 16];

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(Math.min(len, block.length), left);
                random.nextBytes(block);
                System.arraycopy(block, 0, b, off, n);
                digest.update(b, off, n);
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(
                new SequenceInputStream(new java.io.ByteArrayInputStream(partHead()), content),
                new java.io.ByteArrayInputStream(
                        ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String encode(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }
}

package dev.ohtop.demo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The agent server's file routes. Current servers take the path as a query parameter; servers
 * before v1.13 had only the path-style routes ({@code /api/file/download//workspace/x}), and a
 * demo in legacy mode serves only those, so that a client's fallback can be tested.
 */
final class FileRoutes {
    private static final int COPY_BUFFER = 256 * 1024;
    // The JDK server hands a request body over 8 KiB at a time; writing those one by one halves upload speed.
    private static final int WRITE_BUFFER = 1 << 20;

    private final SandboxFiles files;
    private final boolean legacy;

    FileRoutes(SandboxFiles files, boolean legacy) {
        this.files = files;
        this.legacy = legacy;
    }

    void register(Router router, String prefix, AgentServer.Guard guard) {
        if (legacy) {
            router.add(
                            "POST",
                            prefix + "/api/file/upload/{path...}",
                            guard.authed((call, p) -> upload(call, p.get("sandbox"), p.get("path"))))
                    .add(
                            "GET",
                            prefix + "/api/file/download/{path...}",
                            guard.authed((call, p) -> download(call, p.get("sandbox"), p.get("path"))));
        } else {
            router.add(
                            "POST",
                            prefix + "/api/file/upload",
                            guard.authed((call, p) ->
                                    upload(call, p.get("sandbox"), call.query().required("path"))))
                    .add(
                            "GET",
                            prefix + "/api/file/download",
                            guard.authed((call, p) -> download(
                                    call, p.get("sandbox"), call.query().required("path"))));
        }
    }

    /** Streams the part named {@code file} into place: parents created, an existing file replaced. */
    private void upload(Call call, String sandboxId, String sandboxPath) throws IOException {
        SandboxPaths paths = files.paths(sandboxId);
        Path target = paths.resolve(sandboxPath);
        String boundary = MultipartReader.boundaryOf(call.header("Content-Type"));
        if (boundary == null) {
            throw ApiError.missing("body", "file");
        }
        if (Files.isDirectory(target)) {
            throw ApiError.detail(400, "Path is a directory");
        }
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw ApiError.detail(400, "Cannot create the parent directory of " + sandboxPath);
        }
        paths.requireInside(parent, sandboxPath);
        if (!receive(new MultipartReader(call.body(), boundary), parent, target)) {
            throw ApiError.missing("body", "file");
        }
        call.json(200, Json.object().put("success", true).put("file_size", Files.size(target)));
    }

    private static boolean receive(MultipartReader reader, Path parent, Path target) throws IOException {
        boolean stored = false;
        for (Map<String, String> part = reader.nextPart(); part != null; part = reader.nextPart()) {
            if (stored || !"file".equals(MultipartReader.fieldName(part))) {
                reader.skipBody();
                continue;
            }
            // Written beside the target and moved over it, so a failed upload never leaves half a file.
            Path partial = Files.createTempFile(parent, ".upload-", ".part");
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), WRITE_BUFFER)) {
                    reader.copyBody(out);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                stored = true;
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return stored;
    }

    private void download(Call call, String sandboxId, String sandboxPath) throws IOException {
        Path file = files.paths(sandboxId).resolve(sandboxPath);
        if (!Files.exists(file)) {
            throw ApiError.detail(404, "File not found");
        }
        if (!Files.isRegularFile(file)) {
            throw ApiError.detail(400, "Path is not a file");
        }
        String name = file.getFileName().toString().replaceAll("[\"\\\\\\r\\n]", "_");
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = call.stream(
                        200,
                        "application/octet-stream",
                        Files.size(file),
                        Map.of("Content-Disposition", "attachment; filename=\"" + name + "\""))) {
            byte[] buffer = new byte[COPY_BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        }
    }
}

package dev.ohtop.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scratch directories behind the sandboxes: {@code {base}/{sandboxId}/} is a sandbox's {@code /},
 * created on first use with {@link #PROJECT} seeded; {@code {base}/.bash/{sandboxId}/}
 * holds the output of its bash commands. {@link #deleteAll()} removes what was created here.
 */
final class SandboxFiles {
    /**
     * The folder a demo sandbox works in, as its agent server's conversation record says: not
     * {@code /workspace/project}, so that ohtop reading it (rather than assuming it) is tested.
     */
    static final String PROJECT = "/workspace/ohtop-demo";

    static final String HOME = "/home/openhands";

    private final Path base;
    private final boolean ownsBase;
    private final Map<String, SandboxPaths> paths = new HashMap<>();
    private final List<Path> created = new ArrayList<>();

    SandboxFiles(Path base, boolean ownsBase) {
        this.base = base;
        this.ownsBase = ownsBase;
    }

    synchronized SandboxPaths paths(String sandboxId) {
        SandboxPaths known = paths.get(sandboxId);
        if (known != null) {
            return known;
        }
        try {
            Path root = createPrivate(base.resolve(sandboxId));
            created.add(root);
            SandboxPaths made = new SandboxPaths(root);
            seed(made, sandboxId);
            paths.put(sandboxId, made);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the scratch directory of sandbox " + sandboxId, e);
        }
    }

    synchronized Path bashDir(String sandboxId) throws IOException {
        Path dir = base.resolve(".bash").resolve(sandboxId);
        if (!Files.isDirectory(dir)) {
            createPrivate(dir);
            created.add(base.resolve(".bash"));
        }
        return dir;
    }

    /**
     * Creates what is missing of {@code dir} for the user alone (0700): commands run there as the
     * user, and output and uploads may hold what no one else on a shared machine should read.
     */
    static Path createPrivate(Path dir) throws IOException {
        return Files.createDirectories(
                dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** The README every sandbox starts with, in {@link #PROJECT}. */
    static String readme(String sandboxId) {
        return "# Demo project\n\n"
                + "This directory is " + PROJECT + " in sandbox " + sandboxId + " of the ohtop demo.\n"
                + "The sandbox's whole file system lives in a scratch directory on your machine\n"
                + "and is deleted when the demo stops. Commands run with your own user: it is not a jail.\n\n"
                + "Try: `ls -la`, `cat src/app.py`, `python3 -m pytest -q tests` or upload a file.\n";
    }

    synchronized void deleteAll() {
        List<Path> targets = ownsBase ? List.of(base) : created;
        for (Path target : targets) {
            deleteTree(target);
        }
        created.clear();
        paths.clear();
    }

    private static void seed(SandboxPaths sandbox, String sandboxId) throws IOException {
        Path project = sandbox.resolve(PROJECT);
        Files.createDirectories(project.resolve("src"));
        Files.createDirectories(project.resolve("tests"));
        Files.createDirectories(sandbox.resolve("/tmp"));
        Files.createDirectories(sandbox.resolve(HOME));
        Files.writeString(project.resolve("README.md"), readme(sandboxId));
        Files.writeString(
                project.resolve("src/app.py"), "def greet(name: str) -> str:\n" + "    return f\"Hello, {name}!\"\n");
        Files.writeString(
                project.resolve("tests/test_app.py"),
                "from src.app import greet\n\n\n"
                        + "def test_greet():\n    assert greet(\"ohtop\") == \"Hello, ohtop!\"\n");
    }

    /** Deletes a tree without following symlinks: a link to somewhere else is removed, not its target. */
    static void deleteTree(Path top) {
        if (!Files.exists(top)) {
            return;
        }
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Best effort: a file still held open by a dying process may refuse to go; it is in a temp area.
        }
    }
}

package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.DemoServer;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads and downloads through the demo's agent server, with real files on both ends. */
class TransferTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path scratch;

    @TempDir
    Path local;

    private DemoSandbox sandbox;
    private ExecutorService worker;

    @BeforeEach
    void start() throws IOException {
        sandbox = new DemoSandbox(scratch);
        worker = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        sandbox.close();
    }

    @Test
    void twentyMebibytesGoUpAndComeBackByteForByteWithProgressSeenMidWay() throws Exception {
        byte[] data = new byte[20 * MIB];
        new Random(7).nextBytes(data);
        Path source = Files.write(local.resolve("blob.bin"), data);
        List<TransferSnapshot> seen = new CopyOnWriteArrayList<>();

        AtomicReference<Transfer> up = new AtomicReference<>();
        up.set(Transfer.upload(
                sandbox.access,
                source,
                "data/",
                worker,
                Clock.systemUTC(),
                () -> seen.add(up.get().snapshot())));
        assertEquals("data/", up.get().snapshot().remotePath(), "as typed until the folder is read");
        up.get().start();
        assertEquals(
                Transfer.State.DONE,
                awaitEnd(up.get()).state(),
                () -> up.get().snapshot().message());
        assertTrue(
                seen.stream().anyMatch(s -> s.done() > 0 && s.done() < s.total() && s.total() == data.length),
                "upload progress seen mid-way");

        seen.clear();
        AtomicReference<Transfer> down = new AtomicReference<>();
        Files.createDirectory(local.resolve("back"));
        down.set(Transfer.download(
                sandbox.access,
                "data/blob.bin",
                local.resolve("back"),
                worker,
                Clock.systemUTC(),
                () -> seen.add(down.get().snapshot())));
        down.get().start();
        TransferSnapshot done = awaitEnd(down.get());

        assertEquals(Transfer.State.DONE, done.state(), done.message());
        assertEquals(local.resolve("back/blob.bin").toAbsolutePath(), done.localPath());
        assertArrayEquals(data, Files.readAllBytes(done.localPath()));
        assertTrue(
                seen.stream()
                        .anyMatch(s -> s.done() > 0 && s.done() < data.length && s.fraction() > 0 && s.fraction() < 1),
                "download progress seen mid-way");
        assertEquals(1.0, done.fraction());
    }

    @Test
    void anExistingLocalFileIsNotTouchedUntilOverwriteIsConfirmed() throws Exception {
        upload("hello\n", DemoServer.SANDBOX_FOLDER + "/hello.txt");
        Path target = Files.writeString(local.resolve("hello.txt"), "old\n");

        Transfer t = Transfer.download(sandbox.access, "hello.txt", target, worker, Clock.systemUTC(), () -> {});
        t.start();
        assertEquals(Transfer.State.NEEDS_CONFIRMATION, t.snapshot().state());
        assertTrue(t.snapshot().message().contains("overwrite"), t.snapshot().message());
        Thread.sleep(100);
        assertEquals("old\n", Files.readString(target), "nothing happens before the answer");

        t.confirmOverwrite();
        assertEquals(Transfer.State.DONE, awaitEnd(t).state());
        assertEquals("hello\n", Files.readString(target));
    }

    @Test
    void cancelMidWayLeavesNoPartialFileAndTheOldTargetIntact() throws Exception {
        byte[] data = new byte[20 * MIB];
        new Random(3).nextBytes(data);
        Path source = Files.write(scratch.resolve("big.bin"), data);
        Transfer up = Transfer.upload(
                sandbox.access, source, DemoServer.SANDBOX_FOLDER + "/big.bin", worker, Clock.systemUTC(), () -> {});
        up.start();
        assertEquals(Transfer.State.DONE, awaitEnd(up).state());
        Path folder = Files.createDirectory(local.resolve("keep"));
        Path target = Files.writeString(folder.resolve("big.bin"), "the old one");

        AtomicReference<Transfer> ref = new AtomicReference<>();
        ref.set(Transfer.download(sandbox.access, "big.bin", folder, worker, Clock.systemUTC(), () -> {
            TransferSnapshot s = ref.get().snapshot();
            if (s.state() == Transfer.State.RUNNING && s.done() > 2 * MIB) {
                ref.get().cancel();
            }
        }));
        ref.get().start();
        ref.get().confirmOverwrite();
        TransferSnapshot end = awaitEnd(ref.get());

        assertEquals(Transfer.State.CANCELLED, end.state(), end.message());
        assertTrue(end.done() < data.length);
        assertEquals("the old one", Files.readString(target));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(target), files.toList(), "no partial file beside it");
        }
    }

    @Test
    void aMissingRemoteFileSaysSo() throws Exception {
        Transfer t = Transfer.download(
                sandbox.access, "nope.txt", local.resolve("nope.txt"), worker, Clock.systemUTC(), () -> {});
        t.start();
        TransferSnapshot end = awaitEnd(t);

        assertEquals(Transfer.State.FAILED, end.state());
        assertEquals("no such file in the sandbox: " + DemoServer.SANDBOX_FOLDER + "/nope.txt", end.message());
        assertFalse(Files.exists(local.resolve("nope.txt")));
    }

    @Test
    void aRemoteDirectorySaysItIsNotAFile() throws Exception {
        Transfer t = Transfer.download(
                sandbox.access, "/workspace", local.resolve("w"), worker, Clock.systemUTC(), () -> {});
        t.start();
        assertEquals(
                "/workspace is a directory in the sandbox, not a file",
                awaitEnd(t).message());
    }

    @Test
    void aRemoteNameWithDotsStaysInsideTheChosenFolder() throws Exception {
        upload("export PS1=x\n", "/.bashrc");
        Path folder = Files.createDirectories(local.resolve("a/b/chosen"));

        Transfer t = Transfer.download(sandbox.access, "../../.bashrc", folder, worker, Clock.systemUTC(), () -> {});
        t.start();
        TransferSnapshot end = awaitEnd(t);

        assertEquals(Transfer.State.DONE, end.state(), end.message());
        assertEquals("/.bashrc", end.remotePath(), "two folders up from the sandbox's");
        assertEquals(folder.resolve(".bashrc").toAbsolutePath(), end.localPath());
        assertEquals("export PS1=x\n", Files.readString(folder.resolve(".bashrc")));
        assertFalse(Files.exists(local.resolve(".bashrc")));
        assertFalse(Files.exists(local.resolve("a/.bashrc")));
    }

    @Test
    void aRemotePathNamingNoFileIsRefusedBeforeAnythingStarts() throws IOException {
        Path folder = Files.createDirectory(local.resolve("f"));
        Transfer t = Transfer.download(
                sandbox.access, DemoServer.SANDBOX_FOLDER + "/", folder, worker, Clock.systemUTC(), () -> {});
        assertEquals(Transfer.State.FAILED, t.snapshot().state());
        assertTrue(
                t.snapshot().message().contains("names no file"), t.snapshot().message());
        assertNull(SandboxPaths.baseName("/workspace/.."));
    }

    @Test
    void aPausedSandboxIsNamedInsteadOfAConnectionError() throws Exception {
        sandbox.cloud.pauseSandbox(sandbox.conversation.sandboxId());
        Transfer t = Transfer.download(
                sandbox.access, "README.md", local.resolve("r.md"), worker, Clock.systemUTC(), () -> {});
        t.start();
        assertTrue(
                awaitEnd(t).message().contains("is paused: resume it first"),
                t.snapshot().message());
    }

    @Test
    void aDownloadIntoAFolderThatDoesNotExistNamesThatFolderNotAPartFile() throws Exception {
        Path missing = local.resolve("nope");
        Transfer t = Transfer.download(
                sandbox.access, "README.md", missing.resolve("x.txt"), worker, Clock.systemUTC(), () -> {});
        t.start();

        TransferSnapshot end = awaitEnd(t);

        assertEquals(Transfer.State.FAILED, end.state());
        assertEquals("no such folder: " + missing + "/", end.message());
    }

    @Test
    void uploadingAFolderSaysItIsAFolder() throws Exception {
        Path folder = Files.createDirectory(local.resolve("photos"));
        Transfer t = Transfer.upload(sandbox.access, folder, "data/", worker, Clock.systemUTC(), () -> {});
        t.start();

        TransferSnapshot end = awaitEnd(t);

        assertEquals(Transfer.State.FAILED, end.state());
        assertEquals(folder + " is a folder; choose a file", end.message());
    }

    @Test
    void localProblemsReadAsTheUserWouldSayThem() {
        Path target = local.resolve("out/file.bin");
        assertEquals(
                "the local disk is full (no space left on device) writing " + target,
                TransferFailures.describe(
                        Transfer.Kind.DOWNLOAD,
                        new FileSystemException(target.toString(), null, "No space left on device"),
                        "/x",
                        target));
        assertEquals(
                "the local disk is full (no space left on device) writing " + target,
                TransferFailures.describe(
                        Transfer.Kind.DOWNLOAD, new IOException("No space left on device"), "/x", target));
        assertEquals(
                "no permission to write in " + local.resolve("out"),
                TransferFailures.describe(
                        Transfer.Kind.DOWNLOAD,
                        new AccessDeniedException(local.resolve("out").toString()),
                        "/x",
                        target));
        assertEquals(
                "no permission to read " + target,
                TransferFailures.describe(
                        Transfer.Kind.UPLOAD, new AccessDeniedException(target.toString()), "/x", target));
    }

    @Test
    void rateAndTimeLeftComeFromTheClockAndAreSmoothed() {
        ManualClock clock = ManualClock.atDemoStart();
        TransferMeter meter = new TransferMeter(clock);
        meter.start();
        meter.progress(0, 10_000);
        assertNull(meter.eta(), "no rate yet");

        clock.advance(Duration.ofSeconds(1));
        meter.progress(1000, 10_000);
        assertEquals(1000, meter.bytesPerSecond(), 0.01);
        assertEquals(Duration.ofSeconds(9), meter.eta());

        clock.advance(Duration.ofSeconds(1));
        meter.progress(3000, 10_000);
        assertEquals(0.3 * 2000 + 0.7 * 1000, meter.bytesPerSecond(), 0.01, "one fast second moves the rate part way");
        assertNotNull(meter.eta());
        assertEquals(Duration.ofSeconds(2), meter.elapsed());
    }

    @Test
    void remotePathsDefaultToTheSandboxesFolderAndRelativeOnesAreJoinedToIt() {
        SandboxFolder folder = SandboxFolder.at("/work/app");
        assertEquals("/work/app/", SandboxPaths.remote("", folder));
        assertEquals("/work/app/a/b.txt", SandboxPaths.remote("a/./b.txt", folder));
        assertEquals("/etc/hosts", SandboxPaths.remote("/etc/hosts", folder));
        assertEquals("/work/x", SandboxPaths.remote("../x", folder));
        assertEquals("/work/app/in/blob.bin", SandboxPaths.uploadTarget("in/", folder, Path.of("/tmp/blob.bin")));
    }

    @Test
    void aRelativePathWithNoKnownFolderIsRefusedAndAnAbsoluteOneNeedsNone() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> SandboxPaths.remote("notes.txt", SandboxFolder.unknown("the record names no folder")));

        assertEquals(
                "the sandbox's folder is not known (the record names no folder): type an absolute sandbox path",
                refused.getMessage());
        assertEquals("/etc/hosts", SandboxPaths.remote("/etc/hosts", null));
    }

    @Test
    void aRelativeUploadLandsInTheFolderTheSandboxesAgentServerNames() throws Exception {
        upload("hi\n", "where.txt");

        assertEquals(
                "hi\n",
                Files.readString(sandbox.demo
                        .sandboxRoot(sandbox.conversation.sandboxId())
                        .resolve(DemoServer.SANDBOX_FOLDER.substring(1))
                        .resolve("where.txt")));
    }

    // ---- helpers ------------------------------------------------------------------------

    private void upload(String text, String remote) throws Exception {
        Path file = Files.writeString(Files.createTempFile(scratch, "up", ".txt"), text);
        Transfer t = Transfer.upload(sandbox.access, file, remote, worker, Clock.systemUTC(), () -> {});
        t.start();
        assertEquals(Transfer.State.DONE, awaitEnd(t).state(), t.snapshot().message());
    }

    static TransferSnapshot awaitEnd(Transfer t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (t.snapshot().finished()) {
                return t.snapshot();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("transfer never ended: " + t.snapshot());
    }
}

package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * A demo killed before it could clean up leaves its scratch folder (the sandboxes' files, command
 * output) in the temporary folder; the next demo removes it, and never anything else there.
 */
@Tag("security")
@DisplayName("A killed demo's scratch folder goes at the next start, and nothing else does")
class LeftScratchTest {
    @TempDir
    Path tmp;

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        long pid = done.pid();
        assertFalse(ProcessHandle.of(pid).isPresent(), "the process has ended");
        return pid;
    }

    private static Path leftBehind(Path dir, String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(folder.resolve("S1/workspace/project"));
        Files.writeString(folder.resolve("S1/workspace/project/notes.txt"), "from a killed run");
        return folder;
    }

    @Test
    void aScratchFolderLeftByAKilledRunIsRemovedAtTheNextStart(TestReporter reporter) throws Exception {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Path left = leftBehind(temp, LeftScratch.prefix(deadPid()) + "4711");
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path ours = demo.sandboxRoot(demo.world().sandboxes().get(0).id()).getParent();

            assertFalse(Files.exists(left, LinkOption.NOFOLLOW_LINKS), "the killed run's folder is gone");
            assertTrue(
                    ours.getFileName()
                            .toString()
                            .startsWith(
                                    LeftScratch.prefix(ProcessHandle.current().pid())),
                    "this run's folder says whose it is: " + ours);
            reporter.publishEntry("seen", "removed " + left.getFileName() + ", kept " + ours.getFileName());
        } finally {
            SandboxFiles.deleteTree(left);
        }
    }

    @Test
    void onlyFoldersOfEndedRunsOwnedByTheUserAreRemoved(TestReporter reporter) throws Exception {
        long dead = deadPid();
        long live = ProcessHandle.current().pid();
        UserPrincipal me = Files.getOwner(tmp);
        Path precious = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(precious.resolve("keep.txt"), "not the demo's");
        Path killed = leftBehind(tmp, "ohtop-demo-" + dead + "-1");
        Files.createSymbolicLink(killed.resolve("S1/workspace/project/link"), precious);
        List<Path> kept = List.of(
                leftBehind(tmp, "ohtop-demo-" + live + "-2"), // a run still going
                Files.createSymbolicLink(tmp.resolve("ohtop-demo-" + dead + "-3"), precious), // a link, not a folder
                Files.writeString(tmp.resolve("ohtop-demo-" + dead + "-4"), "a file"),
                leftBehind(tmp, "ohtop-demo-8273645"), // no pid in the name
                leftBehind(tmp, "ohtop-demo-test-" + dead + "-5"),
                leftBehind(tmp, "ohtop-demo-" + dead + "-6.bak"),
                leftBehind(tmp, "my-ohtop-demo-" + dead + "-7"),
                leftBehind(tmp, "ohtop-demo-99999999999999999999-8")); // no pid is that big

        List<Path> removed =
                LeftScratch.remove(tmp, me, pid -> ProcessHandle.of(pid).isPresent());

        assertEquals(List.of(killed), removed);
        assertFalse(Files.exists(killed, LinkOption.NOFOLLOW_LINKS));
        for (Path path : kept) {
            assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "kept: " + path.getFileName());
        }
        assertEquals("not the demo's", Files.readString(precious.resolve("keep.txt")), "a link's target is left alone");
        reporter.publishEntry("seen", "removed " + killed.getFileName() + "; kept " + kept.size() + " look-alikes");
    }

    /** A run whose pid this process cannot see (another container sharing the folder) still holds its lock. */
    @Test
    void aFolderWhoseRunStillHoldsItsLockIsLeftAlone() throws Exception {
        Path inUse = leftBehind(tmp, "ohtop-demo-" + deadPid() + "-1");
        try (FileLock held = LeftScratch.hold(inUse)) {
            assertEquals(List.of(), LeftScratch.remove(tmp, Files.getOwner(tmp), pid -> false));
        }
        assertTrue(Files.isDirectory(inUse.resolve("S1/workspace/project")));

        assertEquals(
                List.of(inUse),
                LeftScratch.remove(tmp, Files.getOwner(tmp), pid -> false),
                "with the lock let go, the folder goes");
    }

    @Test
    void anotherUsersFolderIsLeftAlone() throws Exception {
        Path theirs = leftBehind(tmp, "ohtop-demo-" + deadPid() + "-1");
        UserPrincipal someoneElse =
                tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        assertFalse(someoneElse.equals(Files.getOwner(theirs)), "the test needs to run as someone other than nobody");

        List<Path> removed = LeftScratch.remove(tmp, someoneElse, pid -> false);

        assertEquals(List.of(), removed);
        try (Stream<Path> left = Files.walk(theirs)) {
            assertTrue(left.anyMatch(p -> p.getFileName().toString().equals("notes.txt")));
        }
    }
}

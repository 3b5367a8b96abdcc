package dev.ohtop.demo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scratch folders that demo runs killed before they could clean up (SIGKILL, a crash, a machine
 * going down) left in the temporary folder. Each run names its own {@code ohtop-demo-<pid>-<n>}
 * and holds a lock on a file in it while it runs; the next run removes those of runs whose process
 * is gone and whose lock is free, and nothing else: not a live run's (nor one whose pid this
 * process cannot see, as from another container sharing the folder), not another user's, not a
 * link or a file of that name, not anything named otherwise.
 */
final class LeftScratch {
    private static final Pattern NAME = Pattern.compile("ohtop-demo-(\\d+)-\\d+");
    private static final String LOCK = ".lock";

    private LeftScratch() {}

    /** The prefix of a run's scratch folder: the pid in it tells a later run whether this one still goes. */
    static String prefix(long pid) {
        return "ohtop-demo-" + pid + "-";
    }

    /**
     * Locks {@code scratch} as in use for as long as this process holds the lock: the system lets
     * go of it when the process ends, however it ends.
     */
    static FileLock hold(Path scratch) throws IOException {
        FileChannel channel = FileChannel.open(
                scratch.resolve(LOCK),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            return channel.lock(); // a new file: no one else holds it
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Removes what killed runs left beside {@code ours}, this run's fresh scratch folder; returns what went. */
    static List<Path> removeBeside(Path ours) {
        try {
            return remove(
                    ours.getParent(),
                    Files.getOwner(ours, LinkOption.NOFOLLOW_LINKS),
                    pid -> ProcessHandle.of(pid).isPresent());
        } catch (IOException e) {
            return List.of(); // a comfort, never a reason not to start
        }
    }

    /**
     * Removes each folder in {@code dir} named as a run's scratch folder, owned by {@code owner},
     * whose run is not {@code alive}. A link of that name is left alone, and so is where it leads.
     */
    static List<Path> remove(Path dir, UserPrincipal owner, LongPredicate alive) throws IOException {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "ohtop-demo-*")) {
            for (Path entry : entries) {
                if (isLeftBehind(entry, owner, alive)) {
                    SandboxFiles.deleteTree(entry);
                    removed.add(entry);
                }
            }
        }
        return removed;
    }

    private static boolean isLeftBehind(Path entry, UserPrincipal owner, LongPredicate alive) throws IOException {
        Matcher name = NAME.matcher(entry.getFileName().toString());
        if (!name.matches()
                || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                || !owner.equals(Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS))) {
            return false;
        }
        try {
            return !alive.test(Long.parseLong(name.group(1))) && !inUse(entry);
        } catch (NumberFormatException e) {
            return false; // more digits than a pid has: not one of ours
        }
    }

    /** Whether a run still holds the folder's lock; when that cannot be told, it does. */
    private static boolean inUse(Path folder) {
        try (FileChannel channel =
                FileChannel.open(folder.resolve(LOCK), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = channel.tryLock();
            return lock == null;
        } catch (NoSuchFileException e) {
            return false; // killed before it could lock, or never locked
        } catch (IOException | OverlappingFileLockException e) {
            return true; // held in this very process, or unreadable: keep
        }
    }
}

package dev.ohtop.api;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files written beside their target and moved into place only when whole, so a failure never
 * leaves half a file and never harms the one already there.
 *
 * <p>A part file gets its mode when it is made (open with {@code O_CREAT|O_EXCL} and that mode, which
 * the kernel narrows by the umask), and is written through the channel that made it, never opened
 * again by name: in a shared folder nobody else can read it while it is written, nor swap in a
 * file of their own under its name.
 */
public final class PartFiles {
    private static final int NAME_TRIES = 16;
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    /** What {@code cp} asks for a new file; the umask takes off the rest. */
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-rw-rw-");

    private static final Set<OpenOption> CREATE_NEW =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);

    /** Who may read what is written. */
    public enum Access {
        /**
         * As {@code cp} or {@code curl -o} would make it: the user's umask for a new file; for a file it
         * replaces, that file's mode (a script stays executable) if it is the user's own regular file,
         * narrowed by the umask. A file someone else planted under the name, or a link, lends nothing.
         */
        USUAL,
        /** Owner only, whatever was there: a conversation's whole record may quote anything said in it. */
        OWNER_ONLY
    }

    /** A part file open for writing (and reading back): its name serves only to move it into place. */
    public static final class Part implements Closeable {
        private final Path path;
        private final FileChannel channel;

        private Part(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        public Path path() {
            return path;
        }

        /** The channel the file was made with: write (and read back) through it only. */
        public FileChannel channel() {
            return channel;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }

        /** Closes and deletes it; the target is left as it was. */
        public void discard() throws IOException {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(path);
            }
        }

        /** Closes it and replaces {@code target} with it (atomically where the file system can). */
        public void moveInto(Path target) throws IOException {
            try {
                channel.close();
            } catch (IOException e) {
                Files.deleteIfExists(path);
                throw e;
            }
            moveIntoPlace(path, target);
        }
    }

    private PartFiles() {}

    /** A new, empty {@code .name.xxxx.part} beside {@code target}, open, with the permissions {@code access} gives. */
    public static Part createBeside(Path target, Access access) throws IOException {
        Path absolute = target.toAbsolutePath();
        FileAttribute<?>[] mode = modeFor(absolute, access);
        for (int attempt = 1; ; attempt++) {
            String tag = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path part = absolute.resolveSibling("." + absolute.getFileName() + "." + tag + ".part");
            try {
                return new Part(part, FileChannel.open(part, CREATE_NEW, mode));
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_TRIES) {
                    throw e;
                }
            }
        }
    }

    /** Replaces {@code target} with {@code part} (atomically where the file system can); the part is gone after. */
    public static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static FileAttribute<?>[] modeFor(Path target, Access access) {
        if (!target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0]; // no modes to give
        }
        Set<PosixFilePermission> mode = access == Access.OWNER_ONLY ? OWNER_READ_WRITE : keptOr(target, NEW_FILE);
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
    }

    /**
     * The permissions of the file at {@code target} when it is a regular file of the user's own,
     * looked at without following a link; {@code otherwise} for anything else. The uid is read in
     * the same call as the mode, so the two describe the same file.
     */
    @SuppressWarnings("unchecked")
    private static Set<PosixFilePermission> keptOr(Path target, Set<PosixFilePermission> otherwise) {
        if (!target.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return otherwise;
        }
        try {
            Map<String, Object> seen =
                    Files.readAttributes(target, "unix:uid,permissions,isRegularFile", LinkOption.NOFOLLOW_LINKS);
            boolean own = Boolean.TRUE.equals(seen.get("isRegularFile"))
                    && seen.get("uid") instanceof Integer uid
                    && uid == ProcessUser.uid();
            return own ? (Set<PosixFilePermission>) seen.get("permissions") : otherwise;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException noneToKeep) {
            return otherwise; // no file there (the usual case), or none we can read
        }
    }

    /** The uid ohtop runs as (-1 where it cannot be known: then no old mode is kept). */
    private static final class ProcessUser {
        private static final long UID = uidOrNone();

        static long uid() {
            return UID;
        }

        private static long uidOrNone() {
            try {
                return new com.sun.security.auth.module.UnixSystem().getUid();
            } catch (LinkageError | RuntimeException notUnix) {
                return -1;
            }
        }
    }
}

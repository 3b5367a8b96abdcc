package dev.ohtop.api;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files written beside their target and moved into place only when whole, so a failure never
 * leaves half a file and never harms the one already there.
 */
public final class PartFiles {
    private static final int NAME_TRIES = 16;
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    /** Who may read what is written. */
    public enum Access {
        /**
         * As {@code cp} or {@code curl -o} would make it: the user's umask for a new file, the mode of
         * the file it replaces otherwise (a script stays executable).
         */
        USUAL,
        /** Owner only, whatever was there: a conversation's whole record may quote anything said in it. */
        OWNER_ONLY
    }

    private PartFiles() {
    }

    /** A new, empty {@code .name.xxxx.part} beside {@code target}, with the permissions {@code access} gives. */
    public static Path createBeside(Path target, Access access) throws IOException {
        Path absolute = target.toAbsolutePath();
        for (int attempt = 1; ; attempt++) {
            String tag = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path part = absolute.resolveSibling("." + absolute.getFileName() + "." + tag + ".part");
            try {
                if (access == Access.OWNER_ONLY && posix(absolute)) {
                    Files.createFile(part, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
                } else {
                    Files.createFile(part);
                }
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_TRIES) {
                    throw e;
                }
                continue;
            }
            if (access == Access.USUAL) {
                keepPermissionsOf(absolute, part);
            }
            return part;
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

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void keepPermissionsOf(Path existing, Path part) throws IOException {
        try {
            if (Files.isRegularFile(existing)) {
                Files.setPosixFilePermissions(part, Files.getPosixFilePermissions(existing));
            }
        } catch (UnsupportedOperationException notPosix) {
            // Nothing to keep on a file system without POSIX modes.
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
    }
}

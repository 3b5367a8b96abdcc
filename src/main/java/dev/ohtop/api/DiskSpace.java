package dev.ohtop.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The room left on the disk a download is written to, so a download with no end stops before the
 * disk is full rather than after (a full disk breaks more than ohtop). Tests give their own.
 */
@FunctionalInterface
public interface DiskSpace {
    /** What a download leaves free at the least. */
    long KEEP_FREE = 256L * 1024 * 1024;

    DiskSpace SYSTEM = file -> Files.getFileStore(file).getUsableSpace();

    /** Bytes still usable on the file system that holds {@code file}. */
    long usableBytes(Path file) throws IOException;

    /** A download stopped (or never begun) because the disk would have had less than {@link #KEEP_FREE} left. */
    final class NearlyFull extends IOException {
        public NearlyFull(String message) {
            super(message);
        }
    }
}

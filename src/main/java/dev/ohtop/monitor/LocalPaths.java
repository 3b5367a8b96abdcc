package dev.ohtop.monitor;

import java.nio.file.Path;

/**
 * A local path as the user types it, wherever ohtop asks for one (a transfer's local file, where
 * to save the console's output): {@code ~} and {@code ~/...} are in the home folder, a relative
 * path is in the local folder ohtop was given, blank is that folder itself.
 */
public final class LocalPaths {
    private LocalPaths() {}

    /** @throws java.nio.file.InvalidPathException when the text cannot name a local path */
    public static Path typed(Path localDir, String typed) {
        Path path = typed.equals("~") || typed.startsWith("~/")
                ? Path.of(System.getProperty("user.home") + typed.substring(1))
                : localDir.resolve(typed);
        return path.toAbsolutePath().normalize();
    }
}

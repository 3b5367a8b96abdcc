package dev.ohtop.monitor;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sandbox paths as a user types them, and where a downloaded file may land locally. Remote paths
 * default to the project directory and a relative one is joined to it; a local target chosen as a
 * folder only ever takes the remote file's base name, so a name like {@code ../../.bashrc} cannot
 * write outside that folder.
 */
public final class SandboxPaths {
    public static final String PROJECT = "/workspace/project/";

    private SandboxPaths() {}

    /** {@code notes.txt} -> {@code /workspace/project/notes.txt}; blank -> the project directory; dots resolved. */
    public static String remote(String typed) {
        String raw = typed == null ? "" : typed.strip();
        String joined = raw.startsWith("/") ? raw : PROJECT + raw;
        boolean trailingSlash = joined.endsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String segment : joined.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                parts.pollLast(); // as the sandbox's own file system does: nothing is above /
            } else {
                parts.addLast(segment);
            }
        }
        String path = "/" + String.join("/", parts);
        return trailingSlash && !path.equals("/") ? path + "/" : path;
    }

    /** The last name of a sandbox path, or null when it names no file ({@code /}, {@code dir/}, {@code ..}). */
    public static String baseName(String remotePath) {
        if (remotePath == null || remotePath.endsWith("/")) {
            return null;
        }
        String name = remotePath.substring(remotePath.lastIndexOf('/') + 1);
        if (name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.indexOf('\0') >= 0
                || name.indexOf('\\') >= 0) {
            return null;
        }
        return name;
    }

    /**
     * Where a download of {@code remotePath} goes when the user chose {@code chosen}: inside it under
     * the remote base name when it is a folder, else exactly there.
     *
     * @throws IllegalArgumentException with a message for the user when no safe name can be made
     */
    public static Path downloadTarget(Path chosen, String remotePath) {
        if (!Files.isDirectory(chosen, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(chosen)) {
            return chosen.toAbsolutePath().normalize();
        }
        String name = baseName(remotePath);
        if (name == null) {
            throw new IllegalArgumentException("the sandbox path " + remotePath + " names no file to download");
        }
        Path folder = chosen.toAbsolutePath().normalize();
        Path target = folder.resolve(name).normalize();
        if (!folder.equals(target.getParent())) {
            throw new IllegalArgumentException("refusing to write " + name + " outside " + folder);
        }
        return target;
    }

    /**
     * A local file name with text the server chose in it (a conversation id in a default name):
     * anything but letters, digits, {@code .}, {@code _} and {@code -} becomes {@code _}, so an id
     * like {@code /../../x} can neither name a folder nor climb out of the one chosen.
     */
    public static String localName(String text) {
        String name = text == null ? "" : text.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "_" : name;
    }

    /** Where an upload of {@code localFile} goes: a folder path ({@code .../}) takes the local file's name. */
    public static String uploadTarget(String typed, Path localFile) {
        String path = remote(typed);
        return path.endsWith("/") ? path + localFile.getFileName() : path;
    }
}

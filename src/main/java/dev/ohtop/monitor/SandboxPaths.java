package dev.ohtop.monitor;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sandbox paths as a user types them, and where a downloaded file may land locally. A relative
 * remote path is in the sandbox's folder ({@link SandboxFolder}, read from the sandbox, never
 * assumed); a local target chosen as a folder only ever takes the remote file's base name, so a
 * name like {@code ../../.bashrc} cannot write outside that folder.
 */
public final class SandboxPaths {
    private SandboxPaths() {}

    /** True when {@code typed} names a sandbox path on its own, without the sandbox's folder. */
    public static boolean isAbsolute(String typed) {
        return typed != null && typed.strip().startsWith("/");
    }

    /**
     * {@code notes.txt} in folder {@code /w/app} -> {@code /w/app/notes.txt}; blank -> the folder
     * ({@code /w/app/}); an absolute path as it is; dots resolved.
     *
     * @param folder the sandbox's folder, needed only for a relative path
     * @throws IllegalArgumentException with a message for the user when a relative path has no folder
     */
    public static String remote(String typed, SandboxFolder folder) {
        String raw = typed == null ? "" : typed.strip();
        if (!raw.startsWith("/") && (folder == null || !folder.known())) {
            throw new IllegalArgumentException("the sandbox's folder is not known"
                    + (folder == null ? "" : " (" + folder.problem() + ")") + ": type an absolute sandbox path");
        }
        return normal(raw.startsWith("/") ? raw : folder.path() + "/" + raw);
    }

    /** The base name {@code typed} will have in any folder, for naming a local file before the folder is read. */
    static String baseNameOf(String typed) {
        String raw = typed == null ? "" : typed.strip();
        return baseName(raw.startsWith("/") ? normal(raw) : normal("/" + raw));
    }

    private static String normal(String joined) {
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
     * Where a download of {@code typedRemote} (a sandbox path as typed: absolute, or relative to
     * the sandbox's folder) goes when the user chose {@code chosen}: inside it under the remote
     * base name when it is a folder, else exactly there.
     *
     * @throws IllegalArgumentException with a message for the user when no safe name can be made
     */
    public static Path downloadTarget(Path chosen, String typedRemote) {
        if (!Files.isDirectory(chosen, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(chosen)) {
            return chosen.toAbsolutePath().normalize();
        }
        String name = baseNameOf(typedRemote);
        if (name == null) {
            String typed = typedRemote == null ? "" : typedRemote.strip();
            throw new IllegalArgumentException("the sandbox path "
                    + (typed.startsWith("/") ? normal(typed) : typed.isEmpty() ? "(the sandbox's folder)" : typed)
                    + " names no file to download");
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
    public static String uploadTarget(String typed, SandboxFolder folder, Path localFile) {
        String path = remote(typed, folder);
        return path.endsWith("/") ? path + localFile.getFileName() : path;
    }
}

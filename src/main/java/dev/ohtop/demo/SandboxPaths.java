package dev.ohtop.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sandbox's file system: a scratch directory on this machine stands for the sandbox's {@code /}.
 * Sandbox paths map into it, never out of it (no {@code ..} above the root, no symlink leading
 * outside); host paths in command output map back, so {@code pwd} prints {@code /workspace/...}.
 */
final class SandboxPaths {
    private static final Pattern SANDBOX_DIRS =
            Pattern.compile("(?<=^|[\\s'\"=:(<>])/(?:workspace|home/openhands)(?=$|[/\\s'\";:)|&<>])");

    private final Path root;
    private final Path realRoot;

    SandboxPaths(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
    }

    Path root() {
        return root;
    }

    /** The host path of an absolute sandbox path; 400 when it is relative or would leave the sandbox. */
    Path resolve(String sandboxPath) {
        if (sandboxPath == null || !sandboxPath.startsWith("/")) {
            throw ApiError.detail(400, "Path must be absolute");
        }
        if (sandboxPath.indexOf('\0') >= 0) {
            throw ApiError.detail(400, "Path contains a NUL character");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String segment : sandboxPath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    throw escaping(sandboxPath);
                }
                parts.removeLast();
            } else {
                parts.addLast(segment);
            }
        }
        Path host = root;
        for (String part : parts) {
            host = host.resolve(part);
        }
        requireInside(host, sandboxPath);
        return host;
    }

    /** Checks the nearest existing ancestor of {@code host}, links followed, is still inside the sandbox. */
    void requireInside(Path host, String sandboxPath) {
        Path existing = host;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            if (existing == null || !existing.toRealPath().startsWith(realRoot)) {
                throw escaping(sandboxPath);
            }
        } catch (IOException e) {
            throw escaping(sandboxPath);
        }
    }

    /**
     * A command as it must run here: bash is not confined, so the sandbox's own top directories
     * ({@code /workspace}, {@code /home/openhands}) named in the command are pointed into the scratch
     * directory, and {@code cat /workspace/.../README.md} works as in a sandbox. Other absolute
     * paths ({@code /usr/bin}, {@code /tmp}) stay the machine's.
     */
    String toHostCommand(String command) {
        return SANDBOX_DIRS.matcher(command).replaceAll(m -> Matcher.quoteReplacement(root + m.group()));
    }

    /** Command output as the sandbox would print it: host paths of the scratch directory become sandbox paths. */
    String toSandboxText(String text) {
        String out = text;
        for (Path prefix : realRoot.equals(root) ? new Path[] {root} : new Path[] {realRoot, root}) {
            String host = prefix.toString();
            out = out.replace(host + "/", "/").replace(host, "/");
        }
        return out;
    }

    private static ApiError escaping(String sandboxPath) {
        return ApiError.detail(400, "Path escapes the sandbox: " + sandboxPath);
    }
}

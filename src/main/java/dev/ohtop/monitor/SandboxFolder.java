package dev.ohtop.monitor;

/**
 * The folder a sandbox works in: where its console starts and where a relative transfer path
 * lands. Read from the agent server (never assumed); when it could not be read, {@code path} is
 * null and {@code problem} says why in one line, and commands run in the agent server's own folder.
 */
public record SandboxFolder(String path, String problem) {
    static SandboxFolder at(String path) {
        return new SandboxFolder(path, null);
    }

    static SandboxFolder unknown(String why) {
        return new SandboxFolder(null, why);
    }

    public boolean known() {
        return path != null;
    }
}

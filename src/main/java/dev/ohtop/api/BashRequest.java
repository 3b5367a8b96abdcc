package dev.ohtop.api;

/** A command for the agent server: run {@code command} with bash in {@code cwd}, for at most {@code timeout} seconds. */
public record BashRequest(String command, String cwd, Integer timeout) {
    /** The agent server's own default when no timeout is given. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;

    public int timeoutSeconds() {
        return timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout;
    }
}

package dev.ohtop.api;

/**
 * One piece of a command's output. Output over 1 MiB per stream arrives in several pieces,
 * {@code order} 0, 1, 2...; only the last has an {@code exitCode} (-1 when it timed out).
 */
public record BashOutput(
        String id,
        String timestamp,
        String commandId,
        Integer order,
        Integer exitCode,
        String stdout,
        String stderr,
        String kind) {
    public boolean isFinal() {
        return exitCode != null;
    }

    public int orderOrZero() {
        return order == null ? 0 : order;
    }
}

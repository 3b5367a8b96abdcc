package dev.ohtop.api.events;

/** A hook ran around a tool call: what, whether it passed or blocked, and its output. */
public record HookEvent(
        EventInfo info,
        String hookEventType,
        String hookCommand,
        Boolean success,
        Boolean blocked,
        Integer exitCode,
        String stdout,
        String stderr)
        implements Event {
    @Override
    public String summary() {
        String outcome = Boolean.TRUE.equals(blocked) ? "BLOCKED" : Boolean.FALSE.equals(success) ? "failed" : "ok";
        return (hookEventType == null ? "hook" : hookEventType) + " " + (hookCommand == null ? "" : hookCommand) + " "
                + outcome + (exitCode == null ? "" : " (exit " + exitCode + ")");
    }

    @Override
    public boolean isError() {
        return Boolean.FALSE.equals(success) || Boolean.TRUE.equals(blocked);
    }
}

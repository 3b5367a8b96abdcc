package dev.ohtop.api.events;

/**
 * The answer to an action: its {@code actionId} is the action's id and it shares the action's
 * {@code toolCallId}. A {@code UserRejectObservation} is one too (the user said no), with the
 * rejection reason as its text. {@code exitCode} -1 means the command timed out or still runs.
 */
public record ObservationEvent(
        EventInfo info,
        String toolName,
        String toolCallId,
        String actionId,
        String observationKind,
        String text,
        boolean error,
        Integer exitCode,
        String command)
        implements Event {
    public static final String REJECTION_KIND = "UserRejectObservation";

    @Override
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(toolName != null ? toolName : observationKind != null ? observationKind : "observation");
        if (REJECTION_KIND.equals(info.kind())) {
            s.append(" rejected");
        }
        if (exitCode != null) {
            s.append(" exit ").append(exitCode);
        }
        if (text != null && !text.isEmpty()) {
            s.append(": ").append(text);
        }
        return s.toString();
    }

    @Override
    public boolean isError() {
        return error;
    }
}

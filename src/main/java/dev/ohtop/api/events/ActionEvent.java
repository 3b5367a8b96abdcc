package dev.ohtop.api.events;

/**
 * A tool call by the agent. {@code argument} is the action's main argument (the terminal
 * command, the file editor's command and path, the finish message, the thought).
 */
public record ActionEvent(
        EventInfo info,
        String toolName,
        String toolCallId,
        String actionKind,
        String argument,
        String summaryText,
        String thought,
        String securityRisk)
        implements Event {
    @Override
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(toolName != null ? toolName : actionKind != null ? actionKind : "action");
        if (argument != null && !argument.isEmpty()) {
            s.append(": ").append(argument);
        } else if (summaryText != null && !summaryText.isEmpty()) {
            s.append(": ").append(summaryText);
        }
        if (securityRisk != null && !"LOW".equals(securityRisk) && !"UNKNOWN".equals(securityRisk)) {
            s.append(" [risk ").append(securityRisk).append(']');
        }
        return s.toString();
    }
}

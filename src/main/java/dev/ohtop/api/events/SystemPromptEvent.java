package dev.ohtop.api.events;

import java.util.List;

/** The system prompt the agent started with (long) and the tools it was given. */
public record SystemPromptEvent(EventInfo info, String prompt, List<String> tools) implements Event {
    @Override
    public String summary() {
        String first = prompt == null ? "" : prompt.lines().findFirst().orElse("");
        return "system prompt (" + (prompt == null ? 0 : prompt.length()) + " chars, " + tools.size() + " tools"
                + (tools.isEmpty() ? "" : ": " + String.join(", ", tools)) + ") " + first;
    }
}

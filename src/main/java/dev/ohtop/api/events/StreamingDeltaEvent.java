package dev.ohtop.api.events;

/**
 * A piece of the LLM's answer as it streams: {@code content} (what it says) or
 * {@code reasoning} (what it thinks aloud). The agent server only broadcasts these; the app
 * server stores them, so Cloud's history holds one per step.
 */
public record StreamingDeltaEvent(EventInfo info, String content, String reasoning) implements Event {
    @Override
    public String summary() {
        if (content != null && !content.isBlank()) {
            return content;
        }
        if (reasoning != null && !reasoning.isBlank()) {
            return "thinking: " + reasoning;
        }
        return "(empty delta)";
    }
}

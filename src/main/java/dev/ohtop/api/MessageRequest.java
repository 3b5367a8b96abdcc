package dev.ohtop.api;

import java.util.List;

/** A user message, as both services take it: initial message, send-message, agent-server events. */
public record MessageRequest(String role, List<TextContent> content, Boolean run) {
    public static MessageRequest userText(String text) {
        return new MessageRequest("user", List.of(TextContent.of(text)), true);
    }
}

package dev.ohtop.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.testing.CommandRun;

/** Conversations of the demo world picked by what a test needs, as {@code ohtop ls --json} lists them. */
final class DemoConversations {
    private DemoConversations() {}

    /** The id of a conversation whose sandbox has {@code sandboxStatus} (RUNNING, PAUSED...). */
    static String withSandbox(DemoServer demo, String sandboxStatus) {
        return find(demo, sandboxStatus).get("id").asText();
    }

    /** Its sandbox's id. */
    static String sandboxOf(DemoServer demo, String conversationId) {
        for (JsonNode c :
                CommandRun.against(demo, "ls", "--json", "--limit", "100").json()) {
            if (c.get("id").asText().equals(conversationId)) {
                return c.get("sandbox_id").asText();
            }
        }
        throw new AssertionError("no conversation " + conversationId);
    }

    private static JsonNode find(DemoServer demo, String sandboxStatus) {
        CommandRun ls = CommandRun.against(demo, "ls", "--json", "--limit", "100");
        for (JsonNode c : ls.json()) {
            if (sandboxStatus.equals(c.path("sandbox_status").asText())) {
                return c;
            }
        }
        throw new AssertionError("the demo has a conversation with a " + sandboxStatus + " sandbox:\n" + ls);
    }
}

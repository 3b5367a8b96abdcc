package dev.ohtop.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MappedItemsTest {
    private static final String ROUTE = "GET /app-conversations/search";
    private final MappedItems items = new MappedItems();

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void aConversationThatComesBackUnchangedIsNotMappedAgain() throws Exception {
        String text = "{\"id\":\"c1\",\"title\":\"Fix the build\",\"updated_at\":\"2026-11-27T10:15:30Z\"}";

        AppConversation first = items.map(json(text), AppConversation.class, ROUTE);
        AppConversation again = items.map(json(text), AppConversation.class, ROUTE);

        assertSame(first, again, "the record of the last answer, kept");
    }

    @Test
    void aConversationThatMovedIsMappedAfresh() throws Exception {
        AppConversation before = items.map(
                json("{\"id\":\"c1\",\"updated_at\":\"2026-11-27T10:15:30Z\"}"), AppConversation.class, ROUTE);

        AppConversation after = items.map(
                json("{\"id\":\"c1\",\"updated_at\":\"2026-11-27T10:16:00Z\"}"), AppConversation.class, ROUTE);

        assertNotSame(before, after);
        assertEquals("2026-11-27T10:16:00Z", after.updatedAt().toString());
    }
}

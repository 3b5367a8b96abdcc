package dev.ohtop.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conversations are read by hand (no mapper: {@code ohtop ls} starts 80 ms sooner); they must
 * read exactly as the project's JSON configuration maps them, leniency and refusals included.
 */
class ConversationJsonTest {
    private static final String ROUTE = "GET /app-conversations/search";

    /** The mapper's reading, or the bad response it gives, as text to compare. */
    private static String mapped(String json) throws Exception {
        try {
            return String.valueOf(HttpCore.convert(Json.MAPPER.readTree(json), AppConversation.class, ROUTE));
        } catch (ApiException e) {
            return "refused: " + e.detail();
        }
    }

    private static String read(String json) throws Exception {
        try {
            return String.valueOf(ConversationJson.read(JsonTree.read(json), ROUTE));
        } catch (ApiException e) {
            return "refused: " + e.detail();
        }
    }

    @Test
    void everyConversationOfAServerPageReadsToTheSameRecordAsTheMapperGives() throws Exception {
        JsonNode items = JsonTree.read(Wire.fixture("conversation-page.json")).get("items");
        for (JsonNode item : items) {
            assertEquals(Json.MAPPER.treeToValue(item, AppConversation.class), ConversationJson.read(item, ROUTE));
        }
        AppConversation first = ConversationJson.read(items.get(0), ROUTE);
        assertEquals(items.get(0).path("metrics").path("accumulated_cost").asDouble(), first.cost());
        assertEquals(java.time.Instant.parse(items.get(0).path("created_at").asText()), first.createdAt());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"id\":5,\"title\":1.5,\"trigger\":true,\"unknown\":{\"x\":1}}",
                "{\"id\":{}}",
                "{\"title\":[\"a\"]}",
                "{\"pr_number\":5}",
                "{\"pr_number\":[1,null,\"3\",1.7]}",
                "{\"pr_number\":[\"x\"]}",
                "{\"pr_number\":{}}",
                "{\"pr_number\":[99999999999]}",
                "{\"sub_conversation_ids\":\"a\"}",
                "{\"sub_conversation_ids\":[1,true,null]}",
                "{\"public\":\"TRUE\"}",
                "{\"public\":0}",
                "{\"public\":\"\"}",
                "{\"public\":\"yes\"}",
                "{\"tags\":{\"a\":\"b\",\"c\":5,\"d\":null}}",
                "{\"tags\":{\"a\":{}}}",
                "{\"tags\":[]}",
                "{\"created_at\":\"yesterday\",\"updated_at\":5}",
                "{\"created_at\":{},\"updated_at\":[]}",
                "{\"created_at\":\"2026-11-27T10:15:30.123456\",\"updated_at\":\"2026-11-27T10:15:30+02:00\"}",
                "{\"metrics\":\"x\"}",
                "{\"metrics\":{\"accumulated_cost\":\"1.5\",\"max_budget_per_task\":\"\"}}",
                "{\"metrics\":{\"accumulated_cost\":\"abc\"}}",
                "{\"metrics\":{\"accumulated_cost\":true}}",
                "{\"metrics\":{\"accumulated_token_usage\":{\"prompt_tokens\":1.9,\"completion_tokens\":\"7\"}}}",
                "{\"metrics\":{\"accumulated_token_usage\":{\"context_window\":99999999999999999999}}}",
                "{\"metrics\":{\"accumulated_token_usage\":{\"prompt_tokens\":\"x\"}}}",
                "{\"id\":\"a\",\"id\":\"b\",\"session_api_key\":\"k\",\"conversation_url\":\"u\"}",
                "[]",
                "\"x\"",
                "\"\"",
                "{\"metrics\":\"\",\"tags\":\"\",\"pr_number\":\"\"}",
                "{\"metrics\":{\"accumulated_token_usage\":\"\"}}"
            })
    void aConversationOfAnyShapeReadsAsTheMapperReadsIt(String json) throws Exception {
        assertEquals(mapped(json), read(json));
    }

    @Test
    void aValueOfTheWrongShapeIsABadResponseThatSaysWhere() throws Exception {
        ApiException e = assertThrows(
                ApiException.class,
                () -> ConversationJson.read(
                        JsonTree.read("{\"metrics\":{\"accumulated_token_usage\":{\"prompt_tokens\":[]}}}"), ROUTE));

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
        assertEquals("unexpected AppConversation shape at metrics.accumulated_token_usage.prompt_tokens", e.detail());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\":1,\"b\":3000000000,\"c\":123456789012345678901234567890,\"d\":1.5e300,\"e\":-0.0}",
                "{\"a\":[true,false,null,\"x\",{\"b\":[]}],\"a\":2}",
                "  [1, 2] trailing",
                "\"\\u00e9t\\u00e9\""
            })
    void anAnswerReadsToTheTreeTheMapperWouldRead(String json) throws Exception {
        assertEquals(Json.MAPPER.readTree(json), JsonTree.read(json));
        assertEquals(Json.MAPPER.readTree(json), JsonTree.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void anEmptyAnswerIsAMissingTreeAndBrokenJsonFailsAsBefore() throws Exception {
        assertInstanceOf(MissingNode.class, JsonTree.read("  "));
        assertThrows(JsonProcessingException.class, () -> JsonTree.read("{\"a\":"));
        assertThrows(JsonProcessingException.class, () -> JsonTree.read("[1,}"));
        assertThrows(JsonProcessingException.class, () -> JsonTree.read("[".repeat(201) + "]".repeat(201)));
        assertNull(ConversationJson.read(JsonTree.read("null"), ROUTE));
    }
}

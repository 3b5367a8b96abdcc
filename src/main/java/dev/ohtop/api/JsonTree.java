package dev.ohtop.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads a JSON text into Jackson's tree without an ObjectMapper: making the first one loads and
 * sets up some 700 classes, 45 ms of a 0.26 s {@code ohtop ls} that reads one page and maps no
 * class (see docs/performance.md). The tree is the one {@code ObjectMapper.readTree} gives with
 * our configuration: integers as int, long or big integer nodes by size, other numbers as
 * doubles, the last of a repeated name kept, anything after the first value ignored, empty text
 * a missing node; the parser keeps our limits.
 */
public final class JsonTree {
    private JsonTree() {}

    /**
     * What a parser of ours agrees to read: deeper nesting than any answer has, strings and documents
     * bounded by the largest answer a route accepts, so no input costs more than its size suggests.
     */
    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(200)
            .maxStringLength(32 * 1024 * 1024)
            .maxDocumentLength(64L * 1024 * 1024)
            .maxNumberLength(100)
            .build();

    /** The limits in words, for the message that refuses an answer beyond them. */
    static final String LIMITS = "at most 200 levels deep, strings of at most 32 MiB, numbers of at most 100 digits";

    /** Thread-safe; {@link Json#MAPPER} is built on an equal one. */
    static final JsonFactory FACTORY = factory();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A new factory with our limits. */
    static JsonFactory factory() {
        return JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();
    }

    public static JsonNode read(byte[] json) throws JsonProcessingException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return document(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) { // not from text in memory; as ObjectMapper.readTree wraps it
            throw JsonMappingException.fromUnexpectedIOE(e);
        }
    }

    public static JsonNode read(String json) throws JsonProcessingException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return document(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw JsonMappingException.fromUnexpectedIOE(e);
        }
    }

    private static JsonNode document(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        return first == null ? MissingNode.getInstance() : value(p, first);
    }

    /** The value that starts at {@code token}; nesting is bounded by the parser's limits. */
    private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    object.replace(name, value(p, p.nextToken()));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(value(p, t));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default: // a name or an end where a value belongs: the parser reports those itself
                throw new JsonParseException(p, "unexpected " + token);
        }
    }
}

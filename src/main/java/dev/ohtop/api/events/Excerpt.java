package dev.ohtop.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** A copy of a JSON tree with every long string and list cut short, each cut marked where it is. */
final class Excerpt {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Excerpt() {}

    /** Strings keep their first {@code chars} characters, lists and objects their first {@code items} entries. */
    static JsonNode of(JsonNode node, int chars, int items) {
        if (node.isTextual()) {
            String text = node.textValue();
            return text.length() <= chars
                    ? node
                    : NODES.textNode(
                            text.substring(0, chars) + RawJson.CUT_MARK + (text.length() - chars) + " characters]");
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < node.size() && i < items; i++) {
                out.add(of(node.get(i), chars, items));
            }
            if (node.size() > items) {
                out.add(RawJson.CUT_MARK + (node.size() - items) + " more items]");
            }
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            // Objects keep more entries than lists: an event's own fields are few and all worth seeing.
            for (int i = 0; fields.hasNext(); i++) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (i >= items * 4) {
                    out.put(RawJson.CUT_MARK.strip(), (node.size() - i) + " more fields]");
                    break;
                }
                out.set(field.getKey(), of(field.getValue(), chars, items));
            }
            return out;
        }
        return node;
    }
}

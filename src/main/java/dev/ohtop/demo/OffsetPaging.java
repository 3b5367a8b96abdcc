package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The app server's paging: {@code page_id} is the base64 of an offset ("Mg" is offset 2), opaque to
 * clients. Read it from the query before looking anything up: like FastAPI, a bad {@code limit} is a
 * 422 whatever else is wrong with the request.
 */
record OffsetPaging(int offset, int limit) {

    static OffsetPaging of(Query query) {
        int limit = query.limit();
        return new OffsetPaging(offset(query.first("page_id")), limit);
    }

    /** One page of {@code all} as {@code {"items": [...], "next_page_id": ...}}. */
    <T> ObjectNode page(List<T> all, Function<T, JsonNode> toJson) {
        ObjectNode page = Json.object();
        ArrayNode items = page.putArray("items");
        int end = Math.min(all.size(), offset + limit);
        for (int i = offset; i < end; i++) {
            items.add(toJson.apply(all.get(i)));
        }
        return page.put("next_page_id", end < all.size() ? pageId(end) : null);
    }

    static String pageId(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
    }

    private static int offset(String pageId) {
        if (pageId == null || pageId.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(pageId), StandardCharsets.US_ASCII));
            if (offset >= 0) {
                return offset;
            }
        } catch (IllegalArgumentException notAnOffset) {
            // Falls through to the answer below.
        }
        throw ApiError.detail(400, "Invalid page_id: " + pageId);
    }
}

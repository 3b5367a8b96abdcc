package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer, thrown from a route and written by {@link Endpoint} with the body given. */
final class ApiError extends RuntimeException {
    private final int status;
    private final transient JsonNode body;

    ApiError(int status, JsonNode body) {
        super(status + " " + Json.text(body), null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    JsonNode body() {
        return body;
    }

    static ApiError detail(int status, String text) {
        return new ApiError(status, Json.detail(text));
    }

    static ApiError notFound() {
        return detail(404, "Not Found");
    }

    /**
     * A 422 in FastAPI's validation shape: {@code {"detail":[{"type","loc","msg","input","ctx"}]}}.
     *
     * @param where "query", "path" or "body"
     */
    static ApiError invalid(String type, String where, String name, String message, String input, ObjectNode ctx) {
        ObjectNode item = Json.object().put("type", type);
        item.putArray("loc").add(where).add(name);
        item.put("msg", message).put("input", input);
        item.set("ctx", ctx);
        ObjectNode body = Json.object();
        body.putArray("detail").add(item);
        return new ApiError(422, body);
    }

    static ApiError missing(String where, String name) {
        return invalid("missing", where, name, "Field required", null, null);
    }
}

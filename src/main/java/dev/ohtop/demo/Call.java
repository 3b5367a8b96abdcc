package dev.ohtop.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request and its answer. Every answer goes through {@link #begin} so that the
 * {@link Endpoint.Interceptor} hears of it exactly once, before the client can see it.
 */
final class Call {
    private static final int MAX_JSON_BODY = 1 << 20;

    private final HttpExchange exchange;
    private final ServerRole server;
    private final Endpoint.Interceptor interceptor;
    private final Query query;
    private boolean answered;

    Call(HttpExchange exchange, ServerRole server, Endpoint.Interceptor interceptor) {
        this.exchange = exchange;
        this.server = server;
        this.interceptor = interceptor;
        this.query = Query.parse(exchange.getRequestURI().getRawQuery());
    }

    /** The service this call came to. */
    ServerRole server() {
        return server;
    }

    /** The exchange itself, for an interceptor that must wrap its streams. */
    HttpExchange exchange() {
        return exchange;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    /** The raw (undecoded) path. */
    String path() {
        return exchange.getRequestURI().getRawPath();
    }

    Query query() {
        return query;
    }

    /** The raw (undecoded) query, or null. */
    String rawQuery() {
        return exchange.getRequestURI().getRawQuery();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    InputStream body() {
        return exchange.getRequestBody();
    }

    boolean answered() {
        return answered;
    }

    /** The JSON request body, or null when there is none; 422 when it is not JSON. */
    JsonNode jsonBody() throws IOException {
        byte[] bytes = readBody();
        if (bytes.length == 0) {
            return null;
        }
        try {
            return Json.parse(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid(
                    "json_invalid",
                    "body",
                    "0",
                    "JSON decode error",
                    null,
                    Json.object().put("error", e.getOriginalMessage()));
        }
    }

    void json(int status, JsonNode body) throws IOException {
        json(status, body, Map.of());
    }

    void json(int status, JsonNode body, Map<String, String> headers) throws IOException {
        bytes(status, "application/json", Json.bytes(body), headers);
    }

    void text(int status, String contentType, String body) throws IOException {
        bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    void bytes(int status, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        try (OutputStream out = stream(status, contentType, body.length, headers)) {
            out.write(body);
        }
    }

    /**
     * Starts an answer whose body the caller writes and closes.
     *
     * @param length the exact body length, or -1 for a body of unknown length (sent chunked)
     */
    OutputStream stream(int status, String contentType, long length, Map<String, String> headers) throws IOException {
        begin(status);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        // HttpExchange spells "chunked" as 0 and "no body" as -1.
        exchange.sendResponseHeaders(status, length < 0 ? 0 : length == 0 ? -1 : length);
        return exchange.getResponseBody();
    }

    /** Declares the whole body but sends only its first half, then closes the connection. */
    void truncated(String contentType, byte[] body) throws IOException {
        begin(200);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        exchange.close();
    }

    /** Closes the connection without sending a byte. */
    void drop() {
        begin(0);
        exchange.close();
    }

    private void begin(int status) {
        if (answered) {
            throw new IllegalStateException("answered twice: " + method() + " " + path());
        }
        answered = true;
        interceptor.answering(this, status);
    }

    private byte[] readBody() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + n > MAX_JSON_BODY) {
                    throw ApiError.detail(413, "Request body too large");
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }
}

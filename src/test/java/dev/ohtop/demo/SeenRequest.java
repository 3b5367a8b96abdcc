package dev.ohtop.demo;

/**
 * One request as the demo server saw it, so tests can check what a client sent where.
 *
 * @param sequence      position in the log, counting from 0 since the server started
 * @param server        the service that received it
 * @param path          the raw path, not decoded
 * @param rawQuery      the raw query, not decoded, or null
 * @param authorization the {@code Authorization} header, or null
 * @param sessionApiKey the {@code X-Session-API-Key} header, or null
 * @param status        the status answered; 0 when the connection was dropped without an answer
 */
public record SeenRequest(
        long sequence,
        ServerRole server,
        String method,
        String path,
        String rawQuery,
        String authorization,
        String sessionApiKey,
        int status) {

    /**
     * The method and path with conversation and other ids as {@code {id}}
     * ({@code GET /api/v1/conversation/{id}/events/search}): requests counted by kind.
     */
    public String route() {
        return method + " " + path.replaceAll("/[0-9a-f]{32}|/[0-9a-f-]{36}", "/{id}");
    }
}

package dev.ohtop.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Writes the answer a {@link Fault} stands for, in the shapes real servers and proxies use. */
final class FaultAnswers {
    private static final String SPA_PAGE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>OpenHands</title></head><body><div id=\"root\"></div>"
            + "<script type=\"module\" src=\"/assets/index.js\"></script></body></html>";

    private FaultAnswers() {}

    static void answer(Call call, Fault fault, Instant now, IdSource ids) throws IOException {
        switch (fault.kind()) {
            case STATUS -> status(call, fault.status(), call.server(), ids);
            case RATE_LIMITED -> rateLimited(call, fault.retryAfterSeconds(), now);
            case MALFORMED_JSON ->
                call.bytes(
                        200,
                        "application/json",
                        "{\"items\": [{\"id\": \"bb6a1b39c0d44d4db931e53d59897c77\", \"title\": \"Fix fla"
                                .getBytes(StandardCharsets.UTF_8),
                        Map.of());
            case HTML_BODY -> call.text(200, "text/html; charset=utf-8", SPA_PAGE);
            case HUGE_BODY -> call.bytes(200, "application/json", hugePage(), Map.of());
            case TRUNCATED_BODY ->
                call.truncated(
                        "application/json",
                        Json.bytes(Json.object()
                                .put("items", "this body is cut off half-way and never completes")
                                .putNull("next_page_id")));
            case DROPPED_CONNECTION -> call.drop();
            case LATENCY, THROTTLED, UPGRADE_REFUSED, SOCKET_STALLED, SOCKET_CUT ->
                throw new IllegalArgumentException(fault.kind() + " is not an answer");
        }
    }

    /** What a proxy that does not pass WebSockets answers an upgrade: a page, not a 101. */
    static HttpAnswer upgradeRefusal(int status) {
        if (status == 200) {
            return new HttpAnswer(200, "OK", "text/html; charset=utf-8", SPA_PAGE);
        }
        String reason = switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 426 -> "Upgrade Required";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Error";
        };
        return HttpAnswer.proxyPage(status, reason);
    }

    /** {@code {"items": [...]}} of 10 MiB: ten thousand conversations with 1 KiB titles. */
    private static byte[] hugePage() {
        String item = "{\"id\": \"bb6a1b39c0d44d4db931e53d59897c77\", \"title\": \"" + "x".repeat(1000) + "\"}";
        StringBuilder page = new StringBuilder(10 * 1024 * 1024 + item.length())
                .append("{\"items\": [")
                .append(item);
        while (page.length() < 10 * 1024 * 1024) {
            page.append(", ").append(item);
        }
        return page.append("], \"next_page_id\": null}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void status(Call call, int status, ServerRole server, IdSource ids) throws IOException {
        if (status == 502 || status == 503 || status == 504) {
            // Gateway errors come from the load balancer in front of the service, not from FastAPI.
            String title = status + " "
                    + switch (status) {
                        case 502 -> "Bad Gateway";
                        case 503 -> "Service Temporarily Unavailable";
                        default -> "Gateway Time-out";
                    };
            call.text(status, "text/html", ProxyPage.titled(title));
        } else if (status == 500 && server == ServerRole.AGENT) {
            call.json(
                    500,
                    Json.detail("Internal Server Error")
                            .put("exception", "Injected fault")
                            .put("error_id", ids.hex32()));
        } else {
            call.json(status, Json.detail(status == 500 ? "Internal Server Error" : "Injected fault " + status));
        }
    }

    private static void rateLimited(Call call, int retryAfterSeconds, Instant now) throws IOException {
        call.json(
                429,
                Json.error("Rate limit exceeded: 100 per 1 minute"),
                Map.of(
                        "Retry-After",
                        Integer.toString(retryAfterSeconds),
                        "X-RateLimit-Limit",
                        "100",
                        "X-RateLimit-Remaining",
                        "0",
                        "X-RateLimit-Reset",
                        Long.toString(now.getEpochSecond() + retryAfterSeconds)));
    }
}

package dev.ohtop.demo;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of routes. Patterns are literal segments and {@code {name}} segments; a final
 * {@code {name...}} takes the rest of the path verbatim (the legacy file routes keep a leading
 * slash, {@code /download//workspace/x}). Routes are tried in the order added, so literal routes go
 * before the variable ones they overlap.
 */
final class Router {
    @FunctionalInterface
    interface Handler {
        void handle(Call call, Map<String, String> params) throws IOException;
    }

    private record Route(String method, String[] segments, String tailName, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String pattern, Handler handler) {
        String tailName = null;
        String head = pattern;
        int tail = pattern.indexOf("{", pattern.lastIndexOf('/'));
        if (pattern.endsWith("...}")) {
            tailName = pattern.substring(tail + 1, pattern.length() - 4);
            head = pattern.substring(0, tail);
        }
        routes.add(new Route(method, split(head), tailName, handler));
        return this;
    }

    /** Answers {@code path} (raw, relative to this router), or 404/405 in FastAPI's words. */
    void dispatch(Call call, String path) throws IOException {
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> params = match(route, path);
            if (params == null) {
                continue;
            }
            if (route.method.equals(call.method())) {
                route.handler.handle(call, params);
                return;
            }
            pathMatched = true;
        }
        throw pathMatched ? ApiError.detail(405, "Method Not Allowed") : ApiError.notFound();
    }

    private static Map<String, String> match(Route route, String path) {
        String rest = path;
        Map<String, String> params = new HashMap<>();
        for (String segment : route.segments) {
            if (!rest.startsWith("/")) {
                return null;
            }
            int end = rest.indexOf('/', 1);
            String actual = end < 0 ? rest.substring(1) : rest.substring(1, end);
            rest = end < 0 ? "" : rest.substring(end);
            if (segment.startsWith("{")) {
                if (actual.isEmpty()) {
                    return null;
                }
                params.put(segment.substring(1, segment.length() - 1), decode(actual));
            } else if (!segment.equals(actual)) {
                return null;
            }
        }
        if (route.tailName != null) {
            // The pattern's head ended with '/', so the tail is everything after that slash.
            if (!rest.startsWith("/") || rest.length() < 2) {
                return null;
            }
            params.put(route.tailName, decode(rest.substring(1)));
            return params;
        }
        return rest.isEmpty() ? params : null;
    }

    private static String[] split(String pattern) {
        String trimmed = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
        return trimmed.isEmpty() ? new String[0] : trimmed.substring(1).split("/");
    }

    private static String decode(String text) {
        // Path segments: '+' is a literal plus, not a space.
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

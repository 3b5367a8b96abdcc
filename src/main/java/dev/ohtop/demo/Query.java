package dev.ohtop.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Query parameters of one request, with FastAPI's validation answers for bad values. */
final class Query {
    static final int MAX_LIMIT = 100;
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "off", "f", "n");

    private final Map<String, List<String>> values;

    private Query(Map<String, List<String>> values) {
        this.values = values;
    }

    static Query parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new Query(values);
    }

    /** The first value, or null when absent. */
    String first(String name) {
        List<String> all = values.get(name);
        return all == null ? null : all.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    String required(String name) {
        String value = first(name);
        if (value == null) {
            throw ApiError.missing("query", name);
        }
        return value;
    }

    /** {@code limit}: 1..100, default 100; anything else is a 422 as on Cloud today. */
    int limit() {
        Integer limit = integer("limit");
        if (limit == null) {
            return MAX_LIMIT;
        }
        String input = first("limit");
        if (limit > MAX_LIMIT) {
            throw ApiError.invalid(
                    "less_than_equal",
                    "query",
                    "limit",
                    "Input should be less than or equal to 100",
                    input,
                    Json.object().put("le", MAX_LIMIT));
        }
        if (limit < 1) {
            throw ApiError.invalid(
                    "greater_than_equal",
                    "query",
                    "limit",
                    "Input should be greater than or equal to 1",
                    input,
                    Json.object().put("ge", 1));
        }
        return limit;
    }

    Integer integer(String name) {
        String value = first(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalid(
                    "int_parsing",
                    "query",
                    name,
                    "Input should be a valid integer, unable to parse string as an integer",
                    value,
                    null);
        }
    }

    Instant instant(String name) {
        String value = first(name);
        if (value == null) {
            return null;
        }
        try {
            return WireTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(
                    "datetime_from_date_parsing",
                    "query",
                    name,
                    "Input should be a valid datetime or date, " + e.getMessage(),
                    value,
                    null);
        }
    }

    boolean bool(String name, boolean otherwise) {
        String value = first(name);
        if (value == null) {
            return otherwise;
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower)) {
            return true;
        }
        if (FALSE.contains(lower)) {
            return false;
        }
        throw ApiError.invalid(
                "bool_parsing",
                "query",
                name,
                "Input should be a valid boolean, unable to interpret input",
                value,
                null);
    }

    /** An enum parameter: one of {@code allowed}, else 422 listing them. */
    String oneOf(String name, String otherwise, String... allowed) {
        String value = first(name);
        if (value == null) {
            return otherwise;
        }
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        String expected = "'" + String.join("' or '", allowed) + "'";
        throw ApiError.invalid(
                "enum",
                "query",
                name,
                "Input should be " + expected,
                value,
                Json.object().put("expected", expected));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}

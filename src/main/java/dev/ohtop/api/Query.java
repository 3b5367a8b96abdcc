package dev.ohtop.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An ordered list of query parameters. Names may repeat ({@code ?ids=a&ids=b}), null
 * values are left out so optional filters need no if-statements at the call site.
 */
public final class Query {
    private record Param(String name, String value) {}

    private final List<Param> params = new ArrayList<>();

    public static Query of() {
        return new Query();
    }

    public Query add(String name, Object value) {
        if (value != null) {
            params.add(new Param(name, String.valueOf(value)));
        }
        return this;
    }

    /** Adds {@code name} once per value, in order: the form batch gets expect. */
    public Query addEach(String name, Collection<?> values) {
        for (Object value : values) {
            add(name, value);
        }
        return this;
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    /** The encoded query without the leading {@code ?}; empty when there is nothing. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Param p : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(component(p.name())).append('=').append(component(p.value()));
        }
        return out.toString();
    }

    /** Percent-encodes one query component; spaces become %20, which every server reads. */
    static String component(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return encode();
    }
}

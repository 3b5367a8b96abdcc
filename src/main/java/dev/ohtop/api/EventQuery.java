package dev.ohtop.api;

/**
 * Filters of an event search. {@code kind} is the short class name ({@code ActionEvent});
 * each client writes it the way its service wants (short on the app server, fully qualified
 * on the agent server). {@code source} and {@code body} exist on the agent server only.
 * Timestamps are the services' own strings (naive), passed back untouched.
 */
public record EventQuery(
        String kind, String source, String body, String timestampGte, String timestampLt, SortOrder sortOrder) {

    public enum SortOrder {
        TIMESTAMP,
        TIMESTAMP_DESC
    }

    public static EventQuery all() {
        return new EventQuery(null, null, null, null, null, null);
    }

    public EventQuery withKind(String k) {
        return new EventQuery(k, source, body, timestampGte, timestampLt, sortOrder);
    }

    public EventQuery withSource(String s) {
        return new EventQuery(kind, s, body, timestampGte, timestampLt, sortOrder);
    }

    public EventQuery withBody(String b) {
        return new EventQuery(kind, source, b, timestampGte, timestampLt, sortOrder);
    }

    public EventQuery since(String timestamp) {
        return new EventQuery(kind, source, body, timestamp, timestampLt, sortOrder);
    }

    public EventQuery before(String timestamp) {
        return new EventQuery(kind, source, body, timestampGte, timestamp, sortOrder);
    }

    public EventQuery sorted(SortOrder order) {
        return new EventQuery(kind, source, body, timestampGte, timestampLt, order);
    }
}

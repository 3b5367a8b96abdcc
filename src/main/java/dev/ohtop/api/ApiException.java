package dev.ohtop.api;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Every failure of a call to either service: what went wrong, on which route, and (for
 * HTTP answers) the status. The message is one clean line meant for a status bar; it never
 * holds a credential because {@link HttpCore} redacts before it builds one.
 */
public final class ApiException extends IOException {

    /** What kind of failure, so callers can react without parsing messages. */
    public enum Failure {
        /** The server answered with a non-2xx status. */
        HTTP_STATUS,
        /** No connection could be made or it broke before an answer. */
        UNREACHABLE,
        /** The server took longer than the request timeout. */
        TIMEOUT,
        /** A 2xx answer whose body was not what the route promises (HTML, bad JSON, cut off). */
        BAD_RESPONSE,
        /** A redirect, which is never followed with credentials attached. */
        REDIRECT,
        /** Refused before sending: a credential over plain http to a non-loopback host. */
        INSECURE,
        /** Refused before sending: a request that is not a read, under {@code --readonly}. */
        READ_ONLY,
        /** The caller cancelled or the thread was interrupted. */
        CANCELLED
    }

    private final Failure failure;
    private final int status;
    private final String route;
    private final String detail;
    private final Duration retryAfter;

    public ApiException(
            Failure failure, int status, String route, String detail, Duration retryAfter, Throwable cause) {
        super(compose(failure, status, route, detail), cause);
        this.failure = failure;
        this.status = status;
        this.route = route;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    public ApiException(Failure failure, String route, String detail, Throwable cause) {
        this(failure, 0, route, detail, null, cause);
    }

    private static String compose(Failure failure, int status, String route, String detail) {
        String head = switch (failure) {
            case HTTP_STATUS -> "HTTP " + status;
            case UNREACHABLE -> "cannot reach server";
            case TIMEOUT -> "timed out";
            case BAD_RESPONSE -> "bad response";
            case REDIRECT -> "redirect not followed";
            case INSECURE, READ_ONLY -> "refused";
            case CANCELLED -> "cancelled";
        };
        // What went wrong first, where last: a status line cut at the screen's edge keeps the why.
        return head + (detail == null || detail.isEmpty() ? "" : ": " + detail) + " (" + route + ")";
    }

    public Failure failure() {
        return failure;
    }

    /** The HTTP status, or 0 when there was no HTTP answer. */
    public int status() {
        return status;
    }

    /** Method and path, e.g. {@code GET /api/v1/app-conversations/search}; never the query. */
    public String route() {
        return route;
    }

    /** The server's own words (or ours when it said nothing useful), one line. */
    public String detail() {
        return detail;
    }

    /** How long the server asked us to wait (429/503 with Retry-After). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isStatus(int code) {
        return failure == Failure.HTTP_STATUS && status == code;
    }

    /**
     * Whether a change asked for may have happened all the same: no answer in time (ours or the
     * gateway's 504), or a success answer we could not read. A message then says it is unknown,
     * never that it failed.
     */
    public boolean mayHaveTakenEffect() {
        return failure == Failure.TIMEOUT || failure == Failure.BAD_RESPONSE || isStatus(504);
    }
}

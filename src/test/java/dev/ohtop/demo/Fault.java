package dev.ohtop.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * One way for a service to misbehave, as seen from a client. Install with {@link FaultSwitch}.
 *
 * @param status            the HTTP status for {@link Kind#STATUS}
 * @param delay             the added latency for {@link Kind#LATENCY}
 * @param retryAfterSeconds the {@code Retry-After} value for {@link Kind#RATE_LIMITED}
 * @param bytesPerSecond    the pace of the bodies for {@link Kind#THROTTLED}
 */
public record Fault(Kind kind, int status, Duration delay, int retryAfterSeconds, long bytesPerSecond) {

    public enum Kind {
        /** Answer normally, but only after {@code delay}. */
        LATENCY,
        /** Answer normally, but move the request and response bodies at {@code bytesPerSecond}, as a slow link would. */
        THROTTLED,
        /** Answer {@code status} with the body a real server or its proxy would send. */
        STATUS,
        /** 429 with {@code Retry-After}, {@code X-RateLimit-*} and Cloud's {@code {"error": ...}} body. */
        RATE_LIMITED,
        /** 200 with a JSON content type and a body that is not JSON. */
        MALFORMED_JSON,
        /** 200 with an HTML page, as a captive portal or a misrouted proxy gives. */
        HTML_BODY,
        /** 200 with a well-formed page of 10 MiB, far past any real answer: a hostile or broken server. */
        HUGE_BODY,
        /** 200 whose declared {@code Content-Length} is twice what arrives before the connection closes. */
        TRUNCATED_BODY,
        /** The connection closes without any answer. */
        DROPPED_CONNECTION,
        /**
         * A WebSocket upgrade is answered {@code status} with an HTML page, never 101: a proxy that
         * does not pass WebSockets. Each upgrade it refuses uses the rule once.
         */
        UPGRADE_REFUSED,
        /**
         * An event socket sends nothing more (no frames, no pongs, no close frame) and stays
         * connected: a dead path. It hits the sockets open when the rule is added, then each socket
         * that opens while the rule has uses left; a stalled socket stays stalled until it closes.
         */
        SOCKET_STALLED,
        /** An event socket's connection drops without a close frame; which sockets: as {@link #SOCKET_STALLED}. */
        SOCKET_CUT;

        /** The kinds that hit event sockets (upgrades and open sockets) and never a REST request. */
        public boolean hitsSockets() {
            return this == UPGRADE_REFUSED || this == SOCKET_STALLED || this == SOCKET_CUT;
        }
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        delay = delay == null ? Duration.ZERO : delay;
    }

    private Fault(Kind kind, int status, Duration delay, int retryAfterSeconds) {
        this(kind, status, delay, retryAfterSeconds, 0);
    }

    public static Fault latency(Duration delay) {
        return new Fault(Kind.LATENCY, 0, delay, 0);
    }

    /** Bodies at a set pace: a file transfer long enough to watch (and cancel) under way. */
    public static Fault throttled(long bytesPerSecond) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("not a pace: " + bytesPerSecond + " bytes per second");
        }
        return new Fault(Kind.THROTTLED, 0, null, 0, bytesPerSecond);
    }

    /** 500: {@code {"detail":"Internal Server Error"}} (the agent server adds {@code exception}). */
    public static Fault serverError() {
        return status(500);
    }

    /** 502, 503 or 504 come with a proxy's HTML page; other codes with {@code {"detail": ...}}. */
    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        return new Fault(Kind.STATUS, status, null, 0);
    }

    public static Fault rateLimited(int retryAfterSeconds) {
        return new Fault(Kind.RATE_LIMITED, 429, null, retryAfterSeconds);
    }

    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 200, null, 0);
    }

    public static Fault htmlBody() {
        return new Fault(Kind.HTML_BODY, 200, null, 0);
    }

    public static Fault hugeBody() {
        return new Fault(Kind.HUGE_BODY, 200, null, 0);
    }

    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, 200, null, 0);
    }

    /** 200 gives the web app's page; any other status the proxy's page for it. */
    public static Fault upgradeRefused(int status) {
        if (status != 200 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("not a refusal: " + status);
        }
        return new Fault(Kind.UPGRADE_REFUSED, status, null, 0);
    }

    public static Fault socketStalled() {
        return new Fault(Kind.SOCKET_STALLED, 0, null, 0);
    }

    public static Fault socketCut() {
        return new Fault(Kind.SOCKET_CUT, 0, null, 0);
    }

    public static Fault droppedConnection() {
        return new Fault(Kind.DROPPED_CONNECTION, 0, null, 0);
    }
}

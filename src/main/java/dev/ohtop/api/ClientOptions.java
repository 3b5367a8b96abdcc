package dev.ohtop.api;

import java.time.Duration;

/**
 * Settings shared by both clients.
 *
 * @param connectTimeout  how long to wait for a TCP/TLS connection
 * @param requestTimeout  how long to wait for an answer to an ordinary request
 * @param retry           retry rules for GETs (POSTs are never retried blindly)
 * @param allowInsecure   allow credentials over plain http to non-loopback hosts ({@code --insecure})
 * @param maxJsonBytes    the largest JSON body we agree to parse, so a hostile server cannot exhaust memory
 *                        (a route that needs more says so: {@link HttpCore#getJson(String, Query, long)})
 * @param diskSpace       the room left where a download is written (downloads stop short of a full disk)
 * @param secrets         the keys met so far, hidden in every error text (shared with the log)
 * @param readOnly        {@code --readonly}: only reads leave ohtop, whatever asks ({@link ReadOnly})
 */
public record ClientOptions(
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retry,
        boolean allowInsecure,
        long maxJsonBytes,
        DiskSpace diskSpace,
        Secrets secrets,
        boolean readOnly) {
    /** A JSON answer's size at most: a page of conversations or sandboxes is tens of KiB. */
    public static final long MAX_JSON_BYTES = 8L * 1024 * 1024;

    public ClientOptions(
            Duration connectTimeout,
            Duration requestTimeout,
            RetryPolicy retry,
            boolean allowInsecure,
            long maxJsonBytes) {
        this(
                connectTimeout,
                requestTimeout,
                retry,
                allowInsecure,
                maxJsonBytes,
                DiskSpace.SYSTEM,
                new Secrets(),
                false);
    }

    public static ClientOptions defaults() {
        return new ClientOptions(
                Duration.ofSeconds(10), Duration.ofSeconds(30), RetryPolicy.standard(), false, MAX_JSON_BYTES);
    }

    /**
     * A page of events may be larger than other answers: up to 100 events, each maybe a long
     * command's output or a file's content (the tail keeps an excerpt of any over 256 KiB).
     */
    public long maxEventPageBytes() {
        return maxJsonBytes * 4;
    }

    public ClientOptions withDiskSpace(DiskSpace space) {
        return new ClientOptions(
                connectTimeout, requestTimeout, retry, allowInsecure, maxJsonBytes, space, secrets, readOnly);
    }

    public ClientOptions withRetry(RetryPolicy policy) {
        return new ClientOptions(
                connectTimeout, requestTimeout, policy, allowInsecure, maxJsonBytes, diskSpace, secrets, readOnly);
    }

    public ClientOptions withAllowInsecure(boolean allow) {
        return new ClientOptions(
                connectTimeout, requestTimeout, retry, allow, maxJsonBytes, diskSpace, secrets, readOnly);
    }

    public ClientOptions withRequestTimeout(Duration timeout) {
        return new ClientOptions(
                connectTimeout, timeout, retry, allowInsecure, maxJsonBytes, diskSpace, secrets, readOnly);
    }

    /** Only reads from now on: every other request is refused before it is sent. */
    public ClientOptions readingOnly() {
        return new ClientOptions(
                connectTimeout, requestTimeout, retry, allowInsecure, maxJsonBytes, diskSpace, secrets, true);
    }
}

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
 * @param readOnly        {@code --readonly}: only reads leave ohtop, whatever asks ({@link ReadOnly})
 */
public record ClientOptions(Duration connectTimeout, Duration requestTimeout, RetryPolicy retry,
                            boolean allowInsecure, long maxJsonBytes, boolean readOnly) {

    public ClientOptions(Duration connectTimeout, Duration requestTimeout, RetryPolicy retry, boolean allowInsecure,
                         long maxJsonBytes) {
        this(connectTimeout, requestTimeout, retry, allowInsecure, maxJsonBytes, false);
    }

    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), RetryPolicy.standard(), false,
                256L * 1024 * 1024);
    }

    public ClientOptions withRetry(RetryPolicy policy) {
        return new ClientOptions(connectTimeout, requestTimeout, policy, allowInsecure, maxJsonBytes, readOnly);
    }

    public ClientOptions withAllowInsecure(boolean allow) {
        return new ClientOptions(connectTimeout, requestTimeout, retry, allow, maxJsonBytes, readOnly);
    }

    public ClientOptions withRequestTimeout(Duration timeout) {
        return new ClientOptions(connectTimeout, timeout, retry, allowInsecure, maxJsonBytes, readOnly);
    }

    /** Only reads from now on: every other request is refused before it is sent. */
    public ClientOptions readingOnly() {
        return new ClientOptions(connectTimeout, requestTimeout, retry, allowInsecure, maxJsonBytes, true);
    }
}

package dev.ohtop.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides whether a credential may travel to a URL. Plain http is fine on loopback (the demo
 * server, a local OpenHands); anywhere else it would put the key on the wire in clear text.
 */
public final class TransportPolicy {
    private TransportPolicy() {}

    /** Throws when sending a credential to {@code uri} would be unsafe and not explicitly allowed. */
    public static void check(URI uri, boolean allowInsecure, String route) throws ApiException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (!scheme.equals("http")) {
            throw new ApiException(ApiException.Failure.INSECURE, route,
                    "unsupported URL scheme '" + scheme + "' (use https)", null);
        }
        if (allowInsecure || isLoopback(uri.getHost())) {
            return;
        }
        throw new ApiException(ApiException.Failure.INSECURE, route,
                "will not send credentials over plain http to " + uri.getHost()
                        + "; use https, or --insecure if you really mean it", null);
    }

    /** True for localhost and literal loopback addresses; names are not resolved (DNS could lie). */
    public static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

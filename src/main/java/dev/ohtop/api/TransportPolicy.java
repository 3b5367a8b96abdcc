package dev.ohtop.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
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
            throw new ApiException(
                    ApiException.Failure.INSECURE, route, "unsupported URL scheme '" + scheme + "' (use https)", null);
        }
        if (allowInsecure || isLoopback(uri.getHost())) {
            return;
        }
        throw new ApiException(
                ApiException.Failure.INSECURE,
                route,
                "will not send credentials over plain http to " + uri.getHost()
                        + "; use https, or --insecure if you really mean it",
                null);
    }

    /** Every address a host name has: the system's lookup, or a test's. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /** True for a literal loopback address, and for {@code localhost} names that resolve to loopback only. */
    public static boolean isLoopback(String host) {
        return isLoopback(host, Resolver.SYSTEM);
    }

    /**
     * A literal address is read, not looked up. {@code localhost} and {@code *.localhost} count only
     * when every address they resolve to is loopback: the name alone proves nothing (a resolver or
     * /etc/hosts may send {@code app.localhost} anywhere, and the key would follow in clear text).
     * Any other name is not loopback, whatever it resolves to today.
     */
    static boolean isLoopback(String host, Resolver resolver) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return resolvesToLoopbackOnly(h, resolver);
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean resolvesToLoopbackOnly(String name, Resolver resolver) {
        try {
            InetAddress[] addresses = resolver.addresses(name);
            return addresses != null
                    && addresses.length > 0
                    && Arrays.stream(addresses).allMatch(a -> a != null && a.isLoopbackAddress());
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}

package dev.ohtop.api;

import java.util.Locale;
import java.util.Set;

/**
 * The guard under {@code --readonly}, below every screen: a request that is not a read is refused
 * before anything is sent. Every read ohtop makes is a GET (searches, counts, batch gets, the file
 * and trajectory downloads: none of the routes in the API spec reads by POST), so the reads are
 * exactly the methods that change nothing by definition.
 */
final class ReadOnly {
    /** The methods that only read. No read route is a POST, so none is allowed by name. */
    static final Set<String> READS = Set.of("GET", "HEAD");

    static final String REFUSED = "ohtop is read-only (--readonly)";

    private ReadOnly() {}

    static void check(ClientOptions options, String method, String route) throws ApiException {
        if (options.readOnly() && !READS.contains(method.toUpperCase(Locale.ROOT))) {
            throw new ApiException(ApiException.Failure.READ_ONLY, route, REFUSED, null);
        }
    }
}

package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One server's health as all its pollers see it. Each poller backs off on its own while the server
 * is down, so without this they would come back one by one, each after its own wait (the open tail
 * up to a minute after the list). Here a poller that could not reach the server marks it down, and
 * the first run of any poller that works again makes every other one still backing off try at once
 * (a {@code Retry-After} the server gave is still waited out).
 */
public final class ServerHealth {
    private final Set<Poller> pollers = new CopyOnWriteArraySet<>();
    private final AtomicBoolean down = new AtomicBoolean();

    void join(Poller poller) {
        pollers.add(poller);
    }

    void leave(Poller poller) {
        pollers.remove(poller);
    }

    /** A poller's run failed: if the server itself was the trouble, it is down. */
    void failed(Exception failure) {
        if (isServerTrouble(failure)) {
            down.set(true);
        }
    }

    /** A run of {@code poller} worked: if the server was down, it is back for everyone. */
    void succeeded(Poller poller) {
        if (down.getAndSet(false)) {
            for (Poller other : pollers) {
                if (other != poller) {
                    other.retryIfFailing();
                }
            }
        }
    }

    /** No answer, no answer in time, a 5xx or a 429: the server, not the thing asked about. */
    static boolean isServerTrouble(Exception failure) {
        if (!(failure instanceof ApiException api)) {
            return false;
        }
        return switch (api.failure()) {
            case UNREACHABLE, TIMEOUT -> true;
            case HTTP_STATUS -> api.status() >= 500 || api.status() == 429;
            default -> false;
        };
    }
}

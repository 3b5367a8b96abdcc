package dev.ohtop.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;

/**
 * The front of one service: lets the {@link Interceptor} see the request first, then lets the
 * service answer, turning {@link ApiError}s and crashes into the error bodies the real service sends.
 */
final class Endpoint implements HttpHandler {
    @FunctionalInterface
    interface Service {
        void answer(Call call) throws IOException;
    }

    /**
     * What may stand in front of both services, as a proxy or rate limiter stands in front of the
     * real ones: tests put their faults and their request log here. The shipped demo has {@link #NONE}.
     */
    interface Interceptor {
        Interceptor NONE = new Interceptor() {};

        /**
         * Sees a call before the service does (before authentication, too); may delay it or slow its
         * bodies. True when it has answered the call itself, so the service does not.
         */
        default boolean intercept(Call call, Clock clock, IdSource ids) throws IOException, InterruptedException {
            return false;
        }

        /** An answer with {@code status} (0: the connection dropped) begins, before the client can see it. */
        default void answering(Call call, int status) {}

        /**
         * A WebSocket upgrade to the agent port's raw {@code path} arrives, before the service looks
         * at it. Non-null: the answer to give instead, as a proxy that does not pass WebSockets would.
         */
        default HttpAnswer upgrading(String path) {
            return null;
        }

        /** An event socket has been sent its 101 and is open: from now on it may be stalled or cut. */
        default void opened(OpenSocket socket) {}
    }

    /** An open event socket, as an {@link Interceptor} may break it. */
    interface OpenSocket {
        /** The raw path it was opened on: {@code /sandboxes/{sandboxId}/sockets/events/{conversationId}}. */
        String path();

        boolean isOpen();

        /** Sends nothing more, not even pongs or a close frame, and keeps the connection up: a dead path. */
        void stall();

        /** Drops the connection at once, without a close frame. */
        void cut();
    }

    private final ServerRole server;
    private final Interceptor interceptor;
    private final Clock clock;
    private final IdSource ids;
    private final Service service;

    Endpoint(ServerRole server, Interceptor interceptor, Clock clock, IdSource ids, Service service) {
        this.server = server;
        this.interceptor = interceptor;
        this.clock = clock;
        this.ids = ids;
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Call call = new Call(exchange, server, interceptor);
        try {
            if (interceptor.intercept(call, clock, ids)) {
                return;
            }
            service.answer(call);
        } catch (ApiError e) {
            answerIfStill(call, e.status(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.drop();
        } catch (IOException e) {
            // Mid-answer the client is gone or the stream is broken: nothing more can be said.
            // Before answering it was our own I/O (a full disk, say), which is the server's fault.
            answerIfStill(call, 500, new IllegalStateException(e));
        } catch (RuntimeException e) {
            answerIfStill(call, 500, e);
        } finally {
            exchange.close();
        }
    }

    private void answerIfStill(Call call, int status, RuntimeException e) {
        if (call.answered()) {
            return;
        }
        try {
            if (e instanceof ApiError error) {
                call.json(status, error.body());
            } else if (server == ServerRole.AGENT) {
                call.json(
                        500,
                        Json.detail("Internal Server Error")
                                .put("exception", e.toString())
                                .put("error_id", ids.hex32()));
            } else {
                call.json(500, Json.detail("Internal Server Error"));
            }
        } catch (IOException clientGone) {
            // Nobody is listening any more; the exchange is closed below.
        }
    }
}

package dev.ohtop.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The front of one service: records the request, applies an injected fault, then lets the service
 * answer, turning {@link ApiError}s and crashes into the error bodies the real service sends.
 */
final class Endpoint implements HttpHandler {
    @FunctionalInterface
    interface Service {
        void answer(Call call) throws IOException;
    }

    private final ServerRole server;
    private final RequestLog log;
    private final FaultSwitch faults;
    private final Clock clock;
    private final IdSource ids;
    private final Service service;

    Endpoint(ServerRole server, RequestLog log, FaultSwitch faults, Clock clock, IdSource ids, Service service) {
        this.server = server;
        this.log = log;
        this.faults = faults;
        this.clock = clock;
        this.ids = ids;
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Call call = new Call(exchange, server, log);
        try {
            Optional<Fault> fault = faults.take(server, call.path());
            if (fault.isPresent() && fault.get().kind() == Fault.Kind.LATENCY) {
                Thread.sleep(fault.get().delay().toMillis());
            } else if (fault.isPresent() && fault.get().kind() == Fault.Kind.THROTTLED) {
                Throttle.apply(exchange, fault.get().bytesPerSecond());
            } else if (fault.isPresent()) {
                FaultAnswers.answer(call, fault.get(), server, clock.instant(), ids);
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
                call.json(500, Json.detail("Internal Server Error").put("exception", e.toString())
                        .put("error_id", ids.hex32()));
            } else {
                call.json(500, Json.detail("Internal Server Error"));
            }
        } catch (IOException clientGone) {
            // Nobody is listening any more; the exchange is closed below.
        }
    }
}

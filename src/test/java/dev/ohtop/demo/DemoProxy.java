package dev.ohtop.demo;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What tests put in front of a demo server's two services, as a proxy or rate limiter stands in
 * front of the real ones: the faults it injects and the log of every request answered. The shipped
 * demo has neither.
 *
 * <pre>{@code
 * DemoProxy proxy = new DemoProxy();
 * try (DemoServer demo = proxy.startDemo(DemoConfig.defaults().withClock(clock))) {
 *     proxy.faults().next(1, Fault.rateLimited(5), FaultSwitch.Target.APP);
 *     proxy.requests().since(mark);      // what a client sent where, with which credential
 * }
 * }</pre>
 *
 * <p>Event sockets break the same way, with the socket kinds of {@link Fault}: {@code
 * faults().always(Fault.upgradeRefused(200), AGENT)} until the rule is removed; {@code
 * faults().next(1, Fault.socketCut(), AGENT)} cuts one open socket now (or the next to open);
 * {@code faults().always(Fault.socketStalled(), AGENT)} stalls all that are open and that open
 * until it is removed. A path prefix ({@link FaultSwitch#add}) picks a sandbox or a conversation.
 * Upgrades do not appear in {@link #requests()}.
 */
public final class DemoProxy {
    private static final int REQUEST_LOG_CAPACITY = 10_000;

    private static final Set<Fault.Kind> UPGRADE_FAULTS = Set.of(Fault.Kind.UPGRADE_REFUSED);
    private static final Set<Fault.Kind> OPEN_SOCKET_FAULTS = Set.of(Fault.Kind.SOCKET_STALLED, Fault.Kind.SOCKET_CUT);

    private final FaultSwitch faults = new FaultSwitch(this::hitOpenSockets);
    private final RequestLog requests = new RequestLog(REQUEST_LOG_CAPACITY);
    /** Event sockets opened so far and not yet seen closed; guarded by this. */
    private final List<Endpoint.OpenSocket> sockets = new ArrayList<>();

    /** Starts a demo server ({@link DemoServer#start(DemoConfig)}) with this proxy in front of both services. */
    public DemoServer startDemo(DemoConfig config) throws IOException {
        return DemoServer.start(config, new Endpoint.Interceptor() {
            @Override
            public boolean intercept(Call call, Clock clock, IdSource ids) throws IOException, InterruptedException {
                return injectFault(call, clock, ids);
            }

            @Override
            public void answering(Call call, int status) {
                requests.record(call, status);
            }

            @Override
            public HttpAnswer upgrading(String path) {
                return faults.takeForSocket(path, UPGRADE_FAULTS)
                        .map(fault -> FaultAnswers.upgradeRefusal(fault.status()))
                        .orElse(null);
            }

            @Override
            public void opened(Endpoint.OpenSocket socket) {
                socketOpened(socket);
            }
        });
    }

    public FaultSwitch faults() {
        return faults;
    }

    public RequestLog requests() {
        return requests;
    }

    private synchronized void socketOpened(Endpoint.OpenSocket socket) {
        sockets.removeIf(open -> !open.isOpen());
        sockets.add(socket);
        faults.takeForSocket(socket.path(), OPEN_SOCKET_FAULTS).ifPresent(fault -> hit(socket, fault));
    }

    /** A socket fault added now hits the sockets already open, each using the rule once. */
    private synchronized void hitOpenSockets(FaultRule rule) {
        if (!OPEN_SOCKET_FAULTS.contains(rule.fault().kind())) {
            return;
        }
        sockets.removeIf(open -> !open.isOpen());
        for (Endpoint.OpenSocket socket : sockets) {
            if (rule.take(ServerRole.AGENT, socket.path())) {
                hit(socket, rule.fault());
            }
        }
    }

    private static void hit(Endpoint.OpenSocket socket, Fault fault) {
        if (fault.kind() == Fault.Kind.SOCKET_CUT) {
            socket.cut();
        } else {
            socket.stall();
        }
    }

    /** At most one fault per request; latency and a slow link still let the service answer. */
    private boolean injectFault(Call call, Clock clock, IdSource ids) throws IOException, InterruptedException {
        Optional<Fault> fault = faults.take(call.server(), call.path());
        if (fault.isEmpty()) {
            return false;
        }
        if (fault.get().kind() == Fault.Kind.LATENCY) {
            Thread.sleep(fault.get().delay().toMillis());
            return false;
        }
        if (fault.get().kind() == Fault.Kind.THROTTLED) {
            Throttle.apply(call.exchange(), fault.get().bytesPerSecond());
            return false;
        }
        FaultAnswers.answer(call, fault.get(), clock.instant(), ids);
        return true;
    }
}

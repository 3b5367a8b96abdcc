package dev.ohtop.demo;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

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
 */
public final class DemoProxy {
    private static final int REQUEST_LOG_CAPACITY = 10_000;

    private final FaultSwitch faults = new FaultSwitch();
    private final RequestLog requests = new RequestLog(REQUEST_LOG_CAPACITY);

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
        });
    }

    public FaultSwitch faults() {
        return faults;
    }

    public RequestLog requests() {
        return requests;
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

package dev.ohtop.demo;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Makes the demo services misbehave on purpose, for tests. Rules are tried in the order they
 * were added; the first that applies answers the request, so at most one fault hits a request.
 * Faults act before authentication, like a proxy or rate limiter in front of the real service.
 * Socket faults ({@link Fault.Kind#hitsSockets()}) hit only the agent port's event sockets; the
 * others only REST requests. Agent-server socket paths are
 * {@code /sandboxes/{sandboxId}/sockets/events/{conversationId}}.
 */
public final class FaultSwitch {
    /** Which server(s) a rule targets. */
    public enum Target {
        APP(EnumSet.of(ServerRole.APP)),
        AGENT(EnumSet.of(ServerRole.AGENT)),
        BOTH(EnumSet.allOf(ServerRole.class));

        private final Set<ServerRole> servers;

        Target(Set<ServerRole> servers) {
            this.servers = servers;
        }
    }

    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    /** Hears of each rule added, so socket faults can hit the sockets already open. */
    private final Consumer<FaultRule> added;

    public FaultSwitch() {
        this(rule -> {});
    }

    FaultSwitch(Consumer<FaultRule> added) {
        this.added = added;
    }

    /** Every request to {@code target} gets {@code fault} until {@link #clear()} or {@link #remove}. */
    public FaultRule always(Fault fault, Target target) {
        return add(fault, target, null, FaultRule.UNTIL_CLEARED);
    }

    /** The next {@code times} requests to {@code target} get {@code fault}. */
    public FaultRule next(int times, Fault fault, Target target) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be positive: " + times);
        }
        return add(fault, target, null, times);
    }

    /**
     * The general form: only requests whose raw path starts with {@code pathPrefix} (null: any),
     * {@code times} times or {@link FaultRule#UNTIL_CLEARED}. Agent-server paths start with
     * {@code /sandboxes/{sandboxId}}.
     */
    public FaultRule add(Fault fault, Target target, String pathPrefix, int times) {
        if (times == 0 || times < FaultRule.UNTIL_CLEARED) {
            throw new IllegalArgumentException("times must be positive or UNTIL_CLEARED: " + times);
        }
        FaultRule rule = new FaultRule(fault, target.servers, pathPrefix, times);
        rules.add(rule);
        added.accept(rule);
        return rule;
    }

    public void remove(FaultRule rule) {
        rules.remove(rule);
    }

    public void clear() {
        rules.clear();
    }

    /** The fault for a REST request: socket faults never hit one. */
    Optional<Fault> take(ServerRole server, String path) {
        for (FaultRule rule : rules) {
            if (!rule.fault().kind().hitsSockets() && rule.take(server, path)) {
                return Optional.of(rule.fault());
            }
        }
        return Optional.empty();
    }

    /** The first rule of one of {@code kinds} that hits {@code path} on the agent port, its use taken. */
    Optional<Fault> takeForSocket(String path, Set<Fault.Kind> kinds) {
        for (FaultRule rule : rules) {
            if (kinds.contains(rule.fault().kind()) && rule.take(ServerRole.AGENT, path)) {
                return Optional.of(rule.fault());
            }
        }
        return Optional.empty();
    }
}

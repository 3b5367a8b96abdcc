package dev.ohtop.demo;

import java.util.Set;

/**
 * An installed fault: which servers and paths it hits and how many more times. Returned by
 * {@link FaultSwitch} so a test can ask how often it fired or remove it.
 */
public final class FaultRule {
    /** {@link #remaining()} of a rule that applies until it is removed. */
    public static final int UNTIL_CLEARED = -1;

    private final Fault fault;
    private final Set<ServerRole> servers;
    private final String pathPrefix;
    private int remaining;
    private int hits;

    FaultRule(Fault fault, Set<ServerRole> servers, String pathPrefix, int times) {
        this.fault = fault;
        this.servers = Set.copyOf(servers);
        this.pathPrefix = pathPrefix == null ? "" : pathPrefix;
        this.remaining = times;
    }

    public Fault fault() {
        return fault;
    }

    public synchronized int hits() {
        return hits;
    }

    /** How many more requests it hits, or {@link #UNTIL_CLEARED}. */
    public synchronized int remaining() {
        return remaining;
    }

    /** Takes one use if this rule hits the request; false when it does not apply or is used up. */
    synchronized boolean take(ServerRole server, String path) {
        if (remaining == 0 || !servers.contains(server) || !path.startsWith(pathPrefix)) {
            return false;
        }
        if (remaining > 0) {
            remaining--;
        }
        hits++;
        return true;
    }
}

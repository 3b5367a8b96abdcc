package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;

/** Test help for event tails. */
public final class Tails {
    private Tails() {}

    /**
     * Polls until the tail's history has filled in (its newest page first, then the older ones),
     * at most {@code polls} times; returns how many polls it took.
     */
    public static int pollUntilCaughtUp(EventTail tail, int polls) throws ApiException {
        for (int i = 1; i <= polls; i++) {
            tail.poll();
            if (tail.snapshot().caughtUp()) {
                return i;
            }
        }
        throw new AssertionError("not caught up after " + polls + " polls: " + tail);
    }
}

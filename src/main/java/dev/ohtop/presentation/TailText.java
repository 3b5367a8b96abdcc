package dev.ohtop.presentation;

/** The events screen in words, beside the rows themselves. */
public final class TailText {
    private TailText() {}

    /** {@code 120/4000 events}: held, then how many the server has once it said. */
    public static String count(int held, Integer serverCount) {
        return held + (serverCount == null ? "" : "/" + serverCount) + " events";
    }

    /** What an empty table means: not read yet, no events at all, or none the filter lets through. */
    public static String empty(int held, boolean polled) {
        return held == 0 ? (polled ? "no events yet" : "loading…") : "no event matches the filter (" + held + " held)";
    }
}

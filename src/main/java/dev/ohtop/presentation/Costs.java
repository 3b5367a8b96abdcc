package dev.ohtop.presentation;

import java.util.Locale;

/**
 * A conversation's cost in US dollars, the one way ohtop writes it: two decimals in lists and
 * headers, four where one event's step is shown (cents would hide it). Always with a dot, whatever
 * the locale.
 */
public final class Costs {
    private Costs() {}

    /** {@code $1.23}, or null when the server has no metrics. */
    public static String of(Double cost) {
        return dollars(cost, 2);
    }

    /** {@code $1.2345}, or null when the event has no cost. */
    public static String precise(Double cost) {
        return dollars(cost, 4);
    }

    /** A table cell: {@code $1.23}, or {@code -} when the server has no metrics. */
    public static String cell(Double cost) {
        return cost == null ? "-" : of(cost);
    }

    private static String dollars(Double cost, int decimals) {
        return cost == null ? null : String.format(Locale.ROOT, "$%." + decimals + "f", cost);
    }
}

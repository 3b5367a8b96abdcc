package dev.ohtop.presentation;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
        if (cost == null) {
            return null;
        }
        if (!Double.isFinite(cost)) {
            return String.format(Locale.ROOT, "$%." + decimals + "f", cost);
        }
        // As %.2f rounds (half up, from the shortest decimal form), without a Formatter per cell and frame.
        return "$"
                + BigDecimal.valueOf(cost)
                        .setScale(decimals, RoundingMode.HALF_UP)
                        .toPlainString();
    }
}

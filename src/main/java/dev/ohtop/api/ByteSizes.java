package dev.ohtop.api;

import java.util.Locale;

/** Sizes as a person reads them, the same on the progress bar and in every message. */
public final class ByteSizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ByteSizes() {}

    /** {@code 512 B}, {@code 8.4 MiB}. */
    public static String of(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}

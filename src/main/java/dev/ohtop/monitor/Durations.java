package dev.ohtop.monitor;

import java.time.Duration;

/** Short human durations for status lines: {@code 0.4s}, {@code 12s}, {@code 3m05s}, {@code 1h02m}. */
public final class Durations {
    private Durations() {}

    public static String brief(Duration d) {
        if (d == null || d.isNegative()) {
            return "0s";
        }
        long millis = d.toMillis();
        if (millis < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}

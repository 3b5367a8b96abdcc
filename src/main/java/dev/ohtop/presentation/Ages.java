package dev.ohtop.presentation;

import java.time.Duration;
import java.time.Instant;

/** Relative times as a monitor shows them: "12s", "3m", "5h", "2d". */
public final class Ages {
    private Ages() {}

    public static String since(Instant then, Instant now) {
        if (then == null) {
            return "-";
        }
        return of(Duration.between(then, now));
    }

    public static String of(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }
}

package dev.ohtop;

import dev.ohtop.api.AppConversation;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The conversations as plain text, for {@code --list}: running first, then most recently
 * updated. Text from the network is stripped of control characters before it is printed.
 */
final class Listing {
    private Listing() {}

    static final Comparator<AppConversation> RUNNING_FIRST = Comparator
            .comparing((AppConversation c) -> !"running".equals(c.executionStatus()))
            .thenComparing(c -> c.updatedAt() == null ? Instant.EPOCH : c.updatedAt(), Comparator.reverseOrder());

    static void print(List<AppConversation> conversations, Instant now, PrintStream out) {
        out.printf("%-8s %-10s %-7s %-24s %-40s %8s %5s  %s%n", "SANDBOX", "STATUS", "ID", "REPOSITORY", "TITLE",
                "COST", "AGE", "MODEL");
        conversations.stream().sorted(RUNNING_FIRST).forEach(c -> out.printf("%-8s %-10s %-7s %-24s %-40s %8s %5s  %s%n",
                clean(c.sandboxStatus(), 8), clean(c.executionStatus() == null ? "-" : c.executionStatus(), 10),
                clean(c.id(), 7), clean(repository(c), 24), clean(c.title(), 40),
                c.cost() == null ? "-" : String.format(Locale.ROOT, "$%.2f", c.cost()),
                age(c.updatedAt(), now), clean(c.model(), 30)));
    }

    private static String repository(AppConversation c) {
        if (c.selectedRepository() == null) {
            return "-";
        }
        return c.selectedRepository() + (c.selectedBranch() == null ? "" : "@" + c.selectedBranch());
    }

    static String age(Instant then, Instant now) {
        if (then == null) {
            return "-";
        }
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86400) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }

    /** Control characters (escape sequences included) become '?'; the text is cut to {@code width}. */
    static String clean(String text, int width) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(width).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return out.toString();
    }
}

package dev.ohtop.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The services write times two ways: {@code created_at} with an offset ({@code Z} or
 * {@code +00:00}) and event timestamps naive (no offset, microseconds). Naive times are UTC.
 */
public final class Timestamps {
    private Timestamps() {}

    /** Parses either form; null or unreadable text gives null. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        Instant usual = usual(t);
        if (usual != null) {
            return usual;
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException withOffsetFailed) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException naiveFailed) {
                return null;
            }
        }
    }

    /**
     * The forms the services write, read by hand: {@code 2026-11-27T10:15:30}, then a fraction of
     * up to 9 digits, then {@code Z}, {@code +hh:mm}, {@code -hh:mm} or nothing (UTC). Every list
     * refresh and every frame of the events screen reads dozens; the JDK's parser took most of a
     * refresh's time. Null for any other form, which the JDK's parser then reads as before.
     */
    private static Instant usual(String t) {
        int n = t.length();
        if (n < 19 || !shape(t, "dddd-dd-ddTdd:dd:dd")) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && t.charAt(i) == '.') {
            int digits = 0;
            for (i++; i < n && isDigit(t.charAt(i)); i++, digits++) {
                nanos = nanos * 10 + (t.charAt(i) - '0');
            }
            if (digits == 0 || digits > 9) {
                return null;
            }
            for (int d = digits; d < 9; d++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n) {
            offset = ZoneOffset.UTC;
        } else if (i == n - 1 && t.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && shape(t.substring(i + 1), "dd:dd")) {
            int sign = t.charAt(i) == '+' ? 1 : -1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * number(t, i + 1, 2), sign * number(t, i + 4, 2));
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(
                            number(t, 0, 4),
                            number(t, 5, 2),
                            number(t, 8, 2),
                            number(t, 11, 2),
                            number(t, 14, 2),
                            number(t, 17, 2),
                            nanos)
                    .toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Whether {@code t} starts with {@code pattern}, where d is any ASCII digit and anything else itself. */
    private static boolean shape(String t, String pattern) {
        if (t.length() < pattern.length()) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char p = pattern.charAt(i);
            char c = t.charAt(i);
            if (p == 'd' ? !isDigit(c) : c != p) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String t, int from, int digits) {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            value = value * 10 + (t.charAt(i) - '0');
        }
        return value;
    }
}

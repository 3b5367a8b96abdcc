package dev.ohtop.api;

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
}

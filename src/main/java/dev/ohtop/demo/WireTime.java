package dev.ohtop.demo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The timestamp spellings the real services use. They differ on purpose: conversations carry
 * {@code ...Z} and {@code ...+00:00} side by side, events carry naive UTC times with microseconds,
 * and a client has to read them all.
 */
final class WireTime {
    private static final DateTimeFormatter MICROS_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
    private static final DateTimeFormatter MILLIS_OFFSET =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+00:00'");
    private static final DateTimeFormatter SECONDS_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter NAIVE_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private WireTime() {}

    /** {@code 2026-11-27T10:15:30.123456Z}: conversation {@code created_at}, bash event timestamps. */
    static String microsZ(Instant at) {
        return MICROS_Z.format(utc(at));
    }

    /** {@code 2026-11-27T10:18:02.004+00:00}: conversation {@code updated_at}. */
    static String millisOffset(Instant at) {
        return MILLIS_OFFSET.format(utc(at));
    }

    /** {@code 2026-11-27T10:15:31Z}: sandboxes and start tasks. */
    static String secondsZ(Instant at) {
        return SECONDS_Z.format(utc(at));
    }

    /** {@code 2026-01-27T10:15:31.456789}: event timestamps, naive UTC. */
    static String naive(Instant at) {
        return NAIVE_MICROS.format(utc(at));
    }

    /** Query values: with an offset, or naive and then read as UTC (as the services compare them). */
    static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    private static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}

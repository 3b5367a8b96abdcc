package dev.ohtop.presentation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When an event happened, as the events screen shows it, in the zone of the injected clock: the
 * time of day for today's events, the date too for older ones ("Dec 02 14:03"), the year for
 * another year's. Today's keep the seconds: that is where events crowd.
 */
public final class EventTime {
    /** Columns of {@code 14:03:11}. */
    public static final int TODAY_WIDTH = 8;
    /** Columns of {@code Dec 02 14:03}: the column's width once an event held is not from today. */
    public static final int OLDER_WIDTH = 12;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private EventTime() {}

    public static String of(Instant at, Instant now, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        if (local.toLocalDate().equals(today)) {
            return TIME.format(local);
        }
        return (local.getYear() == today.getYear() ? DAY : YEAR).format(local);
    }

    public static boolean isToday(Instant at, Instant now, ZoneId zone) {
        return at.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
    }

    /** When the day of {@code now} ends in {@code zone}: today's times then get their date. */
    public static Instant nextDay(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The span of the events held, oldest to newest: {@code Nov 26 23:59–00:00:09}; one time when they are one. */
    public static String range(Instant oldest, Instant newest, Instant now, ZoneId zone) {
        String from = of(oldest, now, zone);
        String to = of(newest, now, zone);
        return from.equals(to) ? from : from + "–" + to;
    }

    /** The time column: wide enough for a date once the oldest event held is not from today. */
    public static int columnWidth(Instant oldest, Instant now, ZoneId zone) {
        return oldest == null || isToday(oldest, now, zone) ? TODAY_WIDTH : OLDER_WIDTH;
    }

    /** An event's time: read from {@code at} when it could be, else the time of day as the server wrote it. */
    public static String shown(Instant at, String timestamp, Instant now, ZoneId zone) {
        return at == null ? timeOfDay(timestamp) : of(at, now, zone);
    }

    /** {@code 2026-01-27T10:15:31.456789} -> {@code 10:15:31}, as the server wrote it. */
    public static String timeOfDay(String timestamp) {
        if (timestamp == null) {
            return "";
        }
        int t = timestamp.indexOf('T');
        return t < 0 || timestamp.length() < t + 9 ? timestamp : timestamp.substring(t + 1, t + 9);
    }
}

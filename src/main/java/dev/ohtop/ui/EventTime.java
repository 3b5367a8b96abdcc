package dev.ohtop.ui;

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
final class EventTime {
    /** Columns of {@code 14:03:11}. */
    static final int TODAY_WIDTH = 8;
    /** Columns of {@code Dec 02 14:03}: the column's width once an event held is not from today. */
    static final int OLDER_WIDTH = 12;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private EventTime() {
    }

    static String of(Instant at, Instant now, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        if (local.toLocalDate().equals(today)) {
            return TIME.format(local);
        }
        return (local.getYear() == today.getYear() ? DAY : YEAR).format(local);
    }

    static boolean isToday(Instant at, Instant now, ZoneId zone) {
        return at.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
    }

    /** The span of the events held, oldest to newest: {@code Nov 26 23:59–00:00:09}; one time when they are one. */
    static String range(Instant oldest, Instant newest, Instant now, ZoneId zone) {
        String from = of(oldest, now, zone);
        String to = of(newest, now, zone);
        return from.equals(to) ? from : from + "–" + to;
    }
}

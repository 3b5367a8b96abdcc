package dev.ohtop.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EventTimeTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");

    @Test
    void todaysEventsShowTheTimeOfDayWithSecondsInTheClocksZone() {
        assertEquals("15:03:11", EventTime.of(Instant.parse("2026-12-02T14:03:11Z"), NOW, PARIS));
    }

    @Test
    void olderEventsShowTheirDateAndAnotherYearsTheYear() {
        assertEquals("Nov 26 23:59", EventTime.of(Instant.parse("2026-11-26T22:59:30Z"), NOW, PARIS));
        assertEquals("2025-12-31", EventTime.of(Instant.parse("2025-12-31T10:00:00Z"), NOW, PARIS));
    }

    @Test
    void theTimeColumnWidensOnceTheOldestEventIsNotFromToday() {
        assertEquals(EventTime.TODAY_WIDTH, EventTime.columnWidth(null, NOW, PARIS));
        assertEquals(EventTime.TODAY_WIDTH, EventTime.columnWidth(NOW.minusSeconds(60), NOW, PARIS));
        assertEquals(EventTime.OLDER_WIDTH, EventTime.columnWidth(NOW.minusSeconds(86_400), NOW, PARIS));
    }

    @Test
    void theHeldRangeRunsFromTheOldestToTheNewestAndIsOneTimeWhenTheyAreOne() {
        Instant old = Instant.parse("2026-11-26T22:59:30Z");
        Instant recent = Instant.parse("2026-12-02T14:00:09Z");
        assertEquals("Nov 26 23:59–15:00:09", EventTime.range(old, recent, NOW, PARIS));
        assertEquals("15:00:09", EventTime.range(recent, recent, NOW, PARIS));
    }

    @Test
    void anUnreadableTimeShowsTheServersOwnTimeOfDay() {
        assertEquals("10:15:31", EventTime.shown(null, "2026-01-27T10:15:31.456789", NOW, PARIS));
        assertEquals("yesterday", EventTime.timeOfDay("yesterday"));
        assertEquals("", EventTime.timeOfDay(null));
    }
}

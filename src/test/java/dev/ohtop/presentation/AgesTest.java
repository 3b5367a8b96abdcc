package dev.ohtop.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void anAgeIsTheLargestWholeUnitThatFits() {
        assertEquals("59s", Ages.of(Duration.ofSeconds(59)));
        assertEquals("1m", Ages.of(Duration.ofSeconds(60)));
        assertEquals("59m", Ages.of(Duration.ofMinutes(59).plusSeconds(59)));
        assertEquals("5h", Ages.of(Duration.ofHours(5).plusMinutes(59)));
        assertEquals("2d", Ages.of(Duration.ofDays(2).plusHours(23)));
    }

    @Test
    void aTimeNotKnownIsADashAndOneInTheFutureIsNoAgeAtAll() {
        assertEquals("-", Ages.since(null, NOW));
        assertEquals("0s", Ages.since(NOW.plusSeconds(30), NOW));
        assertEquals("3m", Ages.since(NOW.minusSeconds(200), NOW));
    }
}

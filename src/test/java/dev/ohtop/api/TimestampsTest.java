package dev.ohtop.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2026-11-27T10:15:30, 2026-11-27T10:15:30Z",
        "2026-11-27T10:15:30.123456, 2026-11-27T10:15:30.123456Z",
        "2026-11-27T10:15:30Z, 2026-11-27T10:15:30Z",
        "2026-11-27T10:15:30.5+00:00, 2026-11-27T10:15:30.500Z",
        "2026-11-27T10:15:30-05:30, 2026-11-27T15:45:30Z",
        "2026-11-27T10:15, 2026-11-27T10:15:00Z",
        "2026-11-27t10:15:30z, 2026-11-27T10:15:30Z"
    })
    void theServicesFormsAreReadAsUtc(String text, String utc) {
        assertEquals(Instant.parse(utc), Timestamps.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "2026-13-27T10:15:30",
                "2026-02-30T10:15:30",
                "2026-11-27T24:00:00",
                "2026-11-27T10:15:30+19:00",
                "2026-11-27 10:15:30",
                "yesterday",
                "2026-11-27T10:15:30+05:99"
            })
    void anUnreadableTimeIsNoTime(String text) {
        assertNull(Timestamps.parse(text));
    }
}

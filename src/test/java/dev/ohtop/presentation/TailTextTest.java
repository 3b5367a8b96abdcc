package dev.ohtop.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TailTextTest {
    @Test
    void theCountShowsTheServersTotalOnceItIsKnown() {
        assertEquals("120 events", TailText.count(120, null));
        assertEquals("120/4000 events", TailText.count(120, 4000));
    }

    @Test
    void anEmptyTableSaysWhetherItIsLoadingEmptyOrFilteredOut() {
        assertEquals("loading…", TailText.empty(0, false));
        assertEquals("no events yet", TailText.empty(0, true));
        assertEquals("no event matches the filter (7 held)", TailText.empty(7, true));
    }
}

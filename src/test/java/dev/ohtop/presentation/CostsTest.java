package dev.ohtop.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class CostsTest {
    @Test
    void listsAndHeadersShowCentsAndAnEventItsFractionsOfACent() {
        assertEquals("$1.23", Costs.of(1.2345));
        assertEquals("$1.2345", Costs.precise(1.2345));
        assertEquals("$0.00", Costs.of(0.0));
    }

    @Test
    void noMetricsIsADashInATableAndNothingElsewhere() {
        assertEquals("-", Costs.cell(null));
        assertEquals("$0.50", Costs.cell(0.5));
        assertNull(Costs.of(null));
        assertNull(Costs.precise(null));
    }

    @Test
    void aCostIsWrittenWithADotWhateverTheLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals("$0.0312", Costs.precise(0.0312));
            assertEquals("$12.50", Costs.of(12.5));
        } finally {
            Locale.setDefault(before);
        }
    }
}

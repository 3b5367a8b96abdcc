package dev.ohtop.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BadgeTest {
    @Test
    void everyExecutionStatusHasAGlyphAndAWord() {
        assertEquals(new Badge("▶ running", Badge.Tone.WORKING), Badge.execution("running"));
        assertEquals(new Badge("? waiting", Badge.Tone.ASKING), Badge.execution("waiting_for_confirmation"));
        assertEquals(new Badge("✗ error", Badge.Tone.FAILED), Badge.execution("error"));
        assertEquals(new Badge("! stuck", Badge.Tone.FAILED), Badge.execution("stuck"));
        assertEquals(new Badge("✓ finished", Badge.Tone.DONE), Badge.execution("finished"));
    }

    @Test
    void everySandboxStatusHasAGlyphAndAWord() {
        assertEquals(new Badge("● RUNNING", Badge.Tone.UP), Badge.sandbox("RUNNING"));
        assertEquals(new Badge("‖ PAUSED", Badge.Tone.HELD), Badge.sandbox("PAUSED"));
        assertEquals(new Badge("○ MISSING", Badge.Tone.GONE), Badge.sandbox("MISSING"));
    }

    @Test
    void aStatusOhtopDoesNotKnowIsShownAsTheServerSaidIt() {
        assertEquals("? hibernating", Badge.execution("hibernating").text());
        assertEquals("? FROZEN", Badge.sandbox("FROZEN").text());
        assertEquals("-", Badge.execution(null).text());
        assertEquals("?", Badge.sandbox(null).text());
    }
}

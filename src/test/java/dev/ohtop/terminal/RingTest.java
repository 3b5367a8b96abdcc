package dev.ohtop.terminal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bytes each --notify style writes, and what a hostile title can do to them (nothing). */
class RingTest {
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void eachStyleWritesItsSequence() {
        assertArrayEquals(new byte[] {0x07}, Ring.BELL.bytes("ohtop: a finished", false));
        assertEquals("\u001b]9;ohtop: a finished\u0007", text(Ring.OSC9.bytes("ohtop: a finished", false)));
        assertEquals(
                "\u001b]777;notify;ohtop;ohtop: a finished\u0007", text(Ring.OSC777.bytes("ohtop: a finished", false)));
        assertEquals(0, Ring.NONE.bytes("ohtop: a finished", false).length);
    }

    @Test
    void insideTmuxAnOscGoesThroughThePassthroughWithEachEscDoubled() {
        assertEquals(
                "\u001bPtmux;\u001b\u001b]9;ohtop: a finished\u0007\u001b\\",
                text(Ring.OSC9.bytes("ohtop: a finished", true)));
        assertEquals(
                "\u001bPtmux;\u001b\u001b]777;notify;ohtop;ohtop: a finished\u0007\u001b\\",
                text(Ring.OSC777.bytes("ohtop: a finished", true)));
        assertArrayEquals(new byte[] {0x07}, Ring.BELL.bytes("x", true), "tmux passes a bell on by itself");
    }

    @Test
    void aHostileTitleCannotEndTheSequenceOrAddFields() {
        String hostile =
                "ohtop: \u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u009b31m\u202eevil\nnext; field\u009c finished";

        String osc9 = text(Ring.OSC9.bytes(hostile, false));
        assertEquals("\u001b]9;ohtop: ]52;c;cm0gLXJmIH4=[2J31mevil next; field finished\u0007", osc9);
        String osc777 = text(Ring.OSC777.bytes(hostile, false));
        assertEquals("\u001b]777;notify;ohtop;ohtop: ]52,c,cm0gLXJmIH4=[2J31mevil next, field finished\u0007", osc777);
        assertEquals(1, osc777.chars().filter(c -> c == 0x1b).count(), "one ESC: ours");
        assertEquals(1, osc777.chars().filter(c -> c == 0x07).count(), "one BEL: ours, at the end");
    }

    @Test
    void aLongTextIsCut() {
        String payload = text(Ring.OSC9.bytes("x".repeat(1000), false));
        assertEquals(2 + 2 + Ring.MAX_TEXT + 1, payload.length());
    }

    @Test
    void theFlagNamesEachStyle() {
        assertEquals(Ring.OSC777, Ring.named("osc777"));
        assertEquals(Ring.NONE, Ring.named(" NONE "));
        assertNull(Ring.named("beep"));
    }
}

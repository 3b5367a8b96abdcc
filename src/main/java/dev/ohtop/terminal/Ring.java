package dev.ohtop.terminal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How ohtop rings when something needs the user ({@code --notify}): the terminal's bell, a
 * desktop notification through the terminal (OSC 9: iTerm2, WezTerm, Windows Terminal, kitty;
 * OSC 777: urxvt-style terminals and some others), or nothing. The bytes are built here only,
 * from text that has lost every control character, so a title cannot end the sequence early and
 * slip in one of its own.
 */
public enum Ring {
    BELL,
    OSC9,
    OSC777,
    NONE;

    private static final byte ESC = 0x1b;
    private static final byte BEL = 0x07;
    /** Enough for a title and a few words; a notification is a glance, not a page. */
    static final int MAX_TEXT = 200;

    /** The value of {@code --notify}: bell, osc9, osc777 or none; null for anything else. */
    public static Ring named(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Ring ring : values()) {
            if (ring.flag().equals(wanted)) {
                return ring;
            }
        }
        return null;
    }

    /** As written on the command line. */
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What to write to the terminal for one notice, nothing for {@link #NONE}. Inside tmux an OSC is
     * wrapped in tmux's passthrough (tmux would swallow it otherwise); a bell needs no wrapping:
     * tmux passes it on by itself (its {@code bell-action}).
     *
     * @param text ours ("ohtop: Fix flaky test… finished"), though the title in it is the server's
     * @param tmux whether ohtop runs inside tmux ({@code $TMUX} set)
     */
    public byte[] bytes(String text, boolean tmux) {
        return switch (this) {
            case NONE -> new byte[0];
            case BELL -> new byte[] {BEL};
            case OSC9 -> wrapped(osc("9;" + payload(text, false)), tmux);
            case OSC777 -> wrapped(osc("777;notify;ohtop;" + payload(text, true)), tmux);
        };
    }

    private static byte[] osc(String body) {
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 3];
        out[0] = ESC;
        out[1] = ']';
        System.arraycopy(text, 0, out, 2, text.length);
        out[out.length - 1] = BEL;
        return out;
    }

    /** tmux's passthrough: {@code ESC P tmux;}, the sequence with each ESC doubled, {@code ESC \}. */
    private static byte[] wrapped(byte[] sequence, boolean tmux) {
        if (!tmux) {
            return sequence;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(sequence.length + 16);
        out.writeBytes(new byte[] {ESC, 'P', 't', 'm', 'u', 'x', ';'});
        for (byte b : sequence) {
            if (b == ESC) {
                out.write(ESC);
            }
            out.write(b);
        }
        out.writeBytes(new byte[] {ESC, '\\'});
        return out.toByteArray();
    }

    /** The text as a notification carries it: {@link TerminalText#withoutControls}, cut; for OSC 777 no {@code ;}. */
    static String payload(String text, boolean noSemicolons) {
        String plain = TerminalText.withoutControls(text);
        if (plain.length() > MAX_TEXT) {
            plain = plain.substring(0, Character.isHighSurrogate(plain.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT);
        }
        // OSC 777's fields are split at ';': one in the text would start a field of its own.
        return noSemicolons ? plain.replace(';', ',') : plain;
    }
}

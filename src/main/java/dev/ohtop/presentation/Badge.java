package dev.ohtop.presentation;

/**
 * A status as a glyph and a word, with what it means for the eye; the screen picks the colour
 * for the tone, so it reads the same on a monochrome terminal.
 */
public record Badge(String text, Tone tone) {
    /** What a status means to someone scanning the list, from which the theme picks a colour. */
    public enum Tone {
        /** The agent is working. */
        WORKING,
        /** The sandbox is up. */
        UP,
        /** Nothing to notice. */
        QUIET,
        /** Held or on its way: paused, starting. */
        HELD,
        /** The agent waits for the user. */
        ASKING,
        /** Done and fine. */
        DONE,
        FAILED,
        /** Gone or unknown. */
        GONE,
        /** A change ohtop asked for, still on its way. */
        CHANGING
    }

    /** A conversation's execution status: {@code ▶ running}, {@code ‖ paused}, {@code ✗ error}... */
    public static Badge execution(String status) {
        if (status == null) {
            return new Badge("-", Tone.GONE);
        }
        return switch (status) {
            case "running" -> new Badge("▶ running", Tone.WORKING);
            case "idle" -> new Badge("· idle", Tone.QUIET);
            case "paused" -> new Badge("‖ paused", Tone.HELD);
            case "waiting_for_confirmation" -> new Badge("? waiting", Tone.ASKING);
            case "finished" -> new Badge("✓ finished", Tone.DONE);
            case "error" -> new Badge("✗ error", Tone.FAILED);
            case "stuck" -> new Badge("! stuck", Tone.FAILED);
            case "deleting" -> new Badge("- deleting", Tone.GONE);
            default -> new Badge("? " + status, Tone.QUIET);
        };
    }

    /** A sandbox's status: {@code ● RUNNING}, {@code ‖ PAUSED}, {@code ○ MISSING}... */
    public static Badge sandbox(String status) {
        if (status == null) {
            return new Badge("?", Tone.GONE);
        }
        if (status.isEmpty()) {
            return new Badge("", Tone.QUIET); // no sandbox at all (attached to an agent server): no word
        }
        return switch (status) {
            case "RUNNING" -> new Badge("● RUNNING", Tone.UP);
            case "STARTING" -> new Badge("◐ STARTING", Tone.HELD);
            case "PAUSED" -> new Badge("‖ PAUSED", Tone.HELD);
            case "ERROR" -> new Badge("✗ ERROR", Tone.FAILED);
            case "MISSING" -> new Badge("○ MISSING", Tone.GONE);
            default -> new Badge("? " + status, Tone.QUIET);
        };
    }
}

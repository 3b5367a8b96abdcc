package dev.ohtop.monitor;

import dev.ohtop.api.Timestamps;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.EventParser;
import dev.ohtop.api.events.RawJson;
import java.time.Instant;

/**
 * One event as the tail holds it: what a row of the events screen needs, worked out once when
 * it arrives, plus the raw JSON for the detail view. The parsed event is not kept (it would
 * double the memory of a long tail): {@link #event()} reads it again from the raw JSON.
 *
 * @param timestamp the server's string, untouched (naive, usually with microseconds)
 * @param summary   one line (line breaks and tabs made spaces, at most {@value #MAX_SUMMARY} chars);
 *                  not yet made safe for a terminal
 * @param error     the row is highlighted as a problem
 */
public record TailEvent(
        String id, String timestamp, String source, String kind, String summary, boolean error, RawJson raw) {
    static final int MAX_SUMMARY = 512;

    /** The typed event, read again from the raw JSON (for the detail view). */
    public Event event() {
        return EventParser.parse(raw.tree());
    }

    /**
     * The timestamp read as UTC (as {@link Timestamps} does); null if unreadable. Worked out on
     * each call, for the rows drawn only: parsing every event of a long history costs more than
     * the rest of taking it in.
     */
    public Instant at() {
        return Timestamps.parse(timestamp); // its usual forms are read by hand, without the JDK's parser
    }

    /**
     * A single line: line breaks and tabs become spaces, runs of them one space, then cut. Other
     * control characters stay, so that the UI shows them ({@code ^[}) instead of hiding an escape
     * sequence behind a space.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_SUMMARY));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() < MAX_SUMMARY; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t' || c == '\u000b' || c == '\f') {
                if (!space && out.length() > 0) {
                    out.append(' ');
                }
                space = true;
            } else {
                out.append(c);
                space = c == ' ';
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }
}

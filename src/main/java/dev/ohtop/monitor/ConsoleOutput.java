package dev.ohtop.monitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The output pane's lines, bounded by count and by characters: the oldest go first and are
 * counted, so the screen can say how many it no longer holds. Output arrives in pieces that may
 * cut a line anywhere; each stream keeps its unfinished line until the rest of it comes.
 * Not thread-safe: the console guards it.
 */
final class ConsoleOutput {
    /** A line longer than this is broken, so output with no newline cannot grow without bound. */
    static final int MAX_LINE_CHARS = 64 * 1024;

    private final int maxLines;
    private final long maxChars;
    private final Deque<ConsoleLine> lines = new ArrayDeque<>();
    private final StringBuilder partialOut = new StringBuilder();
    private final StringBuilder partialErr = new StringBuilder();
    private long chars;
    private long dropped;

    ConsoleOutput(int maxLines, long maxChars) {
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    void line(ConsoleLine.Source source, String text) {
        lines.addLast(new ConsoleLine(source, text));
        chars += text.length();
        while (lines.size() > maxLines || (chars > maxChars && lines.size() > 1)) {
            chars -= lines.removeFirst().text().length();
            dropped++;
        }
    }

    void append(ConsoleLine.Source source, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        StringBuilder partial = source == ConsoleLine.Source.STDERR ? partialErr : partialOut;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                partial.append(text, start, i);
                emit(source, partial);
                start = i + 1;
            } else if (partial.length() + (i - start) >= MAX_LINE_CHARS) {
                partial.append(text, start, i);
                emit(source, partial);
                start = i;
            }
        }
        partial.append(text, start, text.length());
    }

    /** Ends both streams' unfinished lines (the command is over). */
    void finish() {
        if (partialOut.length() > 0) {
            emit(ConsoleLine.Source.STDOUT, partialOut);
        }
        if (partialErr.length() > 0) {
            emit(ConsoleLine.Source.STDERR, partialErr);
        }
    }

    private void emit(ConsoleLine.Source source, StringBuilder partial) {
        int end = partial.length();
        if (end > 0 && partial.charAt(end - 1) == '\r') {
            end--;
        }
        line(source, partial.substring(0, end));
        partial.setLength(0);
    }

    void clear() {
        dropped += lines.size();
        lines.clear();
        chars = 0;
    }

    /** The held lines, unfinished ones last, as they would show now. */
    List<ConsoleLine> lines() {
        List<ConsoleLine> out = new ArrayList<>(lines.size() + 2);
        out.addAll(lines);
        if (partialOut.length() > 0) {
            out.add(new ConsoleLine(ConsoleLine.Source.STDOUT, partialOut.toString()));
        }
        if (partialErr.length() > 0) {
            out.add(new ConsoleLine(ConsoleLine.Source.STDERR, partialErr.toString()));
        }
        return List.copyOf(out);
    }

    /** Lines dropped from the top to stay within the bounds. */
    long dropped() {
        return dropped;
    }
}

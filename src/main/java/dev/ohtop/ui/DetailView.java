package dev.ohtop.ui;

import dev.ohtop.api.ByteSizes;
import dev.ohtop.api.events.ActionEvent;
import dev.ohtop.api.events.CondensationEvent;
import dev.ohtop.api.events.ErrorEvent;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.FullState;
import dev.ohtop.api.events.HookEvent;
import dev.ohtop.api.events.MessageEvent;
import dev.ohtop.api.events.ObservationEvent;
import dev.ohtop.api.events.PlainEvent;
import dev.ohtop.api.events.RawJson;
import dev.ohtop.api.events.StateUpdateEvent;
import dev.ohtop.api.events.StreamingDeltaEvent;
import dev.ohtop.api.events.SystemPromptEvent;
import dev.ohtop.api.events.UnknownEvent;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.TailEvent;
import dev.ohtop.monitor.TailSnapshot;
import dev.ohtop.presentation.Costs;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import dev.ohtop.terminal.TerminalText;
import dev.ohtop.terminal.Wrap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One event: its fields laid out for reading, then the raw JSON pretty-printed; scrollable, and
 * the pair key shows the paired action or observation in its place.
 */
final class DetailView implements View {
    /** Raw JSON beyond this many lines is cut: a 10 MB event must not freeze the screen. */
    static final int MAX_LINES = 20_000;
    /** One field's text beyond this many lines is left to the raw JSON. */
    private static final int MAX_TEXT_LINES = 2_000;

    private final EventTail tail;
    private final Keymap keys;
    private String eventId;
    private List<Line> lines;
    private int top;
    private int pageRows = 10;
    private int builtForWidth = -1;
    private String note;

    record Line(String label, String text, Style style) {}

    DetailView(EventTail tail, String eventId, Keymap keys) {
        this.keys = keys;
        this.tail = tail;
        this.eventId = eventId;
    }

    @Override
    public Scope scope() {
        return Scope.DETAIL;
    }

    @Override
    public String title() {
        return "event " + eventId;
    }

    @Override
    public void draw(Canvas canvas, Instant now) {
        if (lines == null || builtForWidth != canvas.width()) {
            lines = build(canvas.width());
            builtForWidth = canvas.width();
        }
        pageRows = Math.max(1, canvas.height() - 1);
        top = Math.max(0, Math.min(top, Math.max(0, lines.size() - pageRows)));
        for (int r = 0; r < canvas.height() - 1 && top + r < lines.size(); r++) {
            Line line = lines.get(top + r);
            int c = 1;
            if (line.label() != null) {
                c = canvas.text(1, r, TerminalText.cell(line.label(), 14), 14, Theme.DIM) + 1;
            }
            canvas.text(c, r, line.text(), line.style());
        }
        String position = lines.isEmpty() ? "" : "line " + (top + 1) + "/" + lines.size();
        canvas.text(1, canvas.height() - 1, (note == null ? "" : note + "  ") + position, Theme.DIM);
    }

    private List<Line> build(int width) {
        TailSnapshot snap = tail.snapshot();
        int index = snap.indexOf(eventId);
        List<Line> out = new ArrayList<>();
        if (index < 0) {
            out.add(new Line(null, "this event is no longer held (dropped from the tail)", Theme.WARNING));
            return out;
        }
        TailEvent held = snap.get(index);
        Event event = held.event();
        if (held.raw().cut()) {
            // Said first: every long text below is shorter than the server sent it.
            String note = "this event was " + ByteSizes.of(held.raw().wholeSize()) + ": ohtop holds an excerpt of "
                    + ByteSizes.of(held.raw().size()) + ", long text and lists cut where it says "
                    + RawJson.CUT_MARK + "…]";
            List<String> rows = Wrap.rows(note, textWidth(width), MAX_LINES);
            for (int i = 0; i < rows.size(); i++) {
                out.add(new Line(i == 0 ? "cut" : "", rows.get(i), Theme.WARNING));
            }
        }
        field(out, "kind", event.kind(), width);
        field(out, "id", event.id(), width);
        field(out, "time", event.timestamp(), width);
        field(out, "source", event.source(), width);
        field(out, "parent", event.info().parentId(), width);
        fields(out, event, width);
        int pair = snap.pairIndexOf(index);
        if (pair >= 0) {
            TailEvent partner = snap.get(pair);
            String key = keys.keyName(Scope.DETAIL, Action.DETAIL_JUMP_TO_PAIR);
            field(out, "paired with", partner.kind() + " " + partner.id() + " (" + key + " shows it)", width);
        } else if (event instanceof ActionEvent) {
            out.add(new Line("paired with", "no observation yet: still running, or lost", Theme.CHANGED));
        }
        out.add(new Line(null, "", Style.NORMAL));
        out.add(new Line(
                null,
                "── raw JSON (" + held.raw().size() + " bytes"
                        + (held.raw().cut() ? ", cut from " + held.raw().wholeSize() : "") + ") ──",
                Theme.TITLE));
        Wrap.lines(held.raw().pretty(), Math.max(10, width - 2), MAX_LINES - out.size())
                .forEach(row -> out.add(new Line(null, row, Style.NORMAL)));
        if (out.size() >= MAX_LINES) {
            out.add(new Line(null, "… cut at " + MAX_LINES + " lines", Theme.WARNING));
        }
        return out;
    }

    private static void fields(List<Line> out, Event event, int width) {
        if (event instanceof MessageEvent m) {
            field(out, "role", m.role(), width);
            multi(out, "text", m.text(), width);
            m.imageUrls().forEach(u -> field(out, "image", u, width));
        } else if (event instanceof ActionEvent a) {
            field(out, "tool", a.toolName(), width);
            field(out, "action", a.actionKind(), width);
            multi(out, "argument", a.argument(), width);
            field(out, "summary", a.summaryText(), width);
            multi(out, "thought", a.thought(), width);
            field(out, "risk", a.securityRisk(), width);
            field(out, "tool call", a.toolCallId(), width);
        } else if (event instanceof ObservationEvent o) {
            field(out, "tool", o.toolName(), width);
            field(out, "observation", o.observationKind(), width);
            field(out, "answers", o.actionId(), width);
            field(out, "command", o.command(), width);
            field(out, "exit code", o.exitCode() == null ? null : String.valueOf(o.exitCode()), width);
            if (o.isError()) {
                out.add(new Line("error", "yes", Theme.ERROR));
            }
            multi(out, "output", o.text(), width);
        } else if (event instanceof ErrorEvent e) {
            field(out, "tool", e.toolName(), width);
            field(out, "code", e.code(), width);
            field(out, "tool call", e.toolCallId(), width);
            for (Line l : wrapped("detail", e.detail(), width)) {
                out.add(new Line(l.label(), l.text(), Theme.ERROR));
            }
        } else if (event instanceof StateUpdateEvent s) {
            field(out, "key", s.key(), width);
            if (s.full() != null) {
                fullState(out, s.full(), width);
            } else {
                field(out, "value", s.value(), width);
                field(out, "cost", Costs.precise(s.cost()), width);
            }
        } else if (event instanceof StreamingDeltaEvent d) {
            multi(out, "text", d.content(), width);
            multi(out, "reasoning", d.reasoning(), width);
        } else if (event instanceof SystemPromptEvent p) {
            field(out, "tools", String.join(", ", p.tools()), width);
            multi(out, "prompt", p.prompt(), width);
        } else if (event instanceof HookEvent h) {
            field(out, "hook", h.hookEventType(), width);
            field(out, "command", h.hookCommand(), width);
            field(out, "outcome", h.summary(), width);
            multi(out, "stdout", h.stdout(), width);
            multi(out, "stderr", h.stderr(), width);
        } else if (event instanceof CondensationEvent c) {
            multi(out, "summary", c.summary(), width);
        } else if (event instanceof PlainEvent p) {
            field(out, "note", p.note(), width);
        } else if (event instanceof UnknownEvent) {
            out.add(new Line("note", "a kind ohtop does not know: shown raw below", Theme.DIM));
        }
    }

    /** The fields of a whole-state update a user reads; the other fields are in the raw JSON below. */
    private static void fullState(List<Line> out, FullState f, int width) {
        field(out, "status", f.executionStatus(), width);
        field(out, "model", f.model(), width);
        field(out, "cost", Costs.precise(f.cost()), width);
        field(out, "folder", f.workingDir(), width);
        field(out, "max steps", f.maxIterations() == null ? null : String.valueOf(f.maxIterations()), width);
        field(out, "confirmation", f.confirmationPolicy(), width);
        field(out, "security", f.securityAnalyzer(), width);
        field(out, "tools", String.join(", ", f.tools()), width);
        field(out, "fields", f.fieldCount() + " in all (raw JSON below)", width);
    }

    private static void field(List<Line> out, String label, String value, int width) {
        if (value != null && !value.isEmpty()) {
            labelled(out, label, Wrap.rows(TerminalText.safeLine(value), textWidth(width), MAX_LINES - out.size()));
        }
    }

    private static void multi(List<Line> out, String label, String value, int width) {
        out.addAll(wrapped(label, value, width));
    }

    /** A field of several lines (a message, a command's output), each wrapped at words, tabs lined up. */
    private static List<Line> wrapped(String label, String value, int width) {
        List<Line> out = new ArrayList<>();
        if (value == null || value.isEmpty()) {
            return out;
        }
        List<String> rows = Wrap.lines(value, textWidth(width), MAX_TEXT_LINES + 1);
        labelled(out, label, rows.subList(0, Math.min(rows.size(), MAX_TEXT_LINES)));
        if (rows.size() > MAX_TEXT_LINES) {
            out.add(new Line("", "… (see the raw JSON)", Theme.DIM));
        }
        return out;
    }

    /** The columns a field's text has beside its label. */
    private static int textWidth(int width) {
        return Math.max(10, width - 17);
    }

    /** Rows of one field: the label on the first. */
    private static void labelled(List<Line> out, String label, List<String> rows) {
        for (int i = 0; i < rows.size(); i++) {
            out.add(new Line(i == 0 ? label : "", rows.get(i), Style.NORMAL));
        }
    }

    @Override
    public Step on(Action action) {
        switch (action) {
            case UP -> top = Math.max(0, top - 1);
            case DOWN -> top++;
            case PAGE_UP -> top = Math.max(0, top - pageRows);
            case PAGE_DOWN -> top += pageRows;
            case TOP -> top = 0;
            case BOTTOM -> top = Integer.MAX_VALUE / 2;
            case DETAIL_JUMP_TO_PAIR -> jumpToPair();
            default -> {
                return Step.STAY;
            }
        }
        return Step.STAY;
    }

    private void jumpToPair() {
        TailSnapshot snap = tail.snapshot();
        int index = snap.indexOf(eventId);
        int pair = index < 0 ? -1 : snap.pairIndexOf(index);
        if (pair < 0) {
            note = "no paired event";
            return;
        }
        eventId = snap.get(pair).id();
        lines = null;
        top = 0;
        note = "showing the pair";
    }

    /** For tests: every line's text. */
    List<String> text() {
        return lines == null
                ? List.of()
                : lines.stream()
                        .map(l -> (l.label() == null ? "" : l.label() + " ") + l.text())
                        .toList();
    }
}

package dev.ohtop.commands;

import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.EventKinds;
import dev.ohtop.monitor.TailEvent;
import dev.ohtop.presentation.EventTime;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code ohtop events} prints of each event it is given, and which: those its {@code --kind},
 * {@code --source} and {@code --errors} let through, each once (by id), as a line of words (the
 * events screen's time, source, kind and one-line summary, made inert) or as the server's JSON.
 */
final class EventLines {
    private static final String FORMAT = "%-12s %-11s %-28s %s%n";
    /** Columns of a summary on a terminal; in a pipe it is whole (one line of at most 512 characters). */
    private static final int SUMMARY_WIDTH = 120;

    /**
     * @param kinds   short kind names, lower case; empty for all
     * @param sources lower case; empty for all
     * @param errors  only what the events screen marks as an error ({@link Event#isError()})
     */
    record Choice(Set<String> kinds, Set<String> sources, boolean errors) {
        static Choice of(Args args) {
            return new Choice(lower(args.values("--kind")), lower(args.values("--source")), args.has("--errors"));
        }

        private static Set<String> lower(List<String> values) {
            return values.stream()
                    .map(v -> EventKinds.shortName(v.strip()).toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        }

        /** Whether some events may be left out. */
        boolean filters() {
            return !kinds.isEmpty() || !sources.isEmpty() || errors;
        }

        /** By the kind as the server writes it ({@code ActionEvent}) or as the screen shows it ({@code Action}). */
        boolean shows(TailEvent e) {
            String kind = e.kind() == null ? "" : e.kind();
            return (!errors || e.error())
                    && (kinds.isEmpty()
                            || kinds.contains(kind.toLowerCase(Locale.ROOT))
                            || kinds.contains(dev.ohtop.presentation.EventKinds.shortKind(kind)
                                    .toLowerCase(Locale.ROOT)))
                    && (sources.isEmpty()
                            || sources.contains(
                                    e.source() == null ? "" : e.source().toLowerCase(Locale.ROOT)));
        }
    }

    private final Session session;
    private final Choice choice;
    private final boolean jsonl;
    private final Set<String> printed = new HashSet<>();

    EventLines(Session session, Choice choice, boolean jsonl) {
        this.session = session;
        this.choice = choice;
        this.jsonl = jsonl;
    }

    /** An event as the events screen holds it, with its JSON whole. */
    static TailEvent held(Event e) {
        return new TailEvent(
                e.id(),
                e.timestamp(),
                e.source() == null ? "" : e.source(),
                e.kind(),
                TailEvent.oneLine(e.summary()),
                e.isError(),
                e.info().raw());
    }

    boolean shows(TailEvent e) {
        return choice.shows(e);
    }

    boolean filters() {
        return choice.filters();
    }

    boolean jsonl() {
        return jsonl;
    }

    /** Prints {@code e} (its JSON from {@code json}) unless the choice leaves it out or it was printed before. */
    void print(TailEvent e, String json) {
        if (!choice.shows(e) || e.id() != null && !printed.add(e.id())) {
            return;
        }
        if (jsonl) {
            session.out().println(json);
            return;
        }
        Clock clock = session.clock();
        String time = EventTime.shown(e.at(), e.timestamp(), clock.instant(), clock.getZone());
        session.out()
                .printf(
                        FORMAT,
                        session.cell(time, EventTime.OLDER_WIDTH),
                        session.cell(e.source(), 11),
                        session.cell(e.kind(), 28),
                        session.cell(e.summary(), SUMMARY_WIDTH));
    }

    void print(TailEvent e) {
        print(e, e.raw().text());
    }
}

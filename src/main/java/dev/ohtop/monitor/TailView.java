package dev.ohtop.monitor;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rows of a {@link TailSnapshot} that a {@link TailFilter} shows, and which of them match its
 * text search. Row {@code r} is an index into this view; {@link #eventIndex(int)} turns it into an
 * index of the snapshot. A frame reads only the rows it draws.
 *
 * <p>Building one from scratch reads each held event once (a few milliseconds for 100,000).
 * {@link #update} follows a newer snapshot of the same tail by looking only at the events that
 * arrived since, when the filter is the same (older events put in front mean a fresh build).
 * Views are immutable and may be read from any thread; {@code update} should be called from one
 * thread (the UI's).
 */
public final class TailView {
    private final TailSnapshot snapshot;
    private final TailFilter filter;
    private final Run rows;
    private final Run matches;
    /** Whether a newer view has been built by appending to this one's arrays. */
    private final AtomicBoolean extended = new AtomicBoolean();

    /** Sequence numbers in [from, to) of a shared, append-only int array. */
    private record Run(int[] seqs, int from, int to) {
        static final Run EMPTY = new Run(new int[0], 0, 0);

        int size() {
            return to - from;
        }

        int at(int i) {
            return seqs[from + i];
        }

        /** Index of {@code seq} in the run, or -(insertion point) - 1. */
        int search(int seq) {
            int found = Arrays.binarySearch(seqs, from, to, seq);
            return found >= 0 ? found - from : -((-found - 1) - from) - 1;
        }
    }

    /** Appends to a run: in place when allowed, into a copy otherwise; grows by copying. */
    private static final class RunBuilder {
        private int[] seqs;
        private int from;
        private int to;

        RunBuilder(Run start, long firstSeq, boolean inPlace) {
            int from = start.from;
            while (from < start.to && start.seqs[from] < firstSeq) {
                from++;
            }
            if (inPlace) {
                this.seqs = start.seqs;
                this.from = from;
                this.to = start.to;
            } else {
                this.seqs = Arrays.copyOfRange(start.seqs, from, Math.max(start.to, from + 16));
                this.from = 0;
                this.to = start.to - from;
            }
        }

        void add(int seq) {
            if (to == seqs.length) {
                seqs = Arrays.copyOf(seqs, Math.max(16, seqs.length * 2));
            }
            seqs[to++] = seq;
        }

        Run build() {
            return new Run(seqs, from, to);
        }
    }

    private TailView(TailSnapshot snapshot, TailFilter filter, Run rows, Run matches) {
        this.snapshot = snapshot;
        this.filter = filter;
        this.rows = rows;
        this.matches = matches;
    }

    static TailView of(TailSnapshot snapshot, TailFilter filter) {
        RunBuilder rows = new RunBuilder(Run.EMPTY, 0, false);
        TailFilter.TextMatcher matcher = filter.matcher();
        RunBuilder matches = new RunBuilder(Run.EMPTY, 0, false);
        for (long seq = snapshot.firstSeq(); seq < snapshot.endSeq(); seq++) {
            TailEvent e = snapshot.bySeq(seq);
            if (filter.shows(e)) {
                rows.add((int) seq);
                if (matcher != null && matcher.matches(e)) {
                    matches.add((int) seq);
                }
            }
        }
        return new TailView(snapshot, filter, rows.build(), matches.build());
    }

    /**
     * This view's filter applied to {@code newer}, or {@code newFilter} if it differs. When only
     * new events arrived (same tail, same rows shown), only those are looked at.
     */
    public TailView update(TailSnapshot newer, TailFilter newFilter) {
        // Older events put in front (history filling in) mean a fresh build, as a new filter does.
        boolean follows = newer.tail() == snapshot.tail()
                && newer.endSeq() >= snapshot.endSeq()
                && newer.firstSeq() >= snapshot.firstSeq()
                && newFilter.sameRows(filter);
        if (!follows) {
            return of(newer, newFilter);
        }
        if (newer == snapshot && newFilter.equals(filter)) {
            return this;
        }
        boolean inPlace = extended.compareAndSet(false, true);
        boolean sameText = newFilter.text().equals(filter.text());
        RunBuilder newRows = new RunBuilder(rows, newer.firstSeq(), inPlace);
        RunBuilder newMatches = new RunBuilder(sameText ? matches : Run.EMPTY, newer.firstSeq(), inPlace && sameText);
        TailFilter.TextMatcher matcher = newFilter.matcher();
        if (!sameText && matcher != null) {
            for (int i = 0; i < rows.size(); i++) {
                int seq = rows.at(i);
                if (seq >= newer.firstSeq() && matcher.matches(snapshot.bySeq(seq))) {
                    newMatches.add(seq);
                }
            }
        }
        for (long seq = Math.max(snapshot.endSeq(), newer.firstSeq()); seq < newer.endSeq(); seq++) {
            TailEvent e = newer.bySeq(seq);
            if (newFilter.shows(e)) {
                newRows.add((int) seq);
                if (matcher != null && matcher.matches(e)) {
                    newMatches.add((int) seq);
                }
            }
        }
        return new TailView(newer, newFilter, newRows.build(), newMatches.build());
    }

    public TailSnapshot snapshot() {
        return snapshot;
    }

    public TailFilter filter() {
        return filter;
    }

    /** Rows shown. */
    public int size() {
        return rows.size();
    }

    public TailEvent row(int row) {
        return snapshot.bySeq(rows.at(row));
    }

    /** The snapshot index of the event on row {@code row}. */
    public int eventIndex(int row) {
        return (int) (rows.at(row) - snapshot.firstSeq());
    }

    /** The row showing the snapshot's event {@code eventIndex}, or -1 when the filter hides it. */
    public int rowOf(int eventIndex) {
        int found = rows.search((int) (snapshot.firstSeq() + eventIndex));
        return found >= 0 ? found : -1;
    }

    /** The row showing {@code eventIndex}, or the first row after it when hidden (clamped to the last row). */
    public int nearestRow(int eventIndex) {
        int found = rows.search((int) (snapshot.firstSeq() + eventIndex));
        int row = found >= 0 ? found : -found - 1;
        return Math.min(row, size() - 1);
    }

    /** Rows containing the search text. */
    public int matchCount() {
        return matches.size();
    }

    /** Which match the row is, counting from 1 at the top ("match 3/12"); 0 when the row is not one. */
    public int matchNumber(int row) {
        if (row < 0 || row >= size() || matches.size() == 0) {
            return 0;
        }
        int k = matches.search(rows.at(row));
        return k >= 0 ? k + 1 : 0;
    }

    /** The row of the {@code k}-th match. */
    public int matchRow(int k) {
        return rows.search(matches.at(k));
    }

    /** The first match on a row after {@code row}, or -1. Pass -1 to find the first. */
    public int nextMatch(int row) {
        if (matches.size() == 0) {
            return -1;
        }
        int seq = row < 0 ? Integer.MIN_VALUE : rows.at(Math.min(row, size() - 1));
        int k = matches.search(seq);
        int next = k >= 0 ? k + 1 : -k - 1;
        return next < matches.size() ? matchRow(next) : -1;
    }

    /** The last match on a row before {@code row}, or -1. Pass {@link #size()} to find the last. */
    public int previousMatch(int row) {
        if (row <= 0 || matches.size() == 0) {
            return -1;
        }
        int seq = row >= size() ? Integer.MAX_VALUE : rows.at(row);
        int k = matches.search(seq);
        int previous = (k >= 0 ? k : -k - 1) - 1;
        return previous >= 0 ? matchRow(previous) : -1;
    }
}

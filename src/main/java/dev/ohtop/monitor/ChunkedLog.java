package dev.ohtop.monitor;

import java.util.Arrays;

/**
 * A sequence that grows at both ends (new items after, older ones fetched later before) and
 * forgets its oldest items, built so that taking an immutable view costs O(1) whatever its
 * length: items live in fixed chunks that are written once, slot by slot, and a {@link Frozen}
 * view only ever reads slots that were written before it was taken. Sequence numbers go below
 * zero for items put before the first. One writer; views may be read from any thread once
 * published (e.g. through a volatile field).
 */
final class ChunkedLog<T> {
    static final int SHIFT = 10;
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    /** An immutable window [first, end) of the log, by absolute sequence number. */
    static final class Frozen<T> {
        private final Object[][] directory;
        private final long baseChunk;
        private final long first;
        private final long end;

        private Frozen(Object[][] directory, long baseChunk, long first, long end) {
            this.directory = directory;
            this.baseChunk = baseChunk;
            this.first = first;
            this.end = end;
        }

        int size() {
            return (int) (end - first);
        }

        long first() {
            return first;
        }

        long end() {
            return end;
        }

        /** The item at {@code index} (0 is the oldest held). */
        T get(int index) {
            if (index < 0 || index >= end - first) {
                throw new IndexOutOfBoundsException(index + " of " + (end - first));
            }
            return bySeq(first + index);
        }

        @SuppressWarnings("unchecked")
        T bySeq(long seq) {
            return (T) directory[(int) ((seq >> SHIFT) - baseChunk)][(int) (seq & MASK)];
        }
    }

    private Object[][] directory = new Object[4][];
    private long baseChunk;
    private long first;
    private long end;

    /** Appends and returns the item's sequence number (0, 1, 2, ... never reused). */
    long add(T item) {
        long seq = end;
        int slot = (int) ((seq >> SHIFT) - baseChunk);
        if (slot >= directory.length) {
            // A new array, so views already taken keep reading theirs.
            directory = Arrays.copyOf(directory, directory.length * 2);
        }
        if (directory[slot] == null) {
            directory[slot] = new Object[CHUNK];
        }
        directory[slot][(int) (seq & MASK)] = item;
        end = seq + 1;
        return seq;
    }

    /** Puts an item before the first and returns its sequence number (one less than the first's). */
    long addFirst(T item) {
        long seq = first - 1;
        int slot = (int) ((seq >> SHIFT) - baseChunk);
        if (slot < 0) {
            // Room in front, in a new array, so views already taken keep reading theirs.
            int grow = Math.max(4, directory.length);
            Object[][] wider = new Object[directory.length + grow][];
            System.arraycopy(directory, 0, wider, grow, directory.length);
            directory = wider;
            baseChunk -= grow;
            slot += grow;
        }
        if (directory[slot] == null) {
            directory[slot] = new Object[CHUNK];
        }
        directory[slot][(int) (seq & MASK)] = item;
        first = seq;
        return seq;
    }

    int size() {
        return (int) (end - first);
    }

    long first() {
        return first;
    }

    @SuppressWarnings("unchecked")
    T oldest() {
        if (first == end) {
            throw new IllegalStateException("empty");
        }
        return (T) directory[(int) ((first >> SHIFT) - baseChunk)][(int) (first & MASK)];
    }

    /** Forgets the oldest item. Whole chunks are let go of once nothing in them is held. */
    void dropOldest() {
        if (first == end) {
            throw new IllegalStateException("empty");
        }
        first++;
        long firstChunk = first >> SHIFT;
        if (firstChunk > baseChunk) {
            int gone = (int) (firstChunk - baseChunk);
            Object[][] kept = new Object[Math.max(4, directory.length)][];
            System.arraycopy(directory, gone, kept, 0, directory.length - gone);
            directory = kept;
            baseChunk = firstChunk;
        }
    }

    Frozen<T> freeze() {
        return new Frozen<>(directory, baseChunk, first, end);
    }
}

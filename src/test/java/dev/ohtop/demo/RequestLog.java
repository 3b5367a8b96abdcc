package dev.ohtop.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Every request both services answered, newest last. Bounded: the oldest entries fall out once
 * {@code capacity} is reached, so a long demo session does not grow without limit.
 * An entry is recorded just before its response is sent, so a client that has its answer can
 * already see its request here.
 */
public final class RequestLog {
    private final int capacity;
    private final ArrayDeque<SeenRequest> entries = new ArrayDeque<>();
    private long nextSequence;

    public RequestLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void record(Call call, int status) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(new SeenRequest(
                nextSequence++,
                call.server(),
                call.method(),
                call.path(),
                call.rawQuery(),
                call.header("Authorization"),
                call.header("X-Session-API-Key"),
                status));
    }

    /** The sequence number the next request will get: pass it to {@link #since(long)} later. */
    public synchronized long mark() {
        return nextSequence;
    }

    /** Requests recorded at or after {@code mark}, oldest first (as far as the log still holds them). */
    public synchronized List<SeenRequest> since(long mark) {
        List<SeenRequest> out = new ArrayList<>();
        for (SeenRequest entry : entries) {
            if (entry.sequence() >= mark) {
                out.add(entry);
            }
        }
        return out;
    }

    public synchronized List<SeenRequest> all() {
        return List.copyOf(entries);
    }

    /** Everything recorded so far, including entries that have fallen out of the log. */
    public synchronized long total() {
        return nextSequence;
    }

    public synchronized void clear() {
        entries.clear();
    }
}

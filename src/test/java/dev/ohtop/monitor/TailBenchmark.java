package dev.ohtop.monitor;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Prints what one event tail holding 100,000 events costs, against the design's budgets
 * (under 200 MB heap, a frame in under 10 ms, a filter change in under 100 ms). Not a test:
 * timings on a shared machine are not pass/fail material. Run it with
 * {@code java -cp target/classes:target/test-classes:<deps> dev.ohtop.monitor.TailBenchmark [events] [raw bytes]}.
 */
public final class TailBenchmark {
    private static final int FRAME_ROWS = 50;

    private TailBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int padding = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        ListFeed feed = new ListFeed().add(events, padding);
        long feedHeap = usedHeap();

        EventTail tail = new EventTail("bench", feed, Clock.systemUTC(),
                EventTail.Settings.defaults().withCapacity(events).withMaxPagesPerPoll(Integer.MAX_VALUE));
        long t0 = System.nanoTime();
        tail.poll();
        long ingest = System.nanoTime() - t0;
        feed.events.clear();
        System.gc();
        long tailHeap = usedHeap();
        System.out.printf("events held            %,d (raw JSON about %d bytes each)%n", tail.snapshot().size(),
                tail.snapshot().get(0).raw().size());
        System.out.printf("ingest                 %,d ms (%,.1f us per event)%n", ingest / 1_000_000,
                ingest / 1000.0 / events);
        System.out.printf("heap with the tail     %,d MB (feed alone was %,d MB)%n", tailHeap >> 20, feedHeap >> 20);

        long[] snapshot = new long[1000];
        for (int i = 0; i < snapshot.length; i++) {
            long s = System.nanoTime();
            tail.snapshot();
            snapshot[i] = System.nanoTime() - s;
        }
        System.out.printf("snapshot()             %,d ns median%n", median(snapshot));

        TailSnapshot s = tail.snapshot();
        List<TailFilter> filters = List.of(TailFilter.ALL, TailFilter.ALL.toggleKind("ActionEvent"),
                TailFilter.ALL.toggleErrorsOnly(), TailFilter.ALL.withText("needle"),
                TailFilter.ALL.toggleSource("environment").withText("message 9"));
        long[] change = new long[filters.size() * 10];
        TailView view = null;
        for (int i = 0; i < change.length; i++) {
            long t = System.nanoTime();
            view = s.view(filters.get(i % filters.size()));
            change[i] = System.nanoTime() - t;
        }
        System.out.printf("filter change          %,.1f ms median, %,.1f ms worst (of %d)%n", median(change) / 1e6,
                Arrays.stream(change).max().orElse(0) / 1e6, change.length);

        TailView all = s.view(TailFilter.ALL);
        long[] frame = new long[1000];
        long sink = 0;
        for (int i = 0; i < frame.length; i++) {
            long t = System.nanoTime();
            int top = (i * 97) % (all.size() - FRAME_ROWS);
            for (int r = top; r < top + FRAME_ROWS; r++) {
                TailEvent e = all.row(r);
                sink += e.summary().length() + e.kind().length() + (e.at() == null ? 0 : 1);
            }
            frame[i] = System.nanoTime() - t;
        }
        System.out.printf("rows of one frame (%d)  %,d us median (sink %d)%n", FRAME_ROWS, median(frame) / 1000,
                sink % 10 + (view == null ? 0 : 0));
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

package dev.ohtop.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.bench.Figure;
import dev.ohtop.bench.Measurement;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.Tails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one event tail holding 100,000 events costs: the time to fetch them all from the demo
 * server, the heap they take, the time to draw one frame of the events screen and to apply a kind
 * filter. The screen is the product's own (App, EventsView) on an in-memory terminal, so a frame's
 * time is ohtop's work without the terminal's.
 */
public final class TailBench implements Measurement {
    private static final int EVENTS = 100_000;
    private static final TerminalSize SIZE = new TerminalSize(120, 40); // as the process figures

    @Override
    public String name() {
        return "tail";
    }

    public static void main(String[] args) throws Exception {
        new TailBench().run().forEach(f -> System.out.println(f.what() + ": " + f.value() + "  [" + f.budget() + "]"));
    }

    @Override
    public List<Figure> run() throws Exception {
        try (LongTail world = LongTail.withHistory(EVENTS)) { // the world stands still: the figures are the tail's
            long heapBefore = usedHeapAfterGc();
            EventTail tail = world.newTail(EVENTS);
            long start = System.nanoTime();
            Tails.pollUntilCaughtUp(tail, 2);
            double ingestSeconds = (System.nanoTime() - start) / 1e9;
            int held = tail.snapshot().size();
            long heapMb = (usedHeapAfterGc() - heapBefore) >> 20;

            world.open(tail, SIZE);
            long[] frames = timeSteps(world.app(), 300, i -> world.key(i % 2 == 0 ? Action.PAGE_UP : Action.UP));
            long[] filters = timeSteps(world.app(), 20, i -> world.key(Action.TOGGLE_ACTIONS));

            List<Figure> figures = new ArrayList<>();
            figures.add(new Figure(
                    "tail of 100,000 events: heap",
                    String.format(Locale.ROOT, "%d MB (%,d events held)", heapMb, held),
                    "under 200 MB",
                    heapMb < 200 && held == EVENTS));
            figures.add(new Figure(
                    "tail of 100,000 events: one frame", millis(frames), "under 10 ms", median(frames) < 10_000_000L));
            figures.add(new Figure(
                    "tail of 100,000 events: a kind filter applied",
                    millis(filters),
                    "under 100 ms",
                    median(filters) < 100_000_000L));
            figures.add(Figure.context(
                    "tail of 100,000 events: ingest from the server",
                    String.format(
                            Locale.ROOT,
                            "%.1f s (%,.0f events/s, pages of 100, two polls; the app spreads them at 3 pages per poll)",
                            ingestSeconds,
                            held / ingestSeconds)));
            return figures;
        }
    }

    private interface KeyAt {
        KeyStroke at(int i);
    }

    /** Presses a key and times the turn that handles it and draws the frame, {@code n} times. */
    private static long[] timeSteps(App app, int n, KeyAt keys) throws Exception {
        for (int i = 0; i < 20; i++) { // warm up the code paths
            app.press(keys.at(i));
            app.step(Duration.ZERO);
        }
        long[] took = new long[n];
        for (int i = 0; i < n; i++) {
            app.press(keys.at(i));
            long start = System.nanoTime();
            app.step(Duration.ZERO);
            took[i] = System.nanoTime() - start;
        }
        return took;
    }

    private static String millis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "%.2f ms median, %.2f ms p95 (of %d)",
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.95)] / 1e6,
                sorted.length);
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}

package dev.ohtop.bench;

import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.SeenRequest;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figures of ohtop as a whole process, started with {@code ./run.sh} in a real terminal
 * against the embedded demo server (already up): launch to the first complete frame, idle CPU,
 * terminal bytes and requests per refresh when nothing changed.
 */
final class ProcessBench implements Measurement {
    private static final Duration REFRESH = Duration.ofSeconds(3);
    private static final int LAUNCHES = 5;
    /** Start-up is not idle: its class loading and compiling are left out of the idle figure. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final Path repo;
    private final Duration idleWindow;

    ProcessBench(Path repo, Duration idleWindow) {
        this.repo = repo;
        this.idleWindow = idleWindow;
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public List<Figure> run() throws Exception {
        List<Figure> figures = new ArrayList<>();
        figures.add(launch());
        figures.add(idleCpu());
        figures.addAll(idleRefreshes());
        return figures;
    }

    /** Median of several launches; the first one, which may still find a cold disk cache, is not counted. */
    private Figure launch() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            long[] millis = new long[LAUNCHES];
            for (int i = -1; i < LAUNCHES; i++) {
                Path state = Files.createTempDirectory("ohtop-bench-launch-");
                try (SpawnedOhtop ohtop = SpawnedOhtop.start(repo, demo.appServerUrl(), demo.apiKey(), state)) {
                    long took = ohtop.launchMillis(Duration.ofSeconds(30));
                    if (i >= 0) {
                        millis[i] = took;
                    }
                }
            }
            Arrays.sort(millis);
            long median = millis[LAUNCHES / 2];
            return new Figure(
                    "launch to first drawn frame",
                    String.format(
                            Locale.ROOT,
                            "%.2f s median of %d (%.2f to %.2f s; the list of 30 conversations drawn)",
                            median / 1000.0,
                            LAUNCHES,
                            millis[0] / 1000.0,
                            millis[LAUNCHES - 1] / 1000.0),
                    "under 0.5 s median",
                    median < 500);
        }
    }

    /** Watching 100 conversations that keep changing (the demo's live world), no key pressed. */
    private Figure idleCpu() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withConversationCount(100))) {
            Path state = Files.createTempDirectory("ohtop-bench-idle-");
            try (SpawnedOhtop ohtop = SpawnedOhtop.start(repo, demo.appServerUrl(), demo.apiKey(), state)) {
                ohtop.launchMillis(Duration.ofSeconds(30));
                Thread.sleep(SETTLE.toMillis()); // past start-up's class loading and JIT
                Duration before = ohtop.cpuTime();
                Thread.sleep(idleWindow.toMillis());
                Duration used = ohtop.cpuTime().minus(before);
                double percent = 100.0 * used.toMillis() / idleWindow.toMillis();
                return new Figure(
                        "idle CPU, 100 conversations at a 3 s refresh",
                        String.format(
                                Locale.ROOT,
                                "%.2f%% of one core (%d ms of CPU in %d s, from %d s after the first frame)",
                                percent,
                                used.toMillis(),
                                idleWindow.toSeconds(),
                                SETTLE.toSeconds()),
                        "under 1% of a core",
                        percent < 1.0);
            }
        }
    }

    /**
     * A world that stands still, so that nothing changes between refreshes: the bytes ohtop
     * writes to its terminal and the requests it sends per refresh, on the list and then with one
     * conversation's events open.
     */
    private List<Figure> idleRefreshes() throws Exception {
        List<Figure> figures = new ArrayList<>();
        ManualClock still = ManualClock.atDemoStart();
        DemoProxy proxy = new DemoProxy();
        try (DemoServer demo =
                proxy.startDemo(DemoConfig.defaults().withClock(still).withConversationCount(100))) {
            Path state = Files.createTempDirectory("ohtop-bench-still-");
            try (SpawnedOhtop ohtop = SpawnedOhtop.start(repo, demo.appServerUrl(), demo.apiKey(), state)) {
                ohtop.launchMillis(Duration.ofSeconds(30));
                Thread.sleep(REFRESH.toMillis() + 1_000);
                Window list = watch(ohtop, proxy);
                figures.add(bytes("the list", list));
                int listRequests = list.perRefresh(r -> true);
                figures.add(new Figure(
                        "requests per refresh, nothing changed: the list of 100",
                        String.format(Locale.ROOT, "%d (%s)", listRequests, list.routes()),
                        "at most 3 for the list",
                        listRequests <= 3));

                ohtop.type("Enter"); // the events of the selected conversation
                ohtop.awaitScreen("events of", true, Duration.ofSeconds(10));
                // Its history fills in a few pages a refresh; idle means after that.
                ohtop.awaitScreen("loading older events", false, Duration.ofMinutes(2));
                Thread.sleep(REFRESH.toMillis() + 1_000);
                Window tail = watch(ohtop, proxy);
                figures.add(bytes("the events screen", tail));
                int tailRequests = tail.perRefresh(r -> r.path().contains("/events/"));
                figures.add(new Figure(
                        "requests per refresh, nothing changed: one open tail",
                        String.format(Locale.ROOT, "%d for the tail (all: %s)", tailRequests, tail.routes()),
                        "1 per open tail",
                        tailRequests <= 1));
            }
        }
        return figures;
    }

    private Figure bytes(String screen, Window window) {
        double perRefresh = window.bytes() / (double) window.refreshes();
        return new Figure(
                "terminal bytes per refresh, nothing changed: " + screen,
                String.format(Locale.ROOT, "%.0f bytes (%d in %d s)", perRefresh, window.bytes(), window.seconds()),
                "under 100",
                perRefresh < 100);
    }

    private Window watch(SpawnedOhtop ohtop, DemoProxy proxy) throws IOException, InterruptedException {
        long bytesBefore = ohtop.terminalBytes();
        long mark = proxy.requests().mark();
        Thread.sleep(idleWindowForRefreshes().toMillis());
        return new Window(ohtop.terminalBytes() - bytesBefore, proxy.requests().since(mark), idleWindowForRefreshes());
    }

    /** Ten refreshes, or fewer in a quick run. */
    private Duration idleWindowForRefreshes() {
        long refreshes = Math.max(3, Math.min(10, idleWindow.dividedBy(REFRESH) / 2));
        return REFRESH.multipliedBy(refreshes);
    }

    private record Window(long bytes, List<SeenRequest> requests, Duration length) {
        long refreshes() {
            return length.dividedBy(REFRESH);
        }

        long seconds() {
            return length.toSeconds();
        }

        int perRefresh(java.util.function.Predicate<SeenRequest> which) {
            return (int) Math.round(requests.stream().filter(which).count() / (double) refreshes());
        }

        /** "GET /api/v1/app-conversations/search: 10, ..." over the window. */
        String routes() {
            Map<String, Long> byRoute = requests.stream()
                    .collect(Collectors.groupingBy(SeenRequest::route, TreeMap::new, Collectors.counting()));
            return byRoute.entrySet().stream()
                            .map(e -> e.getKey() + " x" + e.getValue())
                            .collect(Collectors.joining(", "))
                    + " in " + refreshes() + " refreshes";
        }
    }
}

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
    /** The events screen's own classes and compiling, after its history has filled in. */
    private static final Duration TAIL_SETTLE = Duration.ofSeconds(15);

    private final Path repo;
    private final Duration idleWindow;

    private final boolean idleOnly;

    private ProcessBench(Path repo, Duration idleWindow, boolean idleOnly) {
        this.repo = repo;
        this.idleWindow = idleWindow;
        this.idleOnly = idleOnly;
    }

    /** Every figure of the process. */
    static ProcessBench all(Path repo, Duration idleWindow) {
        return new ProcessBench(repo, idleWindow, false);
    }

    /** The idle CPU figures alone ({@code ./run.sh --bench idle}), a few minutes shorter. */
    static ProcessBench idleOnly(Path repo, Duration idleWindow) {
        return new ProcessBench(repo, idleWindow, true);
    }

    @Override
    public String name() {
        return idleOnly ? "idle" : "process";
    }

    @Override
    public List<Figure> run() throws Exception {
        if (idleOnly) {
            return idleCpu();
        }
        List<Figure> figures = new ArrayList<>();
        figures.add(launch());
        figures.addAll(idleCpu());
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

    /**
     * Watching 100 conversations that keep changing (the demo's live world), no key pressed; then
     * the same with one conversation's events open (the demo's newest, so its tail keeps growing).
     * The demo server runs in this JVM, ohtop in its own (./run.sh): the figures are ohtop's alone.
     */
    private List<Figure> idleCpu() throws Exception {
        List<Figure> figures = new ArrayList<>();
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withConversationCount(100))) {
            Path state = Files.createTempDirectory("ohtop-bench-idle-");
            try (SpawnedOhtop ohtop = SpawnedOhtop.start(repo, demo.appServerUrl(), demo.apiKey(), state)) {
                ohtop.launchMillis(Duration.ofSeconds(30));
                Thread.sleep(SETTLE.toMillis()); // past start-up's class loading and JIT
                figures.addAll(idleCpu(ohtop, "100 conversations at a 3 s refresh", ""));

                ohtop.type("Enter"); // the events of the selected conversation
                ohtop.awaitScreen("events of", true, Duration.ofSeconds(10));
                ohtop.awaitScreen("loading older events", false, Duration.ofMinutes(2));
                Thread.sleep(TAIL_SETTLE.toMillis()); // the events screen's first compiling
                String tail = tailMode(ohtop.screen());
                figures.addAll(idleCpu(
                        ohtop,
                        "100 conversations and one open " + tail + " tail",
                        " (the tail " + (tail.equals("live") ? "on its socket" : "polled every 3 s") + ")"));
            }
        }
        return figures;
    }

    /**
     * How the open tail follows its conversation, as the end of its filter line (the screen's third
     * row) says: "live" once events come over the agent server's socket, "polling" before (or when
     * the socket cannot be had).
     */
    private static String tailMode(String screen) {
        String filterLine = screen.lines().skip(2).findFirst().orElse("");
        return filterLine.stripTrailing().endsWith(" live") ? "live" : "polling";
    }

    /** ohtop's CPU over one idle window, and the threads that used it. */
    private List<Figure> idleCpu(SpawnedOhtop ohtop, String scenario, String note)
            throws IOException, InterruptedException {
        Duration before = ohtop.cpuTime();
        Map<String, Duration> threadsBefore = ohtop.cpuTimeByThread();
        Thread.sleep(idleWindow.toMillis());
        Duration used = ohtop.cpuTime().minus(before);
        Map<String, Duration> threadsUsed = ohtop.cpuTimeByThread();
        threadsUsed.replaceAll((name, now) -> now.minus(threadsBefore.getOrDefault(name, Duration.ZERO)));
        double percent = percentOfWindow(used);
        return List.of(
                new Figure(
                        "idle CPU, " + scenario,
                        String.format(
                                Locale.ROOT,
                                "%.2f%% of one core (%d ms of CPU in %d s, from %d s after the screen was up)%s",
                                percent,
                                used.toMillis(),
                                idleWindow.toSeconds(),
                                (scenario.contains("tail") ? TAIL_SETTLE : SETTLE).toSeconds(),
                                note),
                        "under 0.5% of a core",
                        percent < 0.5),
                Figure.context("  by thread", byThread(threadsUsed, used)));
    }

    /**
     * "UI 0.30%, ohtop-poller 0.20%, ...": the threads that used at least 0.01% of a core, most
     * first; the JVM's main thread is ohtop's UI thread. What threads that ended used is "ended".
     */
    private String byThread(Map<String, Duration> used, Duration total) {
        Duration alive = used.values().stream().reduce(Duration.ZERO, Duration::plus);
        Map<String, Duration> shown = new TreeMap<>(used);
        if (total.compareTo(alive) > 0) {
            shown.put("ended", total.minus(alive));
        }
        return shown.entrySet().stream()
                .filter(e -> percentOfWindow(e.getValue()) >= 0.01)
                .sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
                .map(e -> String.format(
                        Locale.ROOT,
                        "%s %.2f%%",
                        e.getKey().equals("java") ? "UI (main)" : e.getKey(),
                        percentOfWindow(e.getValue())))
                .collect(Collectors.joining(", "));
    }

    private double percentOfWindow(Duration used) {
        return 100.0 * used.toMillis() / idleWindow.toMillis();
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

package dev.ohtop.bench;

import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.ConversationQuery;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.monitor.SandboxAccess;
import dev.ohtop.monitor.Transfer;
import dev.ohtop.monitor.TransferSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

/**
 * Upload and download of a large file through the product's own transfer path ({@link Transfer}
 * over {@link SandboxAccess}) against the embedded demo server, beside curl doing the same to the
 * same server in the same run, and the heap's growth while ohtop transfers.
 *
 * <p>The demo server runs in this JVM, so the heap figure covers its side of each transfer too:
 * an upper bound on ohtop's own.
 */
public final class TransferBench implements Measurement {
    private static final long DEFAULT_BYTES = 1L << 30;
    private static final int ROUNDS = 3;
    private static final double BUDGET_RATIO = 0.8;
    private static final long FLAT_MB = 64;
    private static final int BLOCK = 1 << 20;
    private static final long TRANSFER_TIMEOUT_MINUTES = 5;

    private final long bytes;

    public TransferBench() {
        this(Long.getLong("ohtop.bench.transferBytes", DEFAULT_BYTES));
    }

    public TransferBench(long bytes) {
        this.bytes = bytes;
    }

    @Override
    public String name() {
        return "transfer";
    }

    @Override
    public List<Figure> run() throws Exception {
        Path dir = Files.createTempDirectory("ohtop-bench-transfer-");
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ohtop-bench-transfer");
            t.setDaemon(true);
            return t;
        });
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path original = dir.resolve("original.bin");
            long sum = writeRandomFile(original, bytes);
            return measure(demo, worker, dir, original, sum);
        } finally {
            worker.shutdownNow();
            deleteTree(dir);
        }
    }

    private List<Figure> measure(DemoServer demo, ExecutorService worker, Path dir, Path original, long sum)
            throws Exception {
        ClientOptions options = ClientOptions.defaults();
        HttpClient http = HttpCore.newHttpClient(options);
        CloudClient cloud = new CloudClient(http, demo.appServerUrl(), Credential.bearer(demo.apiKey()), options);
        AppConversation conversation = runningConversation(cloud);
        SandboxAccess access = new SandboxAccess(cloud, conversation.id(), http, options);
        AgentEndpoint endpoint = endpoint(access);
        Path sandboxRoot = demo.sandboxRoot(conversation.sandboxId());
        String remote = DemoServer.SANDBOX_FOLDER + "/ohtop-bench.bin";
        Curl curl = new Curl(endpoint);

        List<Double> ohtopUp = new ArrayList<>();
        List<Double> ohtopDown = new ArrayList<>();
        List<Double> curlUp = new ArrayList<>();
        List<Double> curlDown = new ArrayList<>();
        long[] peakGrowth = {0, 0};
        // Rounds interleave ohtop and curl, so that neither gains from a warmer cache or a quieter machine.
        for (int round = 0; round < ROUNDS; round++) {
            HeapSampler up = HeapSampler.start();
            ohtopUp.add(timed(
                    () -> await(Transfer.upload(access, original, remote, worker, Clock.systemUTC(), onFinish()))));
            keepMax(peakGrowth, up.stop());
            verify(sandboxRoot.resolve(remote.substring(1)), sum, "ohtop upload");

            Path down = dir.resolve("ohtop-down-" + round + ".bin");
            HeapSampler dl = HeapSampler.start();
            ohtopDown.add(
                    timed(() -> await(Transfer.download(access, remote, down, worker, Clock.systemUTC(), onFinish()))));
            keepMax(peakGrowth, dl.stop());
            verify(down, sum, "ohtop download");
            Files.delete(down);

            curlUp.add(timed(() -> curl.upload(original, remote)));
            verify(sandboxRoot.resolve(remote.substring(1)), sum, "curl upload");
            Path curlDownFile = dir.resolve("curl-down-" + round + ".bin");
            curlDown.add(timed(() -> curl.download(remote, curlDownFile)));
            verify(curlDownFile, sum, "curl download");
            Files.delete(curlDownFile);
        }
        Files.deleteIfExists(sandboxRoot.resolve(remote.substring(1)));

        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.context(
                "transfer file",
                mib(bytes) + " of random bytes, loopback, best of " + ROUNDS
                        + " runs each, ohtop and curl interleaved"));
        figures.add(speedFigure("download " + mib(bytes), best(ohtopDown), best(curlDown)));
        figures.add(speedFigure("upload " + mib(bytes), best(ohtopUp), best(curlUp)));
        figures.add(new Figure(
                "peak heap growth during transfers",
                "+" + peakGrowth[1] + " MB outside eden (+" + peakGrowth[0]
                        + " MB whole heap, short-lived buffers included)",
                "flat (under " + FLAT_MB + " MB outside eden over the heap before, sampled every 20 ms;"
                        + " the in-process demo server included)",
                peakGrowth[1] < FLAT_MB));
        figures.add(Figure.context(
                "all runs (s)",
                "ohtop up " + seconds(ohtopUp) + ", down " + seconds(ohtopDown) + "; curl up " + seconds(curlUp)
                        + ", down " + seconds(curlDown)));
        return figures;
    }

    private static void keepMax(long[] held, long[] seen) {
        for (int i = 0; i < held.length; i++) {
            held[i] = Math.max(held[i], seen[i]);
        }
    }

    private Figure speedFigure(String what, double ohtopSeconds, double curlSeconds) {
        double ohtop = bytes / ohtopSeconds / 1e6;
        double curl = bytes / curlSeconds / 1e6;
        double ratio = ohtop / curl;
        String value = String.format("%.0f MB/s (curl %.0f MB/s, %.0f%%)", ohtop, curl, ratio * 100);
        return new Figure(what, value, "at least 80% of curl", ratio >= BUDGET_RATIO);
    }

    // ---- the product's path ---------------------------------------------------------------

    private static AppConversation runningConversation(CloudClient cloud) throws IOException {
        return cloud.searchConversations(ConversationQuery.all(), null, CloudClient.MAX_LIMIT).items().stream()
                .filter(c -> "RUNNING".equals(c.sandboxStatus()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo has no conversation with a running sandbox"));
    }

    private static AgentEndpoint endpoint(SandboxAccess access) throws IOException {
        AgentServerLocation where = access.locate();
        if (where instanceof AgentServerLocation.Available available) {
            return available.endpoint();
        }
        throw new IllegalStateException("agent server not available: " + where);
    }

    /** Transfers report every change here; the one waited for is the end. */
    private final AtomicReference<Runnable> finishHook = new AtomicReference<>();

    private Runnable onFinish() {
        return () -> {
            Runnable hook = finishHook.get();
            if (hook != null) {
                hook.run();
            }
        };
    }

    private void await(Transfer transfer) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        finishHook.set(() -> {
            if (transfer.snapshot().finished()) {
                done.countDown();
            }
        });
        transfer.start();
        if (!done.await(TRANSFER_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            throw new IllegalStateException("transfer did not finish: " + transfer.snapshot());
        }
        TransferSnapshot end = transfer.snapshot();
        if (end.state() != Transfer.State.DONE) {
            throw new IllegalStateException("transfer ended " + end.state() + ": " + end);
        }
    }

    // ---- curl ---------------------------------------------------------------------------

    /** curl against the same agent server, with the same session key and the same multipart form. */
    private record Curl(AgentEndpoint endpoint) {
        void upload(Path file, String remote) throws Exception {
            // "Expect:" off: curl would otherwise wait for a 100 Continue before sending the body.
            run(
                    "-X",
                    "POST",
                    "-H",
                    "Expect:",
                    "-F",
                    "file=@" + file + ";type=application/octet-stream",
                    "-o",
                    "/dev/null",
                    url("/api/file/upload", remote));
        }

        void download(String remote, Path target) throws Exception {
            run("-o", target.toString(), url("/api/file/download", remote));
        }

        private String url(String route, String remote) {
            return endpoint.baseUrl() + route + "?path="
                    + java.net.URLEncoder.encode(remote, java.nio.charset.StandardCharsets.UTF_8);
        }

        private void run(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    "curl",
                    "-sS",
                    "--fail",
                    "-H",
                    endpoint.sessionKey().header() + ": "
                            + endpoint.sessionKey().headerValue()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("curl failed (" + p.exitValue() + "): " + out.strip());
            }
        }
    }

    // ---- heap -----------------------------------------------------------------------------

    /**
     * The heap's peak every 20 ms since start, in MB over the heap just after a GC: all of it, and
     * what has outlived a young collection (heap minus eden). The JDK's client and server allocate
     * a fresh buffer per socket read, so the whole heap rises by however much eden the collector
     * allows before it sweeps that garbage; a transfer that held on to its bytes would show in
     * the survivors and the old generation instead.
     */
    private static final class HeapSampler {
        private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
        private static final List<MemoryPoolMXBean> EDEN = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Eden"))
                .toList();
        private final long baseline;
        private final long baselineKept;
        private volatile long peak;
        private volatile long peakKept;
        private volatile boolean running = true;
        private final Thread thread;

        private HeapSampler() {
            System.gc();
            baseline = used();
            baselineKept = kept(baseline);
            peak = baseline;
            peakKept = baselineKept;
            thread = new Thread(this::sample, "ohtop-bench-heap");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.start();
            return sampler;
        }

        private void sample() {
            while (running) {
                long used = used();
                peak = Math.max(peak, used);
                peakKept = Math.max(peakKept, kept(used));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Stops sampling; {growth of the whole heap, growth of what outlived eden}, in MB. */
        long[] stop() throws InterruptedException {
            running = false;
            thread.join();
            return new long[] {
                Math.max(0, (peak - baseline) / 1_000_000), Math.max(0, (peakKept - baselineKept) / 1_000_000)
            };
        }

        private static long used() {
            return MEMORY.getHeapMemoryUsage().getUsed();
        }

        private static long kept(long used) {
            return used - EDEN.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        }
    }

    // ---- files ----------------------------------------------------------------------------

    /** Writes {@code size} bytes of random blocks, one block in memory at a time; returns their CRC32C. */
    private static long writeRandomFile(Path file, long size) throws IOException {
        Random random = new Random(6);
        byte[] block = new byte[BLOCK];
        CRC32C crc = new CRC32C();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(BLOCK, left);
                random.nextBytes(block);
                out.write(block, 0, n);
                crc.update(block, 0, n);
                left -= n;
            }
        }
        return crc.getValue();
    }

    private void verify(Path file, long expected, String what) throws IOException {
        long size = Files.size(file);
        if (size != bytes) {
            throw new IllegalStateException(what + ": " + size + " bytes, expected " + bytes);
        }
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[BLOCK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        if (crc.getValue() != expected) {
            throw new IllegalStateException(what + ": content differs from the original");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- numbers --------------------------------------------------------------------------

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private static double timed(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double best(List<Double> seconds) {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static String seconds(List<Double> all) {
        return String.join(" ", all.stream().map(s -> String.format("%.2f", s)).toList());
    }

    private static String mib(long bytes) {
        return bytes >= (1L << 30) && bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
    }

    public static void main(String[] args) throws Exception {
        for (Figure f : new TransferBench().run()) {
            String mark = !f.hasBudget() ? "   " : f.met() ? "ok " : "NO ";
            System.out.println(
                    mark + f.what() + ": " + f.value() + (f.hasBudget() ? "  [budget: " + f.budget() + "]" : ""));
        }
    }
}

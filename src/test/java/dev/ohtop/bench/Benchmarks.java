package dev.ohtop.bench;

import dev.ohtop.ui.LiveBench;
import dev.ohtop.ui.TailBench;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./run.sh --bench [part...]}: every budget of ../shared/design.md measured against the
 * embedded demo server, one line per figure with its budget beside it, and the same figures as
 * a Markdown table in {@code target/performance.md} (copied into docs/performance.md by hand
 * with the machine's description). Parts: process, tail, transfer, live, commands (all by
 * default: commands times {@code ohtop ls} beside the skill's Python client), and idle
 * (process's idle CPU figures alone);
 * {@code --quick} shortens the idle windows and the transfer size for a smoke run.
 */
public final class Benchmarks {
    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        List<String> asked =
                List.of(args).stream().filter(a -> !a.startsWith("--")).toList();
        if (quick && System.getProperty("ohtop.bench.transferBytes") == null) {
            System.setProperty("ohtop.bench.transferBytes", String.valueOf(64L << 20));
        }
        Path repo = Path.of("").toAbsolutePath();
        Duration idleWindow = quick ? Duration.ofSeconds(15) : Duration.ofSeconds(60);
        List<Measurement> parts = List.of(
                ProcessBench.all(repo, idleWindow),
                ProcessBench.idleOnly(repo, idleWindow),
                new TailBench(),
                new TransferBench(),
                new LiveBench(),
                new CommandsBench(repo, quick ? 5 : 15));
        List<Figure> all = new ArrayList<>();
        for (Measurement part : parts) {
            // "idle" is a part of "process", run alone only when asked for by name.
            if (asked.isEmpty() ? part.name().equals("idle") : !asked.contains(part.name())) {
                continue;
            }
            System.out.println("== " + part.name());
            for (Figure figure : part.run()) {
                System.out.println(line(figure));
                all.add(figure);
            }
        }
        Path report = Path.of("target", "performance.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, markdown(all, quick), StandardCharsets.UTF_8);
        long missed = all.stream().filter(f -> f.hasBudget() && !f.met()).count();
        System.out.println(missed == 0 ? "every budget met" : missed + " budget(s) missed");
        System.out.println("table: " + report.toAbsolutePath());
    }

    private static String line(Figure figure) {
        String mark = !figure.hasBudget() ? "  " : figure.met() ? "ok" : "MISS";
        return String.format(
                Locale.ROOT,
                "%-4s %-64s %s%s",
                mark,
                figure.what(),
                figure.value(),
                figure.hasBudget() ? "   [budget: " + figure.budget() + "]" : "");
    }

    private static String markdown(List<Figure> figures, boolean quick) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("Run on ")
                .append(LocalDate.now())
                .append(", ")
                .append(machine())
                .append(quick ? " (--quick)" : "")
                .append("\n\n| what | measured | budget | met |\n|---|---|---|---|\n");
        for (Figure f : figures) {
            out.append("| ")
                    .append(f.what())
                    .append(" | ")
                    .append(f.value())
                    .append(" | ")
                    .append(f.budget())
                    .append(" | ")
                    .append(!f.hasBudget() ? "" : f.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String machine() throws IOException {
        String cpu = "unknown CPU";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            cpu = Files.readAllLines(cpuinfo).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(cpu);
        }
        return String.format(
                Locale.ROOT,
                "%d cores (%s), %d MB RAM, Java %s, %s",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getTotalMemorySize()
                        >> 20,
                System.getProperty("java.version"),
                System.getProperty("os.name"));
    }
}

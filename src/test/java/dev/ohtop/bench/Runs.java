package dev.ohtop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The wall times, CPU times and peak memory of one program's runs, as medians and 90th percentiles. */
final class Runs {
    private final List<Double> wall = new ArrayList<>();
    private final List<Double> cpu = new ArrayList<>();
    private final List<Double> rssMb = new ArrayList<>();

    /**
     * @param usage GNU time's "user system maxKB" line, or null when not measured
     */
    void add(double wallSeconds, String usage) {
        wall.add(wallSeconds);
        if (usage != null) {
            List<String> lines = usage.strip().lines().toList();
            String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
            cpu.add(Double.parseDouble(f[0]) + Double.parseDouble(f[1]));
            rssMb.add(Long.parseLong(f[2]) / 1024.0);
        }
    }

    double wallMedian() {
        return quantile(wall, 0.5);
    }

    /** "wall 0.21 s median, 0.25 s p90; CPU 0.19 s, 0.22 s; peak RSS 36 MB, 37 MB". */
    String summary() {
        String text =
                String.format(Locale.ROOT, "wall %.3f s median, %.3f s p90", quantile(wall, 0.5), quantile(wall, 0.9));
        if (!cpu.isEmpty()) {
            text += String.format(
                    Locale.ROOT,
                    "; CPU %.2f s, %.2f s; peak RSS %.0f MB, %.0f MB",
                    quantile(cpu, 0.5),
                    quantile(cpu, 0.9),
                    quantile(rssMb, 0.5),
                    quantile(rssMb, 0.9));
        }
        return text;
    }

    String cpuRatio(Runs other) {
        return ratio(cpu, other.cpu);
    }

    String rssRatio(Runs other) {
        return ratio(rssMb, other.rssMb);
    }

    private static String ratio(List<Double> mine, List<Double> theirs) {
        if (mine.isEmpty() || theirs.isEmpty()) {
            return "not measured";
        }
        return String.format(Locale.ROOT, "%.2f", quantile(mine, 0.5) / quantile(theirs, 0.5));
    }

    /** The nearest-rank quantile: p90 of 5 runs is the slowest, of 15 the 14th. */
    static double quantile(List<Double> values, double q) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}

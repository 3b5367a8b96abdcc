package dev.ohtop.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes {@code target/reliability.md} from the suite's own run: every test tagged
 * {@code reliability} or {@code security}, grouped by class, with its result and what the user
 * saw (what a test published with {@code TestReporter.publishEntry("seen", ...)}). Registered
 * with the JUnit Platform through {@code META-INF/services}, so the README's test command makes it.
 *
 * <p>The committed {@code docs/reliability.md} is replaced only when asked for
 * ({@code -Dohtop.updateReports=true}) and only by a full run: a test run leaves the work tree as
 * it found it, and a partial run never replaces the whole report with a part of it.
 */
public final class ReliabilityReport implements TestExecutionListener {
    static final String SEEN = "seen";
    private static final List<String> TAGS = List.of("reliability", "security");
    /** A full run has far more classes than this; a -Dtest run has a few. */
    private static final int FULL_RUN_CLASSES = 40;
    /** The system property that asks for {@code docs/reliability.md} to be rewritten. */
    static final String UPDATE = "ohtop.updateReports";

    private record Row(String group, String groupTitle, String name, String result, String seen) {}

    private final Map<String, List<String>> seen = new ConcurrentHashMap<>();
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final List<Row> rows = java.util.Collections.synchronizedList(new ArrayList<>());
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), Instant.now());
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((key, value) -> {
            if (SEEN.equals(key)) {
                seen.computeIfAbsent(id.getUniqueId(), k -> new ArrayList<>()).add(value);
            }
        });
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest() && tagged(id)) {
            rows.add(row(id, "skipped: " + reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest() || !tagged(id)) {
            return;
        }
        Instant from = started.getOrDefault(id.getUniqueId(), Instant.now());
        String took = String.format(
                Locale.ROOT, "%.1f s", Duration.between(from, Instant.now()).toMillis() / 1000.0);
        String outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> "passed (" + took + ")";
            case ABORTED ->
                "aborted: " + result.getThrowable().map(Throwable::getMessage).orElse("");
            case FAILED ->
                "**FAILED**: "
                        + result.getThrowable()
                                .map(t -> firstLine(t.getMessage()))
                                .orElse("");
        };
        rows.add(row(id, outcome));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (rows.isEmpty()) {
            return;
        }
        String report = render();
        try {
            Path target = Path.of("target", "reliability.md");
            Files.createDirectories(target.getParent());
            Files.writeString(target, report, StandardCharsets.UTF_8);
            if (Boolean.getBoolean(UPDATE)
                    && classesIn(testPlan) >= FULL_RUN_CLASSES
                    && Files.isDirectory(Path.of("docs"))) {
                Files.writeString(Path.of("docs", "reliability.md"), report, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            System.err.println("reliability report not written: " + e.getMessage());
        }
    }

    private Row row(TestIdentifier id, String outcome) {
        TestIdentifier parent = plan.getParent(id).orElse(id);
        // A parameterised case sits under its method; the section is the class.
        while (parent.getSource()
                        .filter(org.junit.platform.engine.support.descriptor.ClassSource.class::isInstance)
                        .isEmpty()
                && plan.getParent(parent).isPresent()) {
            parent = plan.getParent(parent).get();
        }
        List<String> saw = seen.getOrDefault(id.getUniqueId(), List.of());
        return new Row(parent.getUniqueId(), parent.getDisplayName(), sentence(id), outcome, String.join(" / ", saw));
    }

    private static boolean tagged(TestIdentifier id) {
        return id.getTags().stream().map(TestTag::getName).anyMatch(TAGS::contains);
    }

    private long classesIn(TestPlan testPlan) {
        return testPlan.getRoots().stream()
                .flatMap(root -> testPlan.getChildren(root).stream())
                .count();
    }

    /** {@code aServerDownAtStartUpFillsInLater()} -> "a server down at start up fills in later". */
    static String sentence(TestIdentifier id) {
        String name = id.getDisplayName();
        int paren = name.indexOf('(');
        String method = paren < 0 ? name : name.substring(0, paren);
        if (!method.matches("[a-z][A-Za-z0-9]*")) {
            return name;
        }
        return method.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replaceAll("([A-Z])([A-Z][a-z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
    }

    private String render() {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        List<Row> all;
        synchronized (rows) {
            all = List.copyOf(rows);
        }
        all.forEach(r ->
                groups.computeIfAbsent(r.groupTitle(), k -> new ArrayList<>()).add(r));
        long failed =
                all.stream().filter(r -> r.result().startsWith("**FAILED")).count();
        StringBuilder out = new StringBuilder();
        out.append("# Reliability and security report\n\n")
                .append("Written by the test suite's own run (`")
                .append("./run.sh --test")
                .append("`, `src/test/java/dev/ohtop/reliability/ReliabilityReport.java`), not by hand. ")
                .append("Each row is one test tagged `reliability` or `security`; \"what the user saw\" is the text ")
                .append("the test read off the screen or out of the files it checked.\n\n")
                .append("Run: ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        Instant.now().atOffset(ZoneOffset.UTC).withNano(0)))
                .append(" UTC, ")
                .append(System.getProperty("os.name"))
                .append(' ')
                .append(System.getProperty("os.arch"))
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(System.getProperty("java.version"))
                .append(". ")
                .append(all.size())
                .append(" cases, ")
                .append(all.size() - failed)
                .append(" passed, ")
                .append(failed)
                .append(" failed.\n");
        groups.forEach((title, list) -> {
            out.append("\n## ").append(title).append("\n\n| case | result | what the user saw |\n|---|---|---|\n");
            for (Row r : list) {
                out.append("| ")
                        .append(cell(r.name()))
                        .append(" | ")
                        .append(cell(r.result()))
                        .append(" | ")
                        .append(r.seen().isEmpty() ? "" : "`" + cell(r.seen()).replace("`", "'") + "`")
                        .append(" |\n");
            }
        });
        return out.toString();
    }

    private static String cell(String text) {
        String one = text == null ? "" : text.replaceAll("[\\r\\n]+", " ").replace("|", "\\|");
        return one.length() > 300 ? one.substring(0, 299) + "…" : one;
    }

    private static String firstLine(String text) {
        return Optional.ofNullable(text)
                .map(t -> t.lines().findFirst().orElse(""))
                .orElse("");
    }
}

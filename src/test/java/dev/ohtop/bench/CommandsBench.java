package dev.ohtop.bench;

import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ohtop ls} beside the OpenHands Cloud API skill's own Python client doing the same list
 * ({@code openhands_api.py search-conversations --limit 50}), each a fresh process against the
 * same demo app server (in this JVM, 100 conversations), taking turns so that the machine's load
 * falls on all alike. ohtop runs twice over: as a user runs it ({@code ./run.sh}: bash, the
 * staleness check, then the JVM) and as the JVM alone with run.sh's options. Wall time is
 * measured here; CPU (user + system of the process and its children) and peak memory come from
 * GNU time ({@code /usr/bin/time}), or are left out without it.
 */
final class CommandsBench implements Measurement {
    private static final int LIMIT = 50;
    private static final Path TIME = Path.of("/usr/bin/time");

    private final Path repo;
    private final int runs;

    CommandsBench(Path repo, int runs) {
        this.repo = repo;
        this.runs = runs;
    }

    @Override
    public String name() {
        return "commands";
    }

    @Override
    public List<Figure> run() throws Exception {
        List<Figure> figures = new ArrayList<>();
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withConversationCount(100))) {
            String url = demo.appServerUrl().toString();
            Map<String, String> env = Map.of("OPENHANDS_CLOUD_API_KEY", demo.apiKey());
            Path state = Files.createTempDirectory("ohtop-bench-commands-");
            List<Subject> subjects = new ArrayList<>();
            subjects.add(new Subject("ohtop ls via ./run.sh", launcher(url), env, state));
            subjects.add(new Subject("ohtop ls, the JVM alone (run.sh's options)", jvmAlone(url), env, state));
            SkillClient peer = SkillClient.find(repo);
            if (peer.missing() == null) {
                subjects.add(new Subject(
                        "python openhands_api.py search-conversations", peer.command(url, LIMIT), env, state));
            }
            for (Subject subject : subjects) {
                subject.checkOnce(); // and the first, cold-cache run is not counted
            }
            for (int i = 0; i < runs; i++) {
                for (Subject subject : subjects) { // in turns: a burst of load hits all alike
                    subject.measure();
                }
            }
            figures.add(Figure.context(
                    "how",
                    runs + " runs each, in turns, --limit " + LIMIT + " of 100 demo conversations; "
                            + (Files.isExecutable(TIME)
                                    ? "CPU and peak RSS from GNU time"
                                    : "no /usr/bin/time: wall time only")));
            for (Subject subject : subjects) {
                figures.add(Figure.context(subject.name, subject.runs.summary()));
            }
            if (peer.missing() != null) {
                figures.add(Figure.context("python client", "not compared: " + peer.missing()));
            } else {
                Runs python = subjects.get(2).runs;
                figures.add(ratio("ohtop ls via ./run.sh / python client", subjects.get(0).runs, python));
                figures.add(ratio("ohtop ls, the JVM alone / python client", subjects.get(1).runs, python));
            }
        }
        return figures;
    }

    private static Figure ratio(String what, Runs ohtop, Runs python) {
        double ratio = ohtop.wallMedian() / python.wallMedian();
        return new Figure(
                "wall time ratio, median: " + what,
                String.format(
                        Locale.ROOT,
                        "%.2f (%.3f s / %.3f s; CPU %s, RSS %s)",
                        ratio,
                        ohtop.wallMedian(),
                        python.wallMedian(),
                        ohtop.cpuRatio(python),
                        ohtop.rssRatio(python)),
                "at most 1.0",
                ratio <= 1.0);
    }

    private List<String> launcher(String url) {
        return List.of(repo.resolve("run.sh").toString(), "ls", "--base-url", url, "--limit", String.valueOf(LIMIT));
    }

    /** run.sh's JVM options, as it passed them to this benchmark, and stdout told to be a pipe. */
    private List<String> jvmAlone(String url) {
        List<String> command = new ArrayList<>();
        command.add("java");
        String options = System.getProperty("ohtop.bench.javaOptions", "");
        options.lines().filter(line -> !line.isBlank()).forEach(command::add);
        command.addAll(List.of(
                "-Dohtop.stdout=pipe",
                "-jar",
                repo.resolve("target/ohtop.jar").toString(),
                "ls",
                "--base-url",
                url,
                "--limit",
                String.valueOf(LIMIT)));
        return command;
    }

    /** One program under test and its figures so far. */
    private static final class Subject {
        final String name;
        final List<String> command;
        final Map<String, String> env;
        final Path state;
        final Runs runs = new Runs();

        Subject(String name, List<String> command, Map<String, String> env, Path state) {
            this.name = name;
            this.command = command;
            this.env = env;
            this.state = state;
        }

        /** One run that must succeed and print the list; a benchmark of a failing command means nothing. */
        void checkOnce() throws IOException, InterruptedException {
            Path out = Files.createTempFile(state, "out-", ".txt");
            Path err = Files.createTempFile(state, "err-", ".txt");
            Process process = start(command, out, err);
            int exit = process.waitFor();
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            if (exit != 0 || printed.isBlank()) {
                throw new IllegalStateException(name + " failed (exit " + exit + "): "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
        }

        void measure() throws IOException, InterruptedException {
            Path usage = Files.createTempFile(state, "time-", ".txt");
            boolean timed = Files.isExecutable(TIME);
            List<String> full = new ArrayList<>();
            if (timed) {
                full.addAll(List.of(TIME.toString(), "-f", "%U %S %M", "-o", usage.toString()));
            }
            full.addAll(command);
            long start = System.nanoTime();
            Process process = start(full, null, null);
            int exit = process.waitFor();
            long wall = System.nanoTime() - start;
            if (exit != 0) {
                throw new IllegalStateException(name + " exited " + exit + " during the benchmark");
            }
            runs.add(wall / 1e9, timed ? Files.readString(usage, StandardCharsets.UTF_8) : null);
        }

        private Process start(List<String> full, Path out, Path err) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(
                            out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()))
                    .redirectError(
                            out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(err.toFile()));
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(k -> k.startsWith("OPENHANDS_") || k.startsWith("OH_"));
            environment.putAll(env);
            environment.put("XDG_STATE_HOME", state.toString());
            return builder.start();
        }
    }
}

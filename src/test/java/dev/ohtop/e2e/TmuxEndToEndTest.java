package dev.ohtop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.DemoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ohtop in a real terminal: a private tmux server, a plain {@code bash --norc} in a pane of a
 * fixed size, and keys typed as a user would. Each case checks what is on the screen, how the
 * program ended (its exit code, as the shell reports it), and that the terminal was given back
 * in cooked mode with echo ({@code stty -a} in the same shell afterwards).
 * <p>
 * Waits poll the pane with a bound and fail with the last screen; nothing sleeps blindly. tmux
 * is required: without it these tests fail (CI must run them); {@code -Dohtop.excludedGroups=e2e}
 * leaves them out on purpose.
 */
@Tag("e2e")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TmuxEndToEndTest {
    private static final Duration SHELL_START = Duration.ofSeconds(10);
    private static final Duration PROGRAM_START = Duration.ofSeconds(20);
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final Duration EXIT = Duration.ofSeconds(10);

    private static final String PROMPT = "e2e$";
    private static final String COMMAND = "ohtop --demo; echo EXIT=$?";
    /** ohtop with the test-only crash key ({@code ui/App}): F12 throws from its UI loop. */
    private static final String CRASHING_COMMAND = "ohtop-crashing --demo; echo EXIT=$?";

    private static final Pattern EXIT_LINE = Pattern.compile("^EXIT=(\\d+)$");
    /** Keys typed while the JVM winds down are echoed by the (restored) terminal before the shell prints EXIT=. */
    private static final Pattern EXIT_AT_END = Pattern.compile("EXIT=(\\d+)$");

    private static Path dir;
    private static Launcher launcher;
    private static Tmux tmux;
    private static int sessions;

    private Tmux.Pane pane;
    private Path stateDir;
    private final Map<String, Long> timings = new LinkedHashMap<>();

    @BeforeAll
    static void startTmux() throws Exception {
        dir = Files.createTempDirectory("ohtop-e2e");
        launcher = Launcher.fromTestClassPath();
        Path bin = launcher.writeScript(dir.resolve("bin")).getParent();
        launcher.writeScript(bin, "ohtop-crashing", "-Dohtop.crashOnKey=F12");
        Map<String, String> env = Tmux.shellEnvironment(bin, PROMPT);
        tmux = Tmux.create(dir, env);
    }

    @AfterAll
    static void stopTmux() throws IOException {
        if (tmux != null) {
            tmux.close();
        }
        if (launcher != null) {
            launcher.killLeftovers();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterEach
    void closePane() {
        if (pane != null) {
            pane.kill();
        }
        if (!timings.isEmpty()) {
            System.out.println("e2e timings: "
                    + timings.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue() + " ms")
                            .collect(Collectors.joining(", ")));
        }
    }

    // ---- the cases ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"120, 30", "80, 24"})
    void listOpenFilterDetailQuit(int columns, int rows) throws Exception {
        shell(columns, rows);
        start();

        // Lists conversations: the header, the column titles, a running conversation, the footer's quit key.
        Tmux.Screen list = pane.capture();
        List<String> lines = list.lines();
        assertTrue(
                lines.get(0).startsWith(" ohtop ") && lines.get(0).endsWith("›  conversations"),
                "header names the screen:\n" + list.framed());
        assertTrue(lines.get(1).matches(" \\d+ running / \\d+ total.*"), "counts:\n" + list.framed());
        assertTrue(lines.get(2).matches("  STATUS +SANDBOX +TITLE +.*COST +AGE.*"), "column titles:\n" + list.framed());
        assertTrue(lines.get(rows - 1).contains("q quit"), "the footer shows the quit key:\n" + list.framed());

        // Opens one: Enter on the selected (first, running) conversation.
        Tmux.Screen events = step("open", "Enter", "the events of a conversation", s -> {
            List<String> l = s.lines();
            return l.get(0).matches(" ohtop .*›  events of [0-9a-f]{8}\\s*")
                    && l.get(1).matches(".*\\b\\d+(/\\d+)? events +unmatched \\d+.*")
                    && l.get(2).startsWith(" ▼ following")
                    && s.anyLineMatches(eventRow("\\S+"));
        });
        assertTrue(
                events.lines().get(rows - 1).contains("k kinds"),
                "the footer shows the kinds key:\n" + events.framed());

        // Filters by kind: k opens the checklist of the kinds seen, Space unticks the first, Enter applies.
        Pattern counts = Pattern.compile("^ Choose kinds to show \\(([1-9]\\d*) of \\1 shown\\)$");
        Tmux.Screen checklist = step(
                "checklist",
                "k",
                "the kinds checklist",
                s -> s.contains("›  kinds to show")
                        && s.lines().stream().anyMatch(l -> counts.matcher(l).matches())
                        && s.anyLineMatches(" +\\[x\\] \\w+.*"));
        int kinds = checklist.lines().stream()
                .map(counts::matcher)
                .filter(Matcher::matches)
                .mapToInt(m -> Integer.parseInt(m.group(1)))
                .findFirst()
                .orElseThrow();
        // The first kind (under the cursor), named as the table names it, then in full when that differs.
        Pattern item = Pattern.compile(" +\\[x\\] (\\w+)(?: +(\\w+))?");
        Matcher first = checklist.lines().stream()
                .map(item::matcher)
                .filter(Matcher::matches)
                .findFirst()
                .orElseThrow();
        String label = first.group(1);
        String kind = first.group(2) != null ? first.group(2) : label;
        step(
                "untick",
                "Space",
                kind + " unticked",
                s -> s.anyLineMatches(" +\\[ \\] " + label + "( .*)?")
                        && s.contains("(" + (kinds - 1) + " of " + kinds + " shown)"));
        // One condition for the whole frame: a capture may catch the filter line drawn and the rows not yet.
        String hiddenLabel = "hidden kinds: " + shortKind(kind);
        step(
                "apply",
                "Enter",
                "the filter line to show " + kind + " hidden, no " + kind + " row left and rows of other kinds shown",
                s -> {
                    List<String> l = s.lines();
                    return l.get(0).contains("›  events of ")
                            && l.get(2).contains(hiddenLabel)
                            && !s.anyLineMatches(eventRow(Pattern.quote(shortKind(kind))))
                            && s.anyLineMatches(eventRow("\\S+"));
                });

        // Opens a detail: Enter on the selected (newest shown) event; its fields, then the raw JSON.
        Tmux.Screen detail = step("detail", "Enter", "the event detail", s -> {
            List<String> l = s.lines();
            return l.get(0).matches(" ohtop .*›  event \\S+\\s*")
                    && l.get(1).matches(" kind +\\w+")
                    && s.anyLineMatches(" id +\\S+")
                    && s.anyLineMatches(" time +\\d{4}-\\d\\d-\\d\\dT.*")
                    && s.anyLineMatches(" source +\\w+")
                    && s.anyLineMatches(" line 1/\\d+");
        });
        String detailKind = detail.lines().get(1).replaceAll(" kind +", "");
        assertNotEquals(kind, detailKind, "the selected event is one the filter shows");
        Tmux.Screen json = detail;
        for (int page = 0; page < 30 && !json.anyLineMatches(RAW_JSON); page++) {
            pane.keys("PageDown");
            String before = detailPosition(json);
            // The position line is drawn after the lines above it, so once it moved the page is whole.
            json = pane.await("the detail to scroll from " + before, STEP, s -> {
                String now = detailPosition(s);
                return now != null && !now.equals(before);
            });
        }
        assertTrue(json.anyLineMatches(RAW_JSON), "the raw JSON heading:\n" + json.framed());

        // Quits with the quit key.
        quitWith("quit", "q", 0);
        assertCookedWithEcho();
        assertLogClean();
    }

    /**
     * The sandbox console in a real terminal: a command typed into the selected (running)
     * conversation's console runs in its sandbox, and its output and exit code come back. The
     * README's checksum printed there is what the download below is compared with.
     */
    @Test
    void aCommandRunsInTheConsoleAndTheReadmeDownloadsIntact() throws Exception {
        shell(120, 30);
        start();

        step(
                "console",
                "b",
                "the console's prompt",
                s -> s.contains("›  console of ") && s.anyLineMatches(DemoServer.SANDBOX_FOLDER + " \\$ .*"));
        long t0 = System.nanoTime();
        pane.typeLine("echo from-the-sandbox; sha256sum README.md; exit 3");
        Tmux.Screen ran = pane.await(
                "the command's output and exit code",
                STEP,
                s -> s.anyLineMatches(" +from-the-sandbox") && s.anyLineMatches(". exit 3 in .*"));
        timings.put("command", millisSince(t0));
        String sandboxHash = ran.lines().stream()
                .map(README_HASH::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no checksum of README.md on screen:\n" + ran.framed()));

        // Back to the list, then the same README.md downloaded into a folder of this test's own.
        step(
                "leave the console",
                "Escape",
                "the conversations",
                s -> s.lines().get(0).contains("›  conversations"));
        Path downloads = Files.createDirectories(dir.resolve("downloads-" + sessions));
        step(
                "download form",
                "d",
                "the download form",
                s -> s.contains("›  download from ")
                        && s.contains("empty or relative: in " + DemoServer.SANDBOX_FOLDER + "/"));
        pane.keys("-l", "README.md");
        pane.keys("Tab", "C-u");
        pane.keys("-l", downloads.toString());
        step(
                "download",
                "Enter",
                "the download done",
                s -> s.anyLineMatches(" ✓ downloaded .* to "
                        + Pattern.quote(downloads.resolve("README.md").toString()) + " in .*"));
        byte[] local = Files.readAllBytes(downloads.resolve("README.md"));
        assertEquals(
                sandboxHash,
                java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(local)),
                "the downloaded README.md is the sandbox's, byte for byte");
        assertTrue(new String(local, StandardCharsets.UTF_8).startsWith("# Demo project"));
        try (Stream<Path> left = Files.list(downloads)) {
            assertEquals(
                    List.of(downloads.resolve("README.md")), left.toList(), "nothing but the file is left beside it");
        }
        step(
                "leave the transfer",
                "Escape",
                "the conversations",
                s -> s.lines().get(0).contains("›  conversations"));

        quitWith("quit", "q", 0);
        assertCookedWithEcho();
        assertLogClean();
    }

    /**
     * The demo's ports change every run; its console history does not: a command typed in one
     * demo run comes back with Up in the next (the same state folder, as for a user).
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // two starts of ohtop
    void theDemosConsoleHistoryCarriesFromOneRunToTheNext() throws Exception {
        shell(120, 30);
        start();
        step(
                "console",
                "b",
                "the console's prompt",
                s -> s.anyLineMatches(".*" + DemoServer.SANDBOX_FOLDER + " \\$ .*"));
        pane.typeLine("echo remembered-across-runs");
        pane.await("the command's output", STEP, s -> s.anyLineMatches(" +remembered-across-runs"));
        step(
                "leave the console",
                "Escape",
                "the conversations",
                s -> s.lines().get(0).contains("›  conversations"));
        quitWith("quit", "q", 0);
        pane.typeLine("clear");
        pane.await(
                "a clear shell",
                SHELL_START,
                s -> atPrompt(s) && s.lines().stream().noneMatch(l -> l.contains("EXIT=")));

        start();
        step(
                "console again",
                "b",
                "the console's prompt",
                s -> s.anyLineMatches(".*" + DemoServer.SANDBOX_FOLDER + " \\$ .*"));
        step(
                "recall",
                "Up",
                "the last run's command on the command line",
                s -> s.anyLineMatches(".*" + DemoServer.SANDBOX_FOLDER + " \\$ echo remembered-across-runs.*"));
        step(
                "leave the console",
                "Escape",
                "the conversations",
                s -> s.lines().get(0).contains("›  conversations"));
        quitWith("quit", "q", 0);
    }

    @Test
    void ctrlCQuitsCleanly() throws Exception {
        shell(120, 30);
        start();
        quitWith("Ctrl+C", "C-c", 0);
        assertCookedWithEcho();
        assertLogClean();
    }

    /**
     * Ctrl+Z would stop the JVM with its full screen up: the shell then prints on ohtop's screen,
     * and after {@code fg} ohtop runs on in cooked mode with echo. Ctrl+\\ would make the JVM print
     * a thread dump over the screen. Both must arrive as keys instead.
     */
    @Test
    void ctrlZCtrlBackslashAndCtrlSAreKeysNotSignals() throws Exception {
        shell(120, 30);
        start();
        pane.keys("C-s"); // flow control would freeze every frame after it until Ctrl+Q
        step("a key after Ctrl+S", "a", "the screen to go on drawing: running only", s -> s.contains("running only"));
        pane.keys("C-\\");
        Tmux.Screen said = step(
                "Ctrl+Z",
                "C-z",
                "ohtop to answer Ctrl+Z (or the shell to report it stopped)",
                s -> s.contains("does not suspend") || s.contains("Stopped") || s.contains("EXIT="));
        assertTrue(
                said.contains("does not suspend") && said.lines().get(0).contains("›  conversations"),
                "ohtop stays up and says Ctrl+Z does not suspend it:\n" + said.framed());
        assertFalse(
                said.contains("thread dump") || said.contains("os_prio="),
                "no thread dump on the screen:\n" + said.framed());
        quitWith("quit", "q", 0);
        assertCookedWithEcho();
        assertLogClean();
    }

    /**
     * Once the screen is gone the user sees their shell and types on: what they type must reach
     * the shell, not a read left blocked in ohtop while its JVM winds down (about 0.3 s).
     */
    @Test
    void keysTypedRightAfterQuittingReachTheShell() throws Exception {
        shell(80, 24);
        start();
        pane.keys("q");
        pane.await("the full screen to close", EXIT, s -> !s.contains("›"));
        pane.typeLine("echo TYPED_$((6*7))");
        Tmux.Screen after = pane.await(
                "the shell to run what was typed after quitting",
                EXIT,
                s -> s.anyLineMatches("TYPED_42") && atPrompt(s));
        assertEquals(0, exitCode(after), after.framed());
        assertCookedWithEcho();
    }

    /**
     * Every way ohtop is ended from outside (SIGTERM, SIGINT, SIGHUP, each sent to its process as
     * {@code kill} would), and a crash inside: each time the full screen is gone, the shell prints
     * the exit code right after the command line, and the terminal is back in cooked mode with echo.
     */
    @Nested
    @Tag("e2e")
    @Tag("reliability")
    @DisplayName("The terminal is given back on every way out")
    class TerminalRestore {
        @Test
        void sigtermEndsItAndGivesTheTerminalBack(TestReporter reporter) throws Exception {
            endsOnSignal("TERM", 143, reporter);
        }

        @Test
        void sigintEndsItAndGivesTheTerminalBack(TestReporter reporter) throws Exception {
            endsOnSignal("INT", 130, reporter);
        }

        @Test
        void sighupEndsItAndGivesTheTerminalBack(TestReporter reporter) throws Exception {
            endsOnSignal("HUP", 129, reporter);
        }

        /**
         * An exception thrown by the UI loop itself, past the guard around each screen: made with
         * the test-only {@code -Dohtop.crashOnKey=F12} (read by {@code ui/App}) and that key.
         * ohtop ends with exit code 1 and one line saying so, printed after the screen is gone.
         */
        @Test
        void anInternalErrorEndsItWithOneLineAndGivesTheTerminalBack(TestReporter reporter) throws Exception {
            shell(120, 30);
            start(CRASHING_COMMAND);

            long t0 = System.nanoTime();
            pane.keys("F12");
            pane.await("ohtop to end on its internal error and the shell to report it", EXIT, s -> backAtPrompt(s));
            timings.put("internal error to prompt", millisSince(t0));
            Tmux.Screen after = pane.captureWithHistory(50);
            Path log = stateDir.resolve("ohtop").resolve("ohtop.log");
            String said =
                    "ohtop: internal error: crash asked for with " + "-Dohtop.crashOnKey (details in " + log + ")";
            assertEquals(1, exitCode(after), "exit code after the internal error:\n" + after.framed());
            assertPrintedAround(after, CRASHING_COMMAND, List.of(said));
            assertTrue(launcher.running().isEmpty(), "no ohtop process is left: " + launcher.running());
            String stty = assertCookedWithEcho();
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(
                    text.contains(" ERROR ohtop stopped on an internal error\n    java.lang.IllegalStateException"),
                    "the log has the error and its stack trace:\n" + text);
            reporter.publishEntry("seen", said.replace(log.toString(), "…/ohtop.log") + " / EXIT=1 / " + stty);
        }

        private void endsOnSignal(String signal, int exit, TestReporter reporter) throws Exception {
            shell(120, 30);
            start(COMMAND);
            List<ProcessHandle> running = launcher.running();
            assertEquals(1, running.size(), "exactly one ohtop started by this test runs: " + running);
            ProcessHandle ohtop = running.get(0);

            long t0 = System.nanoTime();
            send(signal, ohtop);
            Tmux.Screen after = pane.await(
                    "ohtop to end on SIG" + signal + " and the shell to report it", EXIT, s -> backAtPrompt(s));
            timings.put("SIG" + signal + " to prompt", millisSince(t0));
            // The JVM runs its shutdown hooks (the terminal's restore among them), then exits with 128 + the signal.
            assertEquals(exit, exitCode(after), "exit code after SIG" + signal + ":\n" + after.framed());
            assertFalse(ohtop.isAlive(), "the process is gone");
            assertNothingPrintedAround(after);
            String stty = assertCookedWithEcho();
            assertLogClean();
            try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                String ours = "ohtop-demo-" + ohtop.pid() + "-";
                assertEquals(
                        List.of(),
                        temp.filter(p -> p.getFileName().toString().startsWith(ours))
                                .toList(),
                        "the demo's scratch folder is removed on SIG" + signal);
            }
            reporter.publishEntry("seen", "EXIT=" + exit + " / " + stty);
        }

        private void send(String signal, ProcessHandle process) throws Exception {
            Process kill = new ProcessBuilder("kill", "-s", signal, String.valueOf(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -s " + signal + ": " + said);
        }
    }

    /**
     * The terminal hangs up (an SSH connection drops) while SIGHUP is ignored, as under nohup, and
     * on a screen where nothing changes, so no write fails: ohtop must still notice and end
     * rather than poll Cloud forever from a terminal nobody can see.
     */
    @Test
    void aHungUpTerminalEndsItEvenWithSighupIgnored() throws Exception {
        shell(80, 24);
        pane.typeLine("(trap '' HUP; exec ohtop --demo)");
        pane.await(
                "the conversations list", PROGRAM_START, s -> s.lines().get(0).contains("›  conversations"));
        pane.keys("?");
        pane.await("the help screen", STEP, s -> s.lines().get(0).contains("›  help ("));
        List<ProcessHandle> running = launcher.running();
        assertEquals(1, running.size(), "exactly one ohtop started by this test runs: " + running);

        long t0 = System.nanoTime();
        pane.kill();
        pane = null;
        boolean ended = running.get(0)
                .onExit()
                .thenApply(p -> true)
                .completeOnTimeout(false, EXIT.toMillis(), TimeUnit.MILLISECONDS)
                .get();
        timings.put("hang-up to exit", millisSince(t0));
        assertTrue(ended, "ohtop ended within " + EXIT.toSeconds() + " s of its terminal hanging up");
        String log = Files.readString(stateDir.resolve("ohtop").resolve("ohtop.log"));
        assertFalse(log.contains("internal error"), "a hang-up is not logged as a bug:\n" + log);
    }

    @Test
    void withOutputPipedItRefusesAndSaysWhy() throws Exception {
        shell(80, 24);
        pane.typeLine("ohtop --demo | cat; echo EXIT=${PIPESTATUS[0]}");
        pane.await("ohtop to refuse a piped stdout", PROGRAM_START, this::backAtPrompt);
        Tmux.Screen after = pane.captureWithHistory(50);
        assertEquals(2, exitCode(after), after.framed());
        assertTrue(after.anyLineMatches("ohtop: .*interactive terminal.*--list.*"), after.framed());
        assertCookedWithEcho();
    }

    // ---- steps ----------------------------------------------------------------------------

    private static final Pattern README_HASH = Pattern.compile(" +([0-9a-f]{64})  README\\.md\\s*");

    private static final String RAW_JSON = " ── raw JSON \\(\\d+ bytes\\) ──";

    /** The detail's position line, {@code line 12/35}, or null. */
    private static String detailPosition(Tmux.Screen s) {
        return s.lines().stream()
                .filter(l -> l.matches(" line \\d+/\\d+"))
                .findFirst()
                .orElse(null);
    }

    /** A row of the events table whose kind column matches {@code kind}. */
    private static String eventRow(String kind) {
        return ". \\d\\d:\\d\\d:\\d\\d \\S+ +" + kind + "( .*)?";
    }

    /** The events table's short kind name: {@code ConversationStateUpdateEvent} -> {@code StateUpdate}. */
    private static String shortKind(String kind) {
        String k = kind.startsWith("Conversation") && kind.length() > "ConversationEvent".length()
                ? kind.substring("Conversation".length())
                : kind;
        return k.endsWith("Event") && k.length() > "Event".length() ? k.substring(0, k.length() - "Event".length()) : k;
    }

    /** A fresh pane with a plain bash at its prompt; the repository root is its directory. */
    private void shell(int columns, int rows) throws Exception {
        stateDir = dir.resolve("state-" + (++sessions));
        Files.createDirectories(stateDir);
        Path repo = Path.of("").toAbsolutePath();
        assertTrue(Files.isRegularFile(repo.resolve("run.sh")), "the tests run from the repository root: " + repo);
        pane = tmux.session(
                "s" + sessions,
                columns,
                rows,
                repo,
                "env",
                "XDG_STATE_HOME=" + stateDir,
                "bash",
                "--norc",
                "--noprofile");
        pane.await("the shell prompt", SHELL_START, this::atPrompt);
    }

    /** Types the command and waits for the first full list of conversations. */
    private void start() throws Exception {
        start(COMMAND);
    }

    private void start(String command) throws Exception {
        long t0 = System.nanoTime();
        pane.typeLine(command);
        pane.await(
                "the conversations list with a running conversation",
                PROGRAM_START,
                s -> s.lines().get(0).contains("›  conversations")
                        && s.anyLineMatches(". ▶ running +● RUNNING +\\S.*")
                        && s.anyLineMatches(" refreshed \\d+s ago.*"));
        timings.put("start to list", millisSince(t0));
    }

    private Tmux.Screen step(String name, String key, String what, java.util.function.Predicate<Tmux.Screen> done)
            throws Exception {
        long t0 = System.nanoTime();
        pane.keys(key);
        Tmux.Screen screen = pane.await(what + " (after " + key + ")", STEP, done);
        timings.put(name, millisSince(t0));
        return screen;
    }

    private void quitWith(String name, String key, int expectedExit) throws Exception {
        long t0 = System.nanoTime();
        pane.keys(key);
        Tmux.Screen after = pane.await(
                "ohtop to end on " + name + " and the shell to report its exit code", EXIT, this::backAtPrompt);
        timings.put(name + " to prompt", millisSince(t0));
        assertEquals(expectedExit, exitCode(after), "exit code after " + name + ":\n" + after.framed());
        assertNothingPrintedAround(after);
        assertTrue(launcher.running().isEmpty(), "no ohtop process is left: " + launcher.running());
    }

    private boolean atPrompt(Tmux.Screen s) {
        return lastLine(s).map(PROMPT::equals).orElse(false);
    }

    private boolean backAtPrompt(Tmux.Screen s) {
        return atPrompt(s)
                && s.lines().stream().anyMatch(l -> EXIT_LINE.matcher(l).matches());
    }

    private static Optional<String> lastLine(Tmux.Screen s) {
        List<String> lines = s.lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return Optional.of(lines.get(i).strip());
            }
        }
        return Optional.empty();
    }

    private static int exitCode(Tmux.Screen s) {
        List<String> lines = s.lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = EXIT_AT_END.matcher(lines.get(i));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no EXIT= line:\n" + s.framed());
    }

    /**
     * With the full screen gone the shell's screen is back as it was: the command line, then
     * straight away the exit code. Anything between them was printed to the terminal outside the
     * full screen (a stack trace, a log line, a stray frame drawn after the screen was closed).
     */
    private static void assertNothingPrintedAround(Tmux.Screen s) {
        assertPrintedAround(s, COMMAND, List.of());
    }

    /** Between the command line and its exit code the shell shows exactly {@code between}; then only the prompt. */
    private static void assertPrintedAround(Tmux.Screen s, String commandLine, List<String> between) {
        List<String> lines = s.lines();
        int command = -1;
        int exit = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(PROMPT + " " + commandLine)) {
                command = i;
            }
            if (EXIT_LINE.matcher(lines.get(i)).matches()) {
                exit = i;
            }
        }
        assertTrue(
                command >= 0
                        && exit > command
                        && lines.subList(command + 1, exit).equals(between),
                "the exit code follows the command line with " + (between.isEmpty() ? "nothing" : between)
                        + " printed in between:\n" + s.framed());
        assertTrue(
                lines.subList(exit + 1, lines.size()).stream()
                        .filter(l -> !l.isBlank())
                        .toList()
                        .equals(List.of(PROMPT)),
                "only the prompt follows:\n" + s.framed());
    }

    /** Runs {@code stty -a} in the same shell: canonical mode, echo and Ctrl+C as an interrupt must be back. */
    private String assertCookedWithEcho() throws Exception {
        pane.typeLine("stty -a; echo STTY_$?_DONE");
        pane.await("stty -a to report", STEP, s -> s.anyLineMatches("STTY_0_DONE") && atPrompt(s));
        List<String> lines = pane.captureWithHistory(50).lines();
        int done = lines.lastIndexOf("STTY_0_DONE");
        int speed = -1;
        for (int i = done; i >= 0; i--) {
            if (lines.get(i).startsWith("speed ")) {
                speed = i;
                break;
            }
        }
        assertTrue(speed >= 0, "stty -a output:\n" + String.join("\n", lines));
        String report = String.join("\n", lines.subList(speed, done));
        Set<String> flags = Arrays.stream(report.split("[\\s;]+")).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (String flag : List.of("icanon", "echo", "isig", "icrnl", "opost", "ixon")) {
            if (!flags.contains(flag)) {
                missing.add(flag + (flags.contains("-" + flag) ? " (is -" + flag + ")" : ""));
            }
        }
        assertTrue(
                missing.isEmpty(),
                "the terminal is back in cooked mode with echo; missing " + missing + " in:\n" + report);
        assertTrue(report.contains("intr = ^C;"), "Ctrl+C interrupts again:\n" + report);
        return "stty -a: icanon echo isig icrnl opost ixon, intr = ^C";
    }

    /** The log went to the state directory, not the terminal, and recorded no internal error and no key. */
    private void assertLogClean() throws IOException {
        Path log = stateDir.resolve("ohtop").resolve("ohtop.log");
        assertTrue(Files.isRegularFile(log), "ohtop wrote its log to " + log);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.contains(" INFO ohtop "), "the log has the start line:\n" + text);
        assertFalse(text.contains(" ERROR "), "no internal error was logged:\n" + text);
        // The demo's API key is made fresh per run (demo-<48 hex>); its session keys are sess-<base62>.
        assertFalse(
                Pattern.compile("demo-[0-9a-f]{8}|sess-[0-9A-Za-z]{8}")
                        .matcher(text)
                        .find(),
                "no key in the log:\n" + text);
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}

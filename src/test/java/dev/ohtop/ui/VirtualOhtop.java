package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.fail;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;
import dev.ohtop.LogFile;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.RequestLog;
import dev.ohtop.demo.SeenRequest;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Key;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.KeymapException;
import dev.ohtop.monitor.CloudAccount;
import dev.ohtop.terminal.DeltaScreen;
import dev.ohtop.terminal.Ring;
import dev.ohtop.terminal.TerminalLook;
import dev.ohtop.testing.ClockScheduler;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ohtop as a person would see it, on a Lanterna virtual terminal in memory: the real {@link App}
 * loop, the real home screen with its pollers (on a real scheduler), a real {@link CloudClient}
 * to a demo server or any other URL. The test thread drives the loop itself ({@link App#step}),
 * so there is no input thread, every wait is bounded ({@link #until}) and nothing sleeps blindly.
 *
 * <p>Every frame is checked as it is flushed: no cell may hold a control character, and nothing
 * written to the terminal may contain one ({@link #controlsSeen()}).
 */
final class VirtualOhtop implements AutoCloseable {
    /** How long a test waits for the screen to show what it expects before failing. */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    /**
     * How to start: terminal size, keys, refresh interval and clock; the demo's API key (null: its
     * default) and the name of the local folder (null: a plain temporary folder); the Cloud client's
     * options, and whether the pollers' delays pass on the manual clock ({@link VirtualOhtop#pass})
     * rather than in real time.
     */
    record Setup(
            TerminalSize size,
            Keymap keymap,
            Duration refresh,
            Clock clock,
            int conversations,
            boolean readonly,
            String apiKey,
            String localFolder,
            ClientOptions client,
            boolean pollOnClock,
            Ring ring,
            boolean insideTmux) {
        static Setup defaults() {
            return new Setup(
                    new TerminalSize(120, 30),
                    VirtualOhtop.keymap("default"),
                    Duration.ofMillis(150),
                    ManualClock.atDemoStart(),
                    30,
                    false,
                    null,
                    null,
                    ClientOptions.defaults().withRetry(RetryPolicy.none()),
                    false,
                    Ring.BELL,
                    false);
        }

        Setup size(int columns, int rows) {
            return new Setup(
                    new TerminalSize(columns, rows),
                    keymap,
                    refresh,
                    clock,
                    conversations,
                    readonly,
                    apiKey,
                    localFolder,
                    client,
                    pollOnClock,
                    ring,
                    insideTmux);
        }

        Setup keys(Keymap keys) {
            return new Setup(
                    size,
                    keys,
                    refresh,
                    clock,
                    conversations,
                    readonly,
                    apiKey,
                    localFolder,
                    client,
                    pollOnClock,
                    ring,
                    insideTmux);
        }

        Setup clock(Clock newClock) {
            return new Setup(
                    size,
                    keymap,
                    refresh,
                    newClock,
                    conversations,
                    readonly,
                    apiKey,
                    localFolder,
                    client,
                    pollOnClock,
                    ring,
                    insideTmux);
        }

        /** The refresh interval (the app's default is 3 s; tests poll faster unless the clock drives polling). */
        Setup refresh(Duration every) {
            return new Setup(
                    size,
                    keymap,
                    every,
                    clock,
                    conversations,
                    readonly,
                    apiKey,
                    localFolder,
                    client,
                    pollOnClock,
                    ring,
                    insideTmux);
        }

        Setup conversations(int count) {
            return new Setup(
                    size,
                    keymap,
                    refresh,
                    clock,
                    count,
                    readonly,
                    apiKey,
                    localFolder,
                    client,
                    pollOnClock,
                    ring,
                    insideTmux);
        }

        /** As with --readonly: every action that changes something hidden and refused. */
        Setup asReadonly() {
            return new Setup(
                    size,
                    keymap,
                    refresh,
                    clock,
                    conversations,
                    true,
                    apiKey,
                    localFolder,
                    client,
                    pollOnClock,
                    ring,
                    insideTmux);
        }

        /** The demo server's API key (what ohtop sends as its Bearer token). */
        Setup apiKey(String key) {
            return new Setup(
                    size,
                    keymap,
                    refresh,
                    clock,
                    conversations,
                    readonly,
                    key,
                    localFolder,
                    client,
                    pollOnClock,
                    ring,
                    insideTmux);
        }

        /** The local folder (downloads, saved output) gets this name, inside a fresh temporary folder. */
        Setup localFolder(String name) {
            return new Setup(
                    size,
                    keymap,
                    refresh,
                    clock,
                    conversations,
                    readonly,
                    apiKey,
                    name,
                    client,
                    pollOnClock,
                    ring,
                    insideTmux);
        }

        /** The Cloud client's options (by default: as the app's, but without retries inside a call). */
        Setup client(ClientOptions options) {
            return new Setup(
                    size,
                    keymap,
                    refresh,
                    clock,
                    conversations,
                    readonly,
                    apiKey,
                    localFolder,
                    options,
                    pollOnClock,
                    ring,
                    insideTmux);
        }

        /** As with {@code --notify}: how a conversation that needs the user rings, and whether inside tmux. */
        Setup ringing(Ring how, boolean tmux) {
            return new Setup(
                    size,
                    keymap,
                    refresh,
                    clock,
                    conversations,
                    readonly,
                    apiKey,
                    localFolder,
                    client,
                    pollOnClock,
                    how,
                    tmux);
        }

        /**
         * The pollers' delays (refresh, backoff, Retry-After) pass on the manual clock: nothing is polled
         * until the test moves it with {@link VirtualOhtop#pass}, and then each run happens at a known instant.
         */
        Setup pollingOnTheClock() {
            return new Setup(
                    size,
                    keymap,
                    refresh,
                    clock,
                    conversations,
                    readonly,
                    apiKey,
                    localFolder,
                    client,
                    true,
                    ring,
                    insideTmux);
        }
    }

    final Setup setup;
    final DemoServer demo;
    /** In front of {@link #demo}: its faults and its request log (null when not on the demo). */
    final DemoProxy proxy;

    final RecordingTerminal terminal;
    final TerminalScreen screen;
    final App app;
    final ConversationsView home;
    private final ScheduledExecutorService scheduler;
    private final LogFile log;
    private final Path logDir;
    /** Where local files go by default (downloads, saved output): a fresh folder per run. */
    final Path localDir;
    /** The temporary folder that holds {@link #localDir} (the same folder unless it was given a name). */
    private final Path localRoot;

    private VirtualOhtop(Setup setup, DemoProxy proxy, DemoServer demo, URI baseUrl, String apiKey, TerminalLook look)
            throws IOException {
        this(setup, proxy, demo, cloudAccount(setup, baseUrl, apiKey), apiKey, look);
    }

    private static CloudAccount cloudAccount(Setup setup, URI baseUrl, String apiKey) {
        ClientOptions options = setup.client();
        CloudClient cloud =
                new CloudClient(HttpCore.newHttpClient(options), baseUrl, Credential.bearer(apiKey), options);
        return new CloudAccount(cloud, setup.readonly());
    }

    /** @param key the key the account holds, never to be drawn */
    private VirtualOhtop(
            Setup setup, DemoProxy proxy, DemoServer demo, CloudAccount account, String key, TerminalLook look)
            throws IOException {
        String apiKey = key;
        this.setup = setup;
        this.proxy = proxy;
        this.demo = demo;
        this.terminal = new RecordingTerminal(setup.size());
        // Before the first frame: no frame may show a key, not even in part.
        terminal.forbid(apiKey);
        if (demo != null) {
            demo.world().sandboxes().forEach(s -> terminal.forbid(s.sessionApiKey()));
        }
        this.screen = new DeltaScreen(terminal); // the screen ohtop draws on
        this.logDir = Files.createTempDirectory("ohtop-vt-");
        this.log = LogFile.open(logDir.resolve("ohtop.log"), setup.clock());
        this.scheduler = setup.pollOnClock()
                ? new ClockScheduler((ManualClock) setup.clock(), 2)
                : Executors.newScheduledThreadPool(2, r -> {
                    Thread t = new Thread(r, "ohtop-vt-poller");
                    t.setDaemon(true);
                    return t;
                });
        this.localRoot = Files.createTempDirectory("ohtop-vt-files-");
        this.localDir =
                setup.localFolder() == null ? localRoot : Files.createDirectory(localRoot.resolve(setup.localFolder()));
        FullScreen monitor = new FullScreen(
                        account,
                        setup.keymap(),
                        setup.refresh(),
                        dev.ohtop.Options.DEFAULT_MAX_EVENTS,
                        setup.clock(),
                        log,
                        setup.readonly(),
                        new Controls.Places(logDir, localDir))
                .ringing(setup.ring(), setup.insideTmux());
        Chrome chrome = new Chrome(account.serverName(), monitor.keymap(), setup.readonly());
        screen.startScreen();
        screen.setCursorPosition(null); // as TerminalSession: no cursor unless a text field shows one
        this.app = new App(screen, monitor.keymap(), setup.clock(), log, chrome, look);
        this.home = monitor.home(app, chrome, scheduler, terminal::rang);
        app.open(home);
        app.step(Duration.ZERO);
    }

    /** ohtop on a fresh demo server (seed 42) whose world follows {@code setup.clock()}. */
    static VirtualOhtop onDemo(Setup setup) throws IOException {
        return onDemo(setup, TerminalLook.FULL);
    }

    /** As {@link #onDemo(Setup)} on a terminal that shows {@code look} (no colour, ASCII only). */
    static VirtualOhtop onDemo(Setup setup, TerminalLook look) throws IOException {
        DemoConfig config = DemoConfig.defaults().withClock(setup.clock()).withConversationCount(setup.conversations());
        DemoProxy proxy = new DemoProxy();
        DemoServer demo = proxy.startDemo(setup.apiKey() == null ? config : config.withApiKey(setup.apiKey()));
        try {
            return new VirtualOhtop(setup, proxy, demo, demo.appServerUrl(), demo.apiKey(), look);
        } catch (IOException | RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    /**
     * ohtop attached ({@code --agent-server}) to the agent server of the sandbox of the demo's
     * first running conversation, with its session key: no app server is asked anything.
     */
    static VirtualOhtop attachedToDemo(Setup setup) throws IOException {
        DemoConfig config = DemoConfig.defaults().withClock(setup.clock()).withConversationCount(setup.conversations());
        DemoProxy proxy = new DemoProxy();
        DemoServer demo = proxy.startDemo(config);
        try {
            String busy = demo.world().conversations().stream()
                    .filter(c -> "running".equals(c.executionStatus()))
                    .findFirst()
                    .orElseThrow()
                    .sandboxId();
            dev.ohtop.demo.SandboxSnapshot sandbox = demo.world().sandboxes().stream()
                    .filter(s -> s.id().equals(busy))
                    .findFirst()
                    .orElseThrow();
            ClientOptions options = setup.client();
            CloudAccount account = CloudAccount.attached(
                    new dev.ohtop.api.AgentEndpoint(
                            sandbox.agentServerUrl(), Credential.sessionKey(sandbox.sessionApiKey())),
                    HttpCore.newHttpClient(options),
                    options,
                    setup.readonly());
            return new VirtualOhtop(setup, proxy, demo, account, demo.apiKey(), TerminalLook.FULL);
        } catch (IOException | RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    /** ohtop attached ({@code --agent-server}) to any agent server, with its session key (never drawn). */
    static VirtualOhtop attachedTo(dev.ohtop.api.AgentEndpoint server, String sessionKey, Setup setup)
            throws IOException {
        ClientOptions options = setup.client();
        CloudAccount account =
                CloudAccount.attached(server, HttpCore.newHttpClient(options), options, setup.readonly());
        return new VirtualOhtop(setup, null, null, account, sessionKey, TerminalLook.FULL);
    }

    static VirtualOhtop onDemo() throws IOException {
        return onDemo(Setup.defaults());
    }

    /** ohtop against any app server (e.g. WireMock). */
    static VirtualOhtop on(URI baseUrl, String apiKey, Setup setup) throws IOException {
        return new VirtualOhtop(setup, null, null, baseUrl, apiKey, TerminalLook.FULL);
    }

    static Keymap keymap(String nameOrPath) {
        try {
            return Keymap.load(nameOrPath);
        } catch (KeymapException e) {
            throw new IllegalStateException(e);
        }
    }

    ManualClock clock() {
        return (ManualClock) setup.clock();
    }

    // ---- acting ---------------------------------------------------------------------------

    VirtualOhtop press(KeyType type) {
        app.press(new KeyStroke(type));
        return this;
    }

    /** Types characters one key at a time ({@code ' '} is Space). */
    VirtualOhtop type(String keys) {
        keys.chars().forEach(c -> app.press(new KeyStroke((char) c, false, false)));
        return this;
    }

    VirtualOhtop ctrl(char c) {
        app.press(new KeyStroke(c, true, false));
        return this;
    }

    /** Presses a key as the keymap names it (the first key bound to an action, say). */
    VirtualOhtop press(Key key) {
        app.press(stroke(key));
        return this;
    }

    /** The key stroke a terminal delivers for {@code key}. */
    static KeyStroke stroke(Key key) {
        return key.type() == KeyType.Character
                ? new KeyStroke(key.character(), key.ctrl(), key.alt())
                : new KeyStroke(key.type(), key.ctrl(), key.alt());
    }

    /** Presses the first key the keymap in force binds to {@code action}. */
    VirtualOhtop press(Action action) {
        return press(setup.keymap().keysFor(action).get(0));
    }

    /** Lets the loop run (keys, polls, redraws) until {@code condition} holds, failing after {@link #PATIENCE}. */
    VirtualOhtop until(String what, Predicate<VirtualOhtop> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            step();
            if (condition.test(this)) {
                return this;
            }
            if (System.nanoTime() > deadline) {
                fail("the screen did not show " + what + " within " + PATIENCE.toSeconds() + " s; it shows:\n" + text()
                        + logTail());
            }
        }
    }

    /** Filters the list down to the conversation {@code id} (by its short id), so it is the selected row. */
    VirtualOhtop selectConversation(String id) {
        String shortId = id.replace("-", "").substring(0, 8);
        return press(Action.FILTER)
                .type(shortId)
                .press(KeyType.Enter)
                .until(
                        "only " + shortId,
                        o -> o.selectedLine() != null && o.selectedLine().contains(shortId));
    }

    /** Waits for the screen to contain {@code text}. */
    VirtualOhtop untilShows(String text) {
        return until("\"" + text + "\"", o -> o.text().contains(text));
    }

    private static final Pattern HELD_OF_TOTAL = Pattern.compile("(\\d+)/(\\d+) events");

    /**
     * The events screen has fetched everything the server counts: "46/46 events" and no "loading".
     * Keys pressed before that act on the events fetched so far, which may be none.
     */
    boolean eventsCaughtUp() {
        Matcher m = HELD_OF_TOTAL.matcher(line(1));
        return header().contains("events of") && m.find() && m.group(1).equals(m.group(2)) && !shows("loading");
    }

    /** A request the demo answered, and the instant on the manual clock at which it was sent. */
    record Sent(Instant at, SeenRequest request) {
        String route() {
            return request.method() + " " + request.path();
        }
    }

    /**
     * With {@link Setup#pollingOnTheClock()}: moves the clock on by {@code span}, stopping at each
     * moment a poll falls due to let it run (and the screen catch up) before going further.
     */
    VirtualOhtop pass(Duration span) {
        passNoting(span, proxy == null ? null : proxy.requests());
        return this;
    }

    /** Moves the clock to the next moment a poll is due and lets it (and the screen) run; the clock stays there. */
    VirtualOhtop passToNextPoll() {
        untilPollsDone();
        Instant next = clockScheduler().nextDue();
        if (next == null) {
            fail("no poll is due");
        }
        clock().set(next);
        return untilPollsDone();
    }

    /** With {@link Setup#pollingOnTheClock()}: how long until the next poll is due (null: none is). */
    Duration untilNextPoll() {
        Instant next = clockScheduler().nextDue();
        return next == null ? null : Duration.between(clock().instant(), next);
    }

    /** {@link #pass} on the demo, noting every request and when it was sent. */
    List<Sent> passNoting(Duration span) {
        return passNoting(span, proxy.requests());
    }

    /** {@link #pass}, noting every request {@code server} answered and when it was sent (null: none noted). */
    List<Sent> passNoting(Duration span, RequestLog server) {
        Instant end = clock().instant().plus(span);
        List<Sent> sent = new ArrayList<>();
        long mark = server == null ? 0 : server.mark();
        while (true) {
            untilPollsDone(); // the clock stands still meanwhile: all of it happened now
            if (server != null) {
                Instant now = clock().instant();
                server.since(mark).forEach(r -> sent.add(new Sent(now, r)));
                mark = server.mark();
            }
            Instant next = clockScheduler().nextDue();
            if (!clock().instant().isBefore(end)) {
                return sent;
            }
            clock().set(next == null || next.isAfter(end) ? end : next);
        }
    }

    /** Waits (bounded) until no poll is running or due now, and the screen shows the outcome. */
    VirtualOhtop untilPollsDone() {
        ClockScheduler polls = clockScheduler();
        until("the polls due to be done", o -> polls.quiet());
        for (int i = 0; i < 5; i++) {
            step(); // the redraws the polls asked for
        }
        return this;
    }

    /** With {@link Setup#pollingOnTheClock()}: how many tasks the given thread handed the scheduler so far. */
    long tasksScheduledBy(Thread thread) {
        return clockScheduler().scheduledBy(thread);
    }

    /** With {@link Setup#pollingOnTheClock()}: nothing running on the scheduler, nothing due. */
    boolean pollsQuiet() {
        return clockScheduler().quiet();
    }

    private ClockScheduler clockScheduler() {
        if (!(scheduler instanceof ClockScheduler polls)) {
            throw new IllegalStateException("the pollers run in real time: start with Setup.pollingOnTheClock()");
        }
        return polls;
    }

    /** Lets every key pressed so far be handled and the frame be drawn (bounded). */
    VirtualOhtop settle() {
        for (int i = 0; i < 200; i++) {
            step();
        }
        return this;
    }

    private void step() {
        try {
            app.step(Duration.ofMillis(5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of ohtop's log, for a failure message (internal errors are logged, not thrown). */
    private String logTail() {
        try {
            // The test framework's frames say nothing about ohtop and would push its own out of the excerpt.
            String text = Files.readString(log.path()).replaceAll("(?m)^\\s+at org\\.(junit|apache\\.maven).*\\R", "");
            return text.isBlank() ? "" : "\nohtop's log ends:\n" + text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "";
        }
    }

    // ---- seeing ---------------------------------------------------------------------------

    TerminalSize size() {
        return terminal.getTerminalSize();
    }

    /** The screen as text, one string per row, trailing spaces kept (the row's full width). */
    List<String> lines() {
        return terminal.lines();
    }

    String line(int row) {
        return lines().get(row);
    }

    String text() {
        return String.join("\n", lines());
    }

    boolean shows(String text) {
        return text().contains(text);
    }

    /** The first row containing {@code text}, or -1. */
    int rowOf(String text) {
        List<String> lines = lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    TextCharacter cell(int column, int row) {
        return terminal.getCharacter(column, row);
    }

    /** The cell where {@code text} starts on {@code row}. */
    TextCharacter cellOf(String text, int row) {
        int column = column(line(row), text);
        if (column < 0) {
            fail("\"" + text + "\" is not on row " + row + ": " + line(row));
        }
        return cell(column, row);
    }

    /** The selected row of a list: drawn in reverse video (the header and footer bars never are). */
    int selectedRow() {
        for (int row = 1; row < size().getRows() - 2; row++) {
            if (cell(2, row).getModifiers().contains(SGR.REVERSE)) {
                return row;
            }
        }
        return -1;
    }

    String selectedLine() {
        int row = selectedRow();
        return row < 0 ? null : line(row);
    }

    String header() {
        return line(0);
    }

    String status() {
        return line(size().getRows() - 2);
    }

    String footer() {
        return line(size().getRows() - 1);
    }

    /** What the terminal would have obeyed: control characters written to it or left in a cell. */
    List<String> controlsSeen() {
        return terminal.controls();
    }

    /** What ohtop rang with, in order: the bytes of each notice (a bell, an OSC), written outside the frames. */
    List<byte[]> rings() {
        return terminal.rings();
    }

    /** Frames that reached the terminal (each one scanned for keys); a frame that changes nothing sends nothing. */
    long framesChecked() {
        return terminal.flushes();
    }

    /** Bytes a real (ANSI) terminal would have been sent for every frame so far. */
    long terminalBytes() {
        return terminal.bytesSent();
    }

    /** Frames ohtop drew, whether or not they changed anything on the terminal. */
    long framesDrawn() {
        return app.framesDrawn();
    }

    /**
     * Forbids {@code secret} on screen from the next frame on: every frame is searched for any 8
     * characters of it in a row (a key cut short by its column still leaks its first half). The
     * API key and, on the demo, every sandbox's session key are forbidden from the first frame.
     */
    VirtualOhtop forbid(String secret) {
        terminal.forbid(secret);
        return this;
    }

    /** Where a forbidden string was seen on screen (which string, which frame, which row). */
    List<String> leaks() {
        return terminal.leaks();
    }

    /** ohtop's log file (its command history is kept beside it, in {@code history/}). */
    Path logFile() {
        return log.path();
    }

    /** Where ohtop keeps its state (the log, the command history). */
    Path stateDir() {
        return logDir;
    }

    /** Where {@code text} starts in {@code line}: its screen column unless wide characters come before it. */
    static int column(String line, String text) {
        return line.indexOf(text);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            screen.stopScreen();
        } catch (IOException | RuntimeException e) {
            // the virtual terminal cannot fail to stop in a way that matters to a test
        }
        log.close();
        if (demo != null) {
            demo.close();
        }
        home.closed();
        deleteTree(logDir);
        deleteTree(localRoot);
        List<String> leaks = terminal.leaks();
        if (!leaks.isEmpty()) {
            fail("a key was drawn on screen: " + leaks);
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temp file left behind is not worth failing a test for
        }
    }

    /**
     * True for what a terminal acts on: C0 controls, DEL, C1 controls; and the bidi controls that
     * make it draw text in another order than it was written.
     */
    static boolean isControl(int cp) {
        return cp < 0x20
                || (cp >= 0x7f && cp <= 0x9f)
                || (cp >= 0x202a && cp <= 0x202e)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    /**
     * A virtual terminal that notes every control character written to it (what a real terminal
     * would have obeyed) and checks every cell of every frame when the frame is flushed: for
     * control characters, and for any piece of a forbidden string (a key).
     */
    static final class RecordingTerminal extends DefaultVirtualTerminal {
        /** A piece this long of a key is a leak: enough to tell it, too long to turn up by chance. */
        static final int PIECE = 8;

        private final List<String> controls = Collections.synchronizedList(new ArrayList<>());
        private final List<String> leaks = Collections.synchronizedList(new ArrayList<>());
        private final List<byte[]> rings = Collections.synchronizedList(new ArrayList<>());
        /** Every piece of every forbidden string, and which string (by number, never by value) it is from. */
        private final java.util.Map<String, Integer> forbidden = new java.util.HashMap<>();

        private final java.util.Set<Integer> pieceLengths = new java.util.TreeSet<>();
        private int secrets;
        private long flushes;

        RecordingTerminal(TerminalSize size) {
            super(size);
            addVirtualTerminalListener(new VirtualTerminalListener() {
                @Override
                public void onFlush() {
                    flushes++;
                    checkCells();
                    checkSecrets();
                }

                @Override
                public void onBell() {
                    controls.add("a bell was rung");
                }

                @Override
                public void onResized(com.googlecode.lanterna.terminal.Terminal terminal, TerminalSize newSize) {}

                @Override
                public void onClose() {}
            });
        }

        @Override
        public synchronized void putCharacter(char c) {
            if (isControl(c)) {
                controls.add(String.format("U+%04X written to the terminal", (int) c));
            }
            super.putCharacter(c);
            ansi.run(t -> t.putCharacter(c));
        }

        @Override
        public synchronized void putString(String string) {
            string.chars()
                    .filter(VirtualOhtop::isControl)
                    .forEach(c -> controls.add(String.format("U+%04X written to the terminal in \"%s\"", c, string)));
            super.putString(string);
            ansi.run(t -> t.putString(string));
        }

        // ---- what a real (ANSI) terminal would have been sent, counted -------------------------

        /** Every drawing call made again on an ANSI terminal that writes bytes, so frames can be weighed. */
        private final AnsiShadow ansi = new AnsiShadow();

        /** Bytes an ANSI terminal would have been sent for what was drawn so far. */
        long bytesSent() {
            return ansi.bytes();
        }

        @Override
        public synchronized void setCursorPosition(int x, int y) {
            super.setCursorPosition(x, y);
            ansi.run(t -> t.setCursorPosition(x, y));
        }

        @Override
        public synchronized void setCursorVisible(boolean visible) {
            super.setCursorVisible(visible);
            ansi.run(t -> t.setCursorVisible(visible));
        }

        @Override
        public synchronized void setForegroundColor(com.googlecode.lanterna.TextColor color) {
            super.setForegroundColor(color);
            ansi.run(t -> t.setForegroundColor(color));
        }

        @Override
        public synchronized void setBackgroundColor(com.googlecode.lanterna.TextColor color) {
            super.setBackgroundColor(color);
            ansi.run(t -> t.setBackgroundColor(color));
        }

        @Override
        public synchronized void enableSGR(SGR sgr) {
            super.enableSGR(sgr);
            ansi.run(t -> t.enableSGR(sgr));
        }

        @Override
        public synchronized void disableSGR(SGR sgr) {
            super.disableSGR(sgr);
            ansi.run(t -> t.disableSGR(sgr));
        }

        @Override
        public synchronized void resetColorAndSGR() {
            super.resetColorAndSGR();
            ansi.run(com.googlecode.lanterna.terminal.Terminal::resetColorAndSGR);
        }

        @Override
        public synchronized void clearScreen() {
            super.clearScreen();
            ansi.run(com.googlecode.lanterna.terminal.Terminal::clearScreen);
        }

        private synchronized void checkCells() {
            TerminalSize size = getTerminalSize();
            for (int row = 0; row < size.getRows(); row++) {
                for (int column = 0; column < size.getColumns(); column++) {
                    String s = getCharacter(column, row).getCharacterString();
                    int r = row;
                    int c = column;
                    s.codePoints()
                            .filter(VirtualOhtop::isControl)
                            .forEach(cp ->
                                    controls.add(String.format("U+%04X in the cell at column %d, row %d", cp, c, r)));
                }
            }
        }

        /** A notice's ring: bytes a real terminal gets raw (a bell, an OSC), kept apart from what is drawn. */
        void rang(byte[] bytes) {
            rings.add(bytes.clone());
        }

        List<byte[]> rings() {
            synchronized (rings) {
                return List.copyOf(rings);
            }
        }

        synchronized List<String> controls() {
            return List.copyOf(controls);
        }

        synchronized void forbid(String secret) {
            if (secret == null || secret.isEmpty()) {
                return;
            }
            int number = ++secrets;
            int length = Math.min(PIECE, secret.length());
            pieceLengths.add(length);
            for (int i = 0; i + length <= secret.length(); i++) {
                forbidden.putIfAbsent(secret.substring(i, i + length), number);
            }
        }

        synchronized List<String> leaks() {
            return List.copyOf(leaks);
        }

        /** Names the forbidden string by number and shows only its first characters: the report must not leak it. */
        private synchronized void checkSecrets() {
            if (forbidden.isEmpty()) {
                return;
            }
            List<String> rows = lines();
            for (int row = 0; row < rows.size(); row++) {
                String line = rows.get(row);
                String piece = pieceIn(line);
                if (piece != null) {
                    leaks.add(String.format(
                            "forbidden string #%d (\"%s…\") on row %d of frame %d",
                            forbidden.get(piece), piece.substring(0, Math.min(3, piece.length())), row, flushes));
                }
            }
        }

        /** The first forbidden piece in {@code line}, looked up window by window. */
        private String pieceIn(String line) {
            for (int length : pieceLengths) {
                for (int i = 0; i + length <= line.length(); i++) {
                    String window = line.substring(i, i + length);
                    if (forbidden.containsKey(window)) {
                        return window;
                    }
                }
            }
            return null;
        }

        synchronized long flushes() {
            return flushes;
        }

        /** Rows as text; a double-width character's second column is not repeated. */
        synchronized List<String> lines() {
            TerminalSize size = getTerminalSize();
            List<String> lines = new ArrayList<>(size.getRows());
            for (int row = 0; row < size.getRows(); row++) {
                StringBuilder line = new StringBuilder(size.getColumns());
                for (int column = 0; column < size.getColumns(); column++) {
                    TextCharacter ch = getCharacter(column, row);
                    line.append(ch.getCharacterString());
                    if (ch.isDoubleWidth()) {
                        column++;
                    }
                }
                lines.add(line.toString());
            }
            return lines;
        }
    }

    /** An ANSI terminal that only counts the bytes it would send. */
    private static final class AnsiShadow {
        private final java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
        private final com.googlecode.lanterna.terminal.ansi.ANSITerminal terminal =
                new com.googlecode.lanterna.terminal.ansi.ANSITerminal(
                        new java.io.ByteArrayInputStream(new byte[0]), sent, java.nio.charset.StandardCharsets.UTF_8) {
                    @Override
                    protected TerminalSize findTerminalSize() {
                        return new TerminalSize(80, 24); // never asked: only drawing calls are made
                    }
                };

        interface Call {
            void on(com.googlecode.lanterna.terminal.Terminal terminal) throws IOException;
        }

        synchronized void run(Call call) {
            try {
                call.on(terminal);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized long bytes() {
            return sent.size();
        }
    }
}

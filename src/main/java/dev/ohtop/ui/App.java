package dev.ohtop.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import dev.ohtop.LogFile;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Key;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Cells;
import dev.ohtop.terminal.TerminalLook;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The UI thread: the only thread that touches Lanterna's screen. Keys and "state changed"
 * notices arrive on one queue; a frame is drawn only when something changed or the screen in front
 * would look different with the clock alone (an age ticks, a message ends), and Lanterna sends only
 * the cells that differ.
 */
public final class App {
    private static final Object REDRAW = new Object();
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration FLASH_FOR = Duration.ofSeconds(4);
    /** A second Ctrl+C this soon after one that dropped a line or stopped a wait quits. */
    static final Duration QUIT_AGAIN_WITHIN = Duration.ofSeconds(1);
    /**
     * How often the input thread looks for keys when none are waiting: often while the user is
     * typing (held keys are read back to back anyway), ten times a second once the keyboard has
     * been quiet for a while, five times a second once it has been quiet for long (only watching):
     * the first key after a pause waits at most that long, and each wake costs about 0.01% of a
     * core a second, whatever it finds (most of an idle ohtop's input thread).
     */
    private static final Duration INPUT_POLL_TYPING = Duration.ofMillis(10);

    private static final Duration INPUT_POLL_IDLE = Duration.ofMillis(100);
    private static final Duration INPUT_POLL_WATCHING = Duration.ofMillis(200);
    private static final Duration TYPING_FOR = Duration.ofSeconds(2);
    private static final Duration IDLE_FOR = Duration.ofSeconds(30);
    private static final Duration INPUT_JOIN = Duration.ofSeconds(1);

    /**
     * Test-only, for the end-to-end test of the terminal's restore: {@code -Dohtop.crashOnKey=F12}
     * makes that key throw from the UI loop itself, outside the guard around each screen, as a bug
     * in the loop would. Unset, as always outside that test, it does nothing. Read here only.
     */
    static final String CRASH_ON_KEY = "ohtop.crashOnKey";

    private final Screen screen;
    private final Keymap keymap;
    private final Key crashKey = crashKey(System.getProperty(CRASH_ON_KEY));
    private final Clock clock;
    private final LogFile log;
    private final Chrome chrome;
    private final TerminalLook look;
    private final Deque<View> stack = new ArrayDeque<>();
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private String flash;
    private Instant flashUntil = Instant.EPOCH;
    /** The {@code :} command line while it is open (drawn over the status line); null otherwise. */
    private LineEditor commandLine;
    /** What Tab found on the command line when it could not choose ("sandboxes  sources  search"); null otherwise. */
    private String commandChoices;

    /** When what the last frame showed changes with the clock alone (an age ticks, a message ends). */
    private Instant nextTimedChange = Instant.EPOCH;
    /** Until when Ctrl+C quits at once, after one that did what a shell does. */
    private Instant quitArmedUntil = Instant.EPOCH;

    private boolean dirty = true;
    /** The terminal was resized: what it shows now is unknown (it may have reflowed or scrolled). */
    private boolean repaintAll;

    private volatile boolean reading = true;
    private long frames;
    private Runnable onFirstCompleteFrame = () -> {};
    /** Drawn cells kept from frame to frame, so the screen finds unchanged ones at a glance. */
    private final Cells cells = new Cells();

    /** What needs the user, asked once per turn (none until {@link #notices} is called). */
    private Notices notices;
    /** Where a notice's ring goes: written after the frame that says it. */
    private Notices.Out ringOut = bytes -> {};

    public App(Screen screen, Keymap keymap, Clock clock, LogFile log, Chrome chrome) {
        this(screen, keymap, clock, log, chrome, TerminalLook.FULL);
    }

    /** @param look colour or not, Unicode or ASCII marks: what this terminal can show */
    public App(Screen screen, Keymap keymap, Clock clock, LogFile log, Chrome chrome, TerminalLook look) {
        this.look = look;
        this.screen = screen;
        this.keymap = keymap;
        this.clock = clock;
        this.log = log;
        this.chrome = chrome;
    }

    private static Key crashKey(String notation) {
        if (notation == null || notation.isBlank()) {
            return null;
        }
        try {
            return Key.parse(notation.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Safe from any thread: a poller calls it when its state changed. */
    public void requestRedraw() {
        inbox.offer(REDRAW);
    }

    /**
     * The one hand-off onto the UI thread (Lanterna's {@code invokeLater}, k9s's
     * {@code QueueUpdateDraw}): a worker that has a result for a screen posts what to do with
     * it, and it runs here, between keys, before the next frame. Safe from any thread.
     */
    public void post(Runnable task) {
        inbox.offer(new Posted(task));
    }

    /** A task posted from another thread, told apart from keys and redraw notices in the inbox. */
    private record Posted(Runnable task) {}

    /** Called once, on the UI thread, right after the first frame whose screen is {@link View#complete()}. */
    public void onFirstCompleteFrame(Runnable listener) {
        onFirstCompleteFrame = listener;
    }

    /** Says and rings what {@code due} finds due, ringing through {@code out}; called before {@link #run}. */
    void notices(Notices due, Notices.Out out) {
        this.notices = due;
        this.ringOut = out;
    }

    /** Feeds a key as if typed (tests and the input thread). */
    public void press(KeyStroke key) {
        inbox.offer(key);
    }

    public long framesDrawn() {
        return frames;
    }

    /** Runs until the user quits; the input thread is started here and stopped before returning. */
    public void run(View home) throws IOException {
        Thread input = new Thread(this::readKeys, "ohtop-input");
        input.setDaemon(true);
        input.start();
        try {
            runLoop(home, () -> false);
        } finally {
            // From here on, what is typed belongs to the shell: stop reading before the screen is
            // given back, so that nothing is read (and lost) while the JVM winds down.
            reading = false;
            try {
                input.join(INPUT_JOIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The loop itself, also driven by tests: keys come from {@link #press}; {@code stop} ends it
     * early (a test has seen what it needs).
     */
    public void runLoop(View home, java.util.function.BooleanSupplier stop) throws IOException {
        open(home);
        while (!stack.isEmpty() && !stop.getAsBoolean()) {
            // Woken at least once a second, drawing only when something is due.
            step(Duration.ofMillis(Math.max(
                    10,
                    Math.min(
                            TICK.toMillis(),
                            Duration.between(clock.instant(), nextTimedChange).toMillis()))));
        }
        while (!stack.isEmpty()) {
            stack.pop().closed();
        }
    }

    /** One turn: wait for an event or the tick, handle it, draw if needed. Public for tests. */
    public void step(Duration wait) throws IOException {
        Object event;
        try {
            event = inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stack.clear();
            return;
        }
        if (event instanceof KeyStroke key) {
            if (crashKey != null && crashKey.matches(key)) {
                throw new IllegalStateException("crash asked for with -D" + CRASH_ON_KEY);
            }
            handle(key);
        }
        if (event == REDRAW) {
            dirty = true;
            // A burst of notices (several events pushed at once) is one frame: the state read is the newest.
            while (inbox.peek() == REDRAW) {
                inbox.poll();
            }
        }
        if (event instanceof Posted posted) {
            runPosted(posted.task());
        }
        if (!stack.isEmpty()) {
            View.Step moved = stack.peek().next();
            if (!(moved instanceof View.Step.Stay)) {
                apply(moved);
                dirty = true;
            }
        }
        if (screen.doResizeIfNecessary() != null) {
            dirty = true;
            repaintAll = true;
        }
        if (!clock.instant().isBefore(nextTimedChange)) {
            dirty = true;
        }
        Notices.Due due = notices == null || stack.isEmpty() ? null : notices.take();
        if (due != null) {
            flash(due.said());
        }
        if (dirty && !stack.isEmpty()) {
            draw();
        }
        // After the frame that says it, so the terminal shows the words when the bell or the desktop draws the eye.
        if (due != null && due.ring().length > 0) {
            ringOut.send(due.ring());
        }
    }

    private void handle(KeyStroke key) {
        View view = stack.peek();
        if (view == null) {
            return;
        }
        dirty = true;
        if (key.getKeyType() == KeyType.EOF) {
            stack.clear();
            return;
        }
        if (key.getKeyType() == KeyType.Enter) {
            endFlash(); // what Enter starts says its own outcome; an older message would stand in front of it
        }
        // Ctrl+C always quits cleanly, whatever the keymap says; twice where a line is typed or a wait runs.
        if (key.getKeyType() == KeyType.Character && key.isCtrlDown() && key.getCharacter() == 'c') {
            interrupt(view);
            return;
        }
        // Ctrl+Z arrives as a key (TerminalSession): suspending with the screen up would leave the terminal half taken.
        if (key.getKeyType() == KeyType.Character && key.isCtrlDown() && key.getCharacter() == 'z') {
            List<Key> quit = keymap.keysFor(Action.QUIT);
            flash("Ctrl+Z does not suspend ohtop; quit with "
                    + (quit.isEmpty() ? "Ctrl+C" : quit.get(0).display()));
            return;
        }
        if (commandLine != null) {
            if (key.getKeyType() == KeyType.Tab) {
                String completed = Commands.complete(commandLine.text(), view.scope());
                commandLine = new LineEditor(":", completed);
                List<String> choices = Commands.candidates(completed, view.scope());
                commandChoices = choices.size() > 1 ? String.join("  ", choices) : null;
                return;
            }
            commandChoices = null;
            LineEditor.Result result = commandLine.on(key);
            if (LineEditor.closes(result)) {
                String typed = commandLine.text();
                commandLine = null;
                if (result == LineEditor.Result.ACCEPTED) {
                    runCommand(view, typed);
                }
            }
            return;
        }
        try {
            View.Step typed = view.onKey(key);
            if (!(typed instanceof View.Step.Pass)) {
                apply(typed);
                return;
            }
            Optional<Action> action = keymap.actionFor(view.scope(), key);
            if (action.isEmpty()) {
                keymap.refusedFor(view.scope(), key).ifPresent(refused -> flash(Chrome.refusedReadonly(refused)));
                return;
            }
            View.Step step = view.on(action.get());
            if (step instanceof View.Step.Stay) {
                step = global(action.get());
            }
            apply(step);
        } catch (RuntimeException e) {
            // A bug in one screen must not take the terminal down: say so, log it, carry on.
            log.error("error handling " + key, e);
            flash("internal error: " + e.getClass().getSimpleName() + " (details in the log)");
        }
    }

    private void runPosted(Runnable task) {
        dirty = true;
        try {
            task.run();
        } catch (RuntimeException e) {
            // As for a key: a bug in one screen's follow-up must not take the terminal down.
            log.error("error in work handed to the screen", e);
            flash("internal error: " + e.getClass().getSimpleName() + " (details in the log)");
        }
    }

    /**
     * Ctrl+C: where the user types or waits it does what a shell does (drops the line, stops the
     * wait) and says how to quit; a second one within {@link #QUIT_AGAIN_WITHIN}, or one on a
     * screen with nothing typed or under way, quits.
     */
    private void interrupt(View view) {
        Instant now = clock.instant();
        String done = now.isBefore(quitArmedUntil) ? null : commandLine != null ? dropCommandLine() : view.interrupt();
        if (done == null) {
            apply(View.Step.QUIT);
            return;
        }
        quitArmedUntil = now.plus(QUIT_AGAIN_WITHIN);
        flash(done + "; " + Key.CTRL_C.display() + " again to quit");
    }

    private String dropCommandLine() {
        commandLine = null;
        return "line dropped";
    }

    /** Actions every screen has unless it handled them itself. */
    private View.Step global(Action action) {
        return switch (action) {
            case QUIT -> View.Step.QUIT;
            case BACK -> stack.size() > 1 ? View.Step.BACK : View.Step.STAY;
            case HELP -> new View.Step.Open(chrome.help(stack.peek()));
            case COMMAND -> {
                commandLine = new LineEditor(":", "");
                yield View.Step.STAY;
            }
            default -> View.Step.STAY;
        };
    }

    /** A line typed after {@code :}: the action it names, as if its key had been pressed here. */
    private void runCommand(View view, String typed) {
        Commands.Resolved resolved = Commands.resolve(typed, view.scope());
        if (resolved instanceof Commands.Resolved.Unknown unknown) {
            flash(unknown.message());
        } else if (resolved instanceof Commands.Resolved.GoTo go) {
            goTo(go.screen());
        } else if (resolved instanceof Commands.Resolved.Run run) {
            Action action = run.action();
            if (keymap.refuses(action)) {
                flash(Chrome.refusedReadonly(action));
            } else if (!view.scope().chain().contains(action.scope())) {
                String where = action.scope() == Scope.CONVERSATION
                        ? "conversations and events screens"
                        : HelpView.title(action.scope()).toLowerCase(Locale.ROOT) + " screen";
                flash(":" + action.fileName() + " is for the " + where);
            } else {
                View.Step step = view.on(action);
                apply(step instanceof View.Step.Stay ? global(action) : step);
            }
        }
    }

    /**
     * A screen by name, from any screen (as in k9s): help opens over the screen in front; a screen
     * already open is gone back to, each screen above it left as its back key would leave it (one
     * that asks first, a draft or a running transfer, stops there and asks); the sandboxes open
     * from the list of conversations, over the screen in front.
     */
    private void goTo(Scope screen) {
        View front = stack.peek();
        if (front.scope() == screen) {
            return;
        }
        if (screen == Scope.HELP) {
            apply(new View.Step.Open(chrome.help(front)));
        } else if (stack.stream().anyMatch(v -> v.scope() == screen)) {
            while (stack.peek().scope() != screen) {
                View.Step step = stack.peek().on(Action.BACK);
                if (!(step instanceof View.Step.Stay || step instanceof View.Step.Back)) {
                    apply(step);
                    return;
                }
                apply(View.Step.BACK);
            }
        } else if (screen == Scope.SANDBOXES) {
            apply(stack.peekLast().on(Action.OPEN_SANDBOXES));
        }
    }

    private void apply(View.Step step) {
        if (step instanceof View.Step.Back || step instanceof View.Step.Open || step instanceof View.Step.Replace) {
            endFlash(); // a message belongs to the screen it was said on
        }
        if (step instanceof View.Step.Quit) {
            while (!stack.isEmpty()) {
                stack.pop().closed();
            }
        } else if (step instanceof View.Step.Done done) {
            apply(View.Step.BACK);
            flash(done.message());
        } else if (step instanceof View.Step.Back) {
            View left = stack.pop();
            left.hidden();
            left.closed();
            if (!stack.isEmpty()) {
                stack.peek().shown();
            }
        } else if (step instanceof View.Step.Replace replace) {
            View left = stack.pop();
            left.hidden();
            left.closed();
            open(replace.view());
        } else if (step instanceof View.Step.Open open) {
            if (!stack.isEmpty()) {
                stack.peek().hidden();
            }
            open(open.view());
        } else if (step instanceof View.Step.Flash f) {
            flash(f.message());
        }
    }

    /** Shows a screen on top; tests that drive {@link #step} themselves open the home screen with it. */
    void open(View view) {
        stack.push(view);
        view.shown();
    }

    /** False once the user has quit (every screen closed). */
    boolean isOpen() {
        return !stack.isEmpty();
    }

    /** For tests: whether every key pressed and every task posted so far has been handled. */
    boolean keysHandled() {
        return inbox.stream().noneMatch(e -> e instanceof KeyStroke || e instanceof Posted);
    }

    /** For tests: the screen in front, or null once every screen has closed. */
    View front() {
        return stack.peek();
    }

    public void flash(String message) {
        flash = message;
        flashUntil = clock.instant().plus(FLASH_FOR);
        dirty = true;
    }

    private void endFlash() {
        flashUntil = Instant.EPOCH;
    }

    private void draw() throws IOException {
        Instant now = clock.instant();
        TerminalSize size = screen.getTerminalSize();
        Canvas canvas = Canvas.of(screen.newTextGraphics(), cells, look);
        View view = stack.peek();
        String message = now.isBefore(flashUntil) ? flash : null;
        try {
            // Every cell the one shared blank: the screen finds a cell that stays blank unchanged at a glance.
            screen.clear();
            chrome.header(canvas.rows(0, 1), view);
            view.draw(canvas.rows(1, Math.max(0, size.getRows() - 3)), now);
            if (commandLine != null) {
                commandLine.draw(canvas.rows(size.getRows() - 2, 1), commandChoices);
            } else {
                chrome.status(canvas.rows(size.getRows() - 2, 1), view, message, now);
            }
            chrome.footer(canvas.rows(size.getRows() - 1, 1), view);
        } catch (RuntimeException e) {
            log.error("error drawing " + view.title(), e);
            canvas.bar(
                    Math.max(0, size.getRows() - 2), "internal error while drawing (details in the log)", Theme.ERROR);
        }
        // A delta is only right when the terminal still shows the last frame; after a resize it
        // does not (terminals cut, reflow or scroll their content), so everything is sent again.
        screen.refresh(repaintAll ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        repaintAll = false;
        Instant changes = view.changesBy(now);
        nextTimedChange = message != null && flashUntil.isBefore(changes) ? flashUntil : changes;
        dirty = false;
        frames++;
        if (view != null && view.complete()) {
            Runnable first = onFirstCompleteFrame;
            onFirstCompleteFrame = null;
            if (first != null) {
                first.run();
            }
        }
    }

    /** How long the input thread sleeps between looks, once the keyboard has been quiet this long. */
    static Duration inputPoll(Duration quiet) {
        if (quiet.compareTo(TYPING_FOR) < 0) {
            return INPUT_POLL_TYPING;
        }
        return quiet.compareTo(IDLE_FOR) < 0 ? INPUT_POLL_IDLE : INPUT_POLL_WATCHING;
    }

    /**
     * Reads only what has arrived ({@code pollInput}), never blocking in a read: a read left
     * blocked when the user quits would take the next keys typed for the shell (the JVM needs a
     * few hundred milliseconds to exit after the screen is gone) and throw them away. Polling
     * never sees the EOF of a terminal that hung up (available() answers 0); the next frame's write
     * fails instead (every frame writes the cursor state, at least once a second), which ends the
     * loop, and SIGHUP usually ends the JVM before that.
     */
    private void readKeys() {
        try {
            long lastKeyAt = System.nanoTime();
            while (reading) {
                KeyStroke key = screen.pollInput();
                if (key == null) {
                    Thread.sleep(inputPoll(Duration.ofNanos(System.nanoTime() - lastKeyAt))
                            .toMillis());
                    continue;
                }
                lastKeyAt = System.nanoTime();
                inbox.offer(key);
                if (key.getKeyType() == KeyType.EOF) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            inbox.offer(new KeyStroke(KeyType.EOF));
        }
    }
}

package dev.ohtop.terminal;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The full screen: always a text terminal (never a Swing window), Ctrl+C delivered as a key,
 * and the terminal given back as it was on every way out: quit, exception, SIGTERM/SIGINT/SIGHUP
 * (via a shutdown hook). While the screen is up, stray writes to System.out/err go to the log.
 */
public final class TerminalSession implements AutoCloseable {
    private final Screen screen;
    private final Terminal terminal;
    /** The terminal's own output, under Lanterna's: for the bytes of a notice, written between frames. */
    private final OutputStream tty;

    private final TerminalLook look;
    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private final Thread restoreHook;
    private boolean closed;

    private TerminalSession(
            Screen screen,
            Terminal terminal,
            OutputStream tty,
            TerminalLook look,
            PrintStream originalOut,
            PrintStream originalErr) {
        this.screen = screen;
        this.terminal = terminal;
        this.tty = tty;
        this.look = look;
        this.originalOut = originalOut;
        this.originalErr = originalErr;
        this.restoreHook = new Thread(this::close, "ohtop-restore-terminal");
    }

    /** Thrown when there is no terminal to draw on (piped, cron, CI without a pty). */
    public static final class NoTerminalException extends Exception {
        NoTerminalException() {
            this("the full screen needs an interactive terminal (stdin and stdout must be a TTY); "
                    + "for plain text output use --list");
        }

        NoTerminalException(String message) {
            super(message);
        }
    }

    /** Throws unless stdin and stdout are both a terminal. */
    public static void requireTerminal() throws NoTerminalException {
        if (!interactive()) {
            throw new NoTerminalException();
        }
    }

    /**
     * Throws unless {@code TERM} names a terminal that can place the cursor (checked first: under
     * {@code TERM=dumb} that is the reason, whatever stdin and stdout are), then as {@link #requireTerminal()}.
     */
    public static void requireTerminal(java.util.Map<String, String> env) throws NoTerminalException {
        String unusable = TerminalLook.unusable(env);
        if (unusable != null) {
            throw new NoTerminalException(unusable);
        }
        requireTerminal();
    }

    /**
     * Up to JDK 21 {@code System.console()} is null unless stdin and stdout are a terminal. JDK 22
     * to 24 answer a console when they are redirected too (JLine became the default provider), and
     * added {@code Console.isTerminal()} to tell; it is called by reflection since ohtop builds for 17.
     */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException beforeJdk22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    /**
     * @param quietSink where stray output goes while the screen is up (the log), never the terminal
     * @param look      what the terminal can show (colour, Unicode marks)
     */
    public static TerminalSession open(OutputStream quietSink, TerminalLook look)
            throws IOException, NoTerminalException {
        requireTerminal();
        // Lanterna writes straight to the real stdout descriptor, not to System.out; a frame at a time.
        OutputStream tty = new FrameBufferedOutput(new FileOutputStream(FileDescriptor.out));
        Terminal terminal = new DefaultTerminalFactory(
                        tty, new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8)
                .setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                .createTerminal();
        signalKeysOff();
        Screen screen = new DeltaScreen(terminal);
        PrintStream out = System.out;
        PrintStream err = System.err;
        TerminalSession session = new TerminalSession(screen, terminal, tty, look, out, err);
        Runtime.getRuntime().addShutdownHook(session.restoreHook);
        screen.startScreen();
        screen.setCursorPosition(null);
        PrintStream quiet = new PrintStream(quietSink, true, StandardCharsets.UTF_8);
        System.setOut(quiet);
        System.setErr(quiet);
        return session;
    }

    /**
     * Lanterna turns Ctrl+C into a key ({@code intr undef}); this turns Ctrl+Z and Ctrl+\ into keys
     * too ({@code -isig}), and Ctrl+S and Ctrl+Q ({@code -ixon}). Otherwise Ctrl+Z stops the JVM with
     * the full screen still up: the shell prints on ohtop's screen, and after {@code fg} ohtop runs
     * on in cooked mode with echo. Ctrl+\ makes the JVM print a thread dump over the screen. Ctrl+S,
     * pressed from habit to save, freezes all output until Ctrl+Q, which looks like a hang. Lanterna
     * gives the terminal back by {@code stty} with the settings it saved before any change, so isig
     * and ixon come back with them.
     */
    private static void signalKeysOff() {
        String stty = System.getProperty("com.googlecode.lanterna.terminal.UnixTerminal.sttyCommand", "/bin/stty");
        try {
            Process process = new ProcessBuilder(stty, "-isig", "-ixon")
                    .redirectInput(new java.io.File("/dev/tty"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // Ctrl+Z and Ctrl+\ stay signals, Ctrl+S flow control, as before
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Screen screen() {
        return screen;
    }

    public TerminalLook look() {
        return look;
    }

    /**
     * Writes bytes Lanterna has no call for (a desktop notification's OSC, {@code terminal.Ring}) at
     * once. The UI thread only, between frames: Lanterna writes on that thread too, so a sequence
     * never lands inside one of its own. Nothing goes out once the full screen has been left.
     */
    public void send(byte[] bytes) throws IOException {
        tty.write(bytes, 0, bytes.length);
        tty.flush();
    }

    /** Calls {@code action} (on Lanterna's thread) whenever the terminal is resized. */
    public void onResize(Runnable action) {
        terminal.addResizeListener((t, size) -> action.run());
    }

    /** Idempotent; safe from the shutdown hook and the UI thread at once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            screen.stopScreen();
        } catch (IOException | RuntimeException e) {
            // the terminal may already be gone (SIGHUP); still restore its modes below
        }
        try {
            terminal.close(); // back to cooked mode with echo
        } catch (IOException | RuntimeException e) {
            // nothing more we can do
        }
        System.setOut(originalOut);
        System.setErr(originalErr);
        if (Thread.currentThread() != restoreHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreHook);
            } catch (IllegalStateException shuttingDown) {
                // already in shutdown: the hook runs, finds us closed, returns
            }
        }
    }
}

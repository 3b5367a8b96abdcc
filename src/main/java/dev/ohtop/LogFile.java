package dev.ohtop;

import dev.ohtop.api.Secrets;
import dev.ohtop.terminal.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;

/**
 * ohtop's log: a file under the user's state directory (never the terminal while the screen
 * is up), readable by its owner only, with every known secret (and any 8 characters of one in a
 * row) replaced before a line is written, and every line made inert as the screen makes it: a
 * key file, a server or a user can put escape sequences into a message, and {@code less} or
 * {@code cat} of the log would run them.
 */
public final class LogFile implements AutoCloseable {
    private final Path path;
    private final Writer out;
    private final Clock clock;
    private final Secrets secrets;

    private LogFile(Path path, Writer out, Clock clock, Secrets secrets) {
        this.path = path;
        this.out = out;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** {@code $XDG_STATE_HOME/ohtop/ohtop.log}, else {@code ~/.local/state/ohtop/ohtop.log}. */
    public static Path defaultPath(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank()
                ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("ohtop").resolve("ohtop.log");
    }

    /** Opens (appending) with mode 600, tightening an existing file's mode too. */
    public static LogFile open(Path path, Clock clock) throws IOException {
        return open(path, clock, new Secrets());
    }

    /** As {@link #open(Path, Clock)}, hiding {@code secrets} (the clients' set: session keys join it as they come). */
    public static LogFile open(Path path, Clock clock, Secrets secrets) throws IOException {
        Files.createDirectories(path.getParent());
        var ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (!Files.exists(path)) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(ownerOnly));
        }
        Files.setPosixFilePermissions(path, ownerOnly);
        Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return new LogFile(path, writer, clock, secrets);
    }

    public Path path() {
        return path;
    }

    /** Registers a secret (API key, session key) that must never be written. */
    public void redact(String secret) {
        secrets.add(secret);
    }

    public void info(String message) {
        write("INFO", message);
    }

    public void warn(String message) {
        write("WARN", message);
    }

    public void error(String message, Throwable error) {
        StringWriter trace = new StringWriter();
        if (error != null) {
            error.printStackTrace(new PrintWriter(trace));
        }
        write("ERROR", message + (error == null ? "" : "\n" + trace));
    }

    private synchronized void write(String level, String message) {
        // Lines after the first are indented: a message cannot pass for a log line of its own.
        String line = clock.instant() + " " + level + " " + scrub(message).replace("\n", "\n    ") + "\n";
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            // Logging must never take ohtop down; a full disk loses log lines, nothing else.
        }
    }

    /**
     * A stream for stray output while the screen is up (System.out/err): each line goes into the
     * log as an OUT line, through the same secret scrubbing as everything else.
     */
    public java.io.OutputStream strayOutput() {
        return new java.io.OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    flushLine();
                } else if (line.size() < 64 * 1024) {
                    line.write(b);
                }
            }

            @Override
            public synchronized void flush() {
                if (line.size() > 0) {
                    flushLine();
                }
            }

            private void flushLine() {
                LogFile.this.write("OUT", line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        };
    }

    String scrub(String text) {
        return TerminalText.safeLines(secrets.hide(text == null ? "" : text));
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}

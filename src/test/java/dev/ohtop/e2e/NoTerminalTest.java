package dev.ohtop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ohtop started the way cron, CI or a pipe starts it: stdin, stdout and stderr are pipes, no
 * terminal anywhere. The full screen must refuse at once with one line saying why; the plain
 * listing must work.
 */
@Tag("e2e")
class NoTerminalTest {
    private static final Launcher LAUNCHER = Launcher.fromTestClassPath();

    @TempDir
    Path state;

    @AfterAll
    static void nothingLeft() {
        LAUNCHER.killLeftovers();
    }

    @Test
    void theFullScreenNeedsATerminalAndSaysSoInOneLine() throws Exception {
        Run run = run("--demo");

        assertEquals(2, run.exitCode, run.toString());
        assertEquals("", run.stdout, "nothing on stdout: " + run);
        List<String> lines = run.stderr.lines().toList();
        assertEquals(1, lines.size(), "one line on stderr: " + run);
        String message = lines.get(0);
        assertTrue(message.startsWith("ohtop: ") && !message.startsWith("ohtop: ohtop"), message);
        assertTrue(message.contains("terminal"), "says a terminal is needed: " + message);
        assertTrue(message.contains("--list"), "suggests --list: " + message);
        assertFalse(Files.exists(state.resolve("ohtop")), "refused before starting anything (no log written)");
    }

    /** Emacs' shell, some IDE consoles: TERM=dumb cannot place the cursor, so the full screen is not even tried. */
    @Test
    void aDumbTerminalIsRefusedInOneLineThatPointsToTheListing() throws Exception {
        Run run = run(Map.of("TERM", "dumb"), "--demo");

        assertEquals(2, run.exitCode, run.toString());
        assertEquals("", run.stdout, "nothing on stdout: " + run);
        assertEquals(
                List.of("ohtop: this terminal (TERM=dumb) cannot draw the full screen; for plain text use --list"),
                run.stderr.lines().toList(),
                run.toString());
        assertFalse(Files.exists(state.resolve("ohtop")), "refused before starting anything (no log written)");
    }

    @Test
    void theListingNeedsNoTerminal() throws Exception {
        Run run = run("--list", "--demo");

        assertEquals(0, run.exitCode, run.toString());
        assertEquals("", run.stderr, "nothing on stderr: " + run);
        List<String> lines = run.stdout.lines().toList();
        assertTrue(
                lines.get(0).matches("SANDBOX +STATUS +ID +REPOSITORY +TITLE +COST +AGE +MODEL"),
                "no banner: the column titles come first: " + run);
        assertTrue(lines.stream().anyMatch(l -> l.matches("RUNNING +running +[0-9a-f]+ .*")), "a running row: " + run);
        assertTrue(run.stdout.chars().noneMatch(c -> c == 0x1b), "plain text, no escape sequences: " + run);
    }

    private record Run(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr + "---";
        }
    }

    private Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.command(args)); // stdin, stdout, stderr: pipes
        builder.environment().put("XDG_STATE_HOME", state.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close(); // nothing to read on stdin
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("ohtop " + String.join(" ", args) + " did not end in 20 s without a terminal;"
                    + " stdout:\n" + stdout.get(5, TimeUnit.SECONDS) + "\nstderr:\n" + stderr.get(5, TimeUnit.SECONDS));
        }
        return new Run(process.exitValue(), stdout.get(5, TimeUnit.SECONDS), stderr.get(5, TimeUnit.SECONDS));
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

package dev.ohtop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ohtop --list}: the conversations as plain lines, for scripts and terminals ohtop cannot draw on. */
class ListingTest {
    @TempDir
    Path dir;

    @Test
    void theAgesAreCountedFromTheClockOhtopRunsWith() {
        Clock muchLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(1000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.run(
                new String[] {"--demo", "--list"},
                Map.of("LANG", "C.UTF-8", "XDG_STATE_HOME", dir.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                muchLater);

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        List<String> rows = out.toString(StandardCharsets.UTF_8)
                .lines()
                .dropWhile(line -> !line.startsWith("SANDBOX"))
                .skip(1)
                .toList();
        assertEquals(30, rows.size(), String.join("\n", rows));
        assertTrue(
                rows.stream().allMatch(row -> row.matches(".* 10\\d\\dd  .*")),
                "every conversation changed about 1000 days before the clock's now:\n" + String.join("\n", rows));
    }
}

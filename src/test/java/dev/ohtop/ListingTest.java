package dev.ohtop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
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

    @Test
    void attachedTheListingIsTheAgentServersConversationsWithNoSandboxWord() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            SandboxSnapshot sandbox = demo.world().sandboxes().stream()
                    .filter(s -> s.status() == SandboxStatus.RUNNING)
                    .findFirst()
                    .orElseThrow();
            List<ConversationSnapshot> held = demo.world().conversations().stream()
                    .filter(c -> c.sandboxId().equals(sandbox.id()))
                    .toList();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int exit = Main.run(
                    new String[] {"--agent-server", sandbox.agentServerUrl().toString(), "--list"},
                    Map.of("LANG", "C.UTF-8", "OH_SESSION_API_KEY", sandbox.sessionApiKey()),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    Clock.systemUTC());

            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
            assertTrue(text.startsWith("SANDBOX"), "no banner: a script reads the rows:\n" + text);
            List<String> rows = text.lines()
                    .dropWhile(line -> !line.startsWith("SANDBOX"))
                    .skip(1)
                    .toList();
            assertEquals(held.size(), rows.size(), text);
            for (ConversationSnapshot c : held) {
                assertTrue(rows.stream().anyMatch(r -> r.contains(c.id().substring(0, 8))), c.id() + "\n" + text);
            }
            assertFalse(text.contains("RUNNING"), text);
            assertFalse(text.contains(sandbox.sessionApiKey()), "the key is not printed");
        }
    }
}

package dev.ohtop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    @Test
    void withoutKeyOrDemoTheMessageNamesTheVariableAndDemo() {
        var e = assertThrows(Options.UsageException.class, () -> Options.parse(new String[0], Map.of()));
        assertTrue(e.getMessage().contains("OPENHANDS_CLOUD_API_KEY"), e.getMessage());
        assertTrue(e.getMessage().contains("--demo"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void cloudKeyVariableWinsOverTheFallback() throws Exception {
        Options o = Options.parse(new String[0], Map.of("OPENHANDS_CLOUD_API_KEY", "k1", "OPENHANDS_API_KEY", "k2"));
        assertEquals("k1", o.apiKey());
        assertEquals(
                "k2",
                Options.parse(new String[0], Map.of("OPENHANDS_API_KEY", "k2")).apiKey());
    }

    @Test
    void flagsOverrideEnvironmentOverDefaults() throws Exception {
        Map<String, String> env = Map.of("OPENHANDS_API_KEY", "k", "OPENHANDS_BASE_URL", "https://env.example");
        assertEquals(
                "https://app.all-hands.dev",
                Options.parse(new String[0], Map.of("OPENHANDS_API_KEY", "k"))
                        .baseUrl()
                        .toString());
        assertEquals(
                "https://env.example",
                Options.parse(new String[0], env).baseUrl().toString());
        Options o = Options.parse(
                new String[] {
                    "--base-url", "https://flag.example", "--refresh=5", "--keymap", "vim", "--readonly", "--insecure"
                },
                env);
        assertEquals("https://flag.example", o.baseUrl().toString());
        assertEquals(Duration.ofSeconds(5), o.refresh());
        assertEquals("vim", o.keymap());
        assertTrue(o.readonly() && o.insecure());
    }

    @Test
    void aKeyOnTheCommandLineIsRefused() {
        var e = assertThrows(
                Options.UsageException.class,
                () -> Options.parse(new String[] {"--api-key", "secret-value"}, Map.of()));
        assertFalse(e.getMessage().contains("secret-value"));
    }

    @Test
    void theKeyCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "  from-file\n");
        assertEquals(
                "from-file",
                Options.parse(new String[] {"--api-key-file", file.toString()}, Map.of())
                        .apiKey());
    }

    @Test
    void demoNeedsNoKeyAndTheKeyNeverShowsInToString() throws Exception {
        assertTrue(Options.parse(new String[] {"--demo"}, Map.of()).demo());
        Options o = Options.parse(new String[0], Map.of("OPENHANDS_API_KEY", "super-secret"));
        assertFalse(o.toString().contains("super-secret"));
    }

    @Test
    void badValuesGetClearMessages() {
        Map<String, String> env = Map.of("OPENHANDS_API_KEY", "k");
        assertTrue(assertThrows(
                        Options.UsageException.class, () -> Options.parse(new String[] {"--refresh", "soon"}, env))
                .getMessage()
                .contains("seconds"));
        assertTrue(assertThrows(
                        Options.UsageException.class, () -> Options.parse(new String[] {"--base-url", "ftp://x"}, env))
                .getMessage()
                .contains("https://"));
        assertTrue(assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"--bogus"}, env))
                .getMessage()
                .contains("--bogus"));
    }

    @Test
    void asciiIsAskedForWithAFlag() throws Exception {
        Map<String, String> env = Map.of("OPENHANDS_API_KEY", "k");
        assertTrue(Options.parse(new String[] {"--ascii"}, env).ascii());
        assertFalse(Options.parse(new String[0], env).ascii());
        assertTrue(Options.usage().contains("--ascii"), Options.usage());
    }

    @Test
    void notifyChoosesHowANoticeRingsTheBellByDefault() throws Exception {
        assertEquals(
                dev.ohtop.terminal.Ring.BELL,
                Options.parse(new String[] {"--demo"}, Map.of()).ring());
        assertEquals(
                dev.ohtop.terminal.Ring.OSC777,
                Options.parse(new String[] {"--demo", "--notify", "osc777"}, Map.of())
                        .ring());
        assertEquals(
                dev.ohtop.terminal.Ring.NONE,
                Options.parse(new String[] {"--demo", "--notify=none"}, Map.of())
                        .ring());
        var e = assertThrows(
                Options.UsageException.class,
                () -> Options.parse(new String[] {"--demo", "--notify", "beep"}, Map.of()));
        assertEquals("--notify takes bell, osc9, osc777 or none, not 'beep'", e.getMessage());
        assertTrue(Options.usage().contains("--notify HOW"), Options.usage());
    }

    @Test
    void outOfRangeNumbersSayTheRangeThatIsAccepted() {
        Map<String, String> env = Map.of("OPENHANDS_API_KEY", "k");
        assertEquals(
                "--max-events must be between 100 and 10000000",
                assertThrows(
                                Options.UsageException.class,
                                () -> Options.parse(new String[] {"--max-events", "999999999999"}, env))
                        .getMessage());
        assertEquals(
                "--refresh must be between 0.5 and 3600 seconds",
                assertThrows(Options.UsageException.class, () -> Options.parse(new String[] {"--refresh", "NaN"}, env))
                        .getMessage(),
                "NaN is no number of seconds");
        assertTrue(assertThrows(
                        Options.UsageException.class, () -> Options.parse(new String[] {"--max-events", "lots"}, env))
                .getMessage()
                .contains("100 to 10000000"));
    }

    @Test
    void anUnreadableKeyFileIsNamedInPlainWordsNeverByAnExceptionClass(@TempDir Path dir) {
        for (String path : new String[] {dir.resolve("missing").toString(), dir.toString(), "bad\0path"}) {
            String message = assertThrows(
                            Options.UsageException.class,
                            () -> Options.parse(new String[] {"--api-key-file", path}, Map.of()))
                    .getMessage();
            assertFalse(message.contains("Exception"), message);
            assertTrue(message.endsWith("(--api-key-file)"), message);
        }
    }

    @Test
    void anUnknownOptionIsQuotedCutSoAPastedSecretIsNotEchoedWhole() {
        String pasted = "--ghp_R2d2C3poBb8Yoda0Luke1Leia2Han3Solo4Chewie";
        String message = assertThrows(
                        Options.UsageException.class, () -> Options.parse(new String[] {pasted}, Map.of()))
                .getMessage();
        assertFalse(message.contains(pasted), message);
        assertTrue(message.startsWith("unknown option --ghp_R2d2"), message);
    }

    // ---- --agent-server ---------------------------------------------------------------

    @Test
    void attachingTakesTheSessionKeyFromTheEnvironmentAndNeedsNoApiKey() throws Exception {
        Options o = Options.parse(
                new String[] {"--agent-server", "http://127.0.0.1:8000/"}, Map.of("OH_SESSION_API_KEY", "s1"));
        assertEquals("http://127.0.0.1:8000", o.agentServer().toString());
        assertEquals("s1", o.sessionKey());
        assertEquals(null, o.apiKey());
        assertFalse(o.toString().contains("s1"), o.toString());
    }

    @Test
    void theSessionKeyFileWinsOverTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "from-file\n");
        Options o = Options.parse(
                new String[] {"--agent-server=http://localhost:8000", "--session-key-file", file.toString()},
                Map.of("OH_SESSION_API_KEY", "from-env"));
        assertEquals("from-file", o.sessionKey());
    }

    @Test
    void attachingWithoutASessionKeyNamesTheVariableAndTheFile() {
        var e = assertThrows(
                Options.UsageException.class,
                () -> Options.parse(new String[] {"--agent-server", "http://127.0.0.1:8000"}, Map.of()));
        assertTrue(e.getMessage().contains("OH_SESSION_API_KEY"), e.getMessage());
        assertTrue(e.getMessage().contains("--session-key-file"), e.getMessage());
    }

    @Test
    void aSessionKeyOnTheCommandLineIsRefusedWithoutEchoingIt() {
        var e = assertThrows(
                Options.UsageException.class,
                () -> Options.parse(
                        new String[] {"--agent-server", "http://127.0.0.1:8000", "--session-key", "sk-secret-value"},
                        Map.of("OH_SESSION_API_KEY", "s")));
        assertTrue(e.getMessage().contains("would show in ps"), e.getMessage());
        assertTrue(e.getMessage().contains("OH_SESSION_API_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-secret-value"), e.getMessage());
    }

    @Test
    void attachingRefusesTheDemoABaseUrlAndAnApiKeyFile() {
        Map<String, String> env = Map.of("OH_SESSION_API_KEY", "s");
        var demo = assertThrows(
                Options.UsageException.class,
                () -> Options.parse(new String[] {"--demo", "--agent-server", "http://127.0.0.1:8000"}, env));
        assertTrue(demo.getMessage().contains("--demo"), demo.getMessage());
        var base = assertThrows(
                Options.UsageException.class,
                () -> Options.parse(
                        new String[] {"--agent-server", "http://127.0.0.1:8000", "--base-url", "https://x.example"},
                        env));
        assertTrue(base.getMessage().contains("--base-url"), base.getMessage());
        var apiKeyFile = assertThrows(
                Options.UsageException.class,
                () -> Options.parse(
                        new String[] {"--agent-server", "http://127.0.0.1:8000", "--api-key-file", "/nonexistent"},
                        env));
        assertTrue(apiKeyFile.getMessage().contains("--api-key-file"), apiKeyFile.getMessage());
    }

    @Test
    void theSessionKeyIsNotSentOverPlainHttpToAnotherHostUnlessInsecure() throws Exception {
        Map<String, String> env = Map.of("OH_SESSION_API_KEY", "s");
        var e = assertThrows(
                Options.UsageException.class,
                () -> Options.parse(new String[] {"--agent-server", "http://agents.example:8000"}, env));
        assertTrue(e.getMessage().contains("session key"), e.getMessage());
        assertEquals(
                "agents.example",
                Options.parse(new String[] {"--agent-server", "http://agents.example:8000", "--insecure"}, env)
                        .agentServer()
                        .getHost());
    }

    @Test
    void aSessionKeyFileWithoutAnAgentServerIsAUsageError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "k");
        var e = assertThrows(
                Options.UsageException.class,
                () -> Options.parse(
                        new String[] {"--session-key-file", file.toString()}, Map.of("OPENHANDS_API_KEY", "k")));
        assertTrue(e.getMessage().contains("--agent-server"), e.getMessage());
    }
}

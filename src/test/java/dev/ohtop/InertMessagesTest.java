package dev.ohtop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that quote a key file, a server or the user, on stderr ({@link Main#run}) and in the
 * log: inert as on screen (an escape sequence must not retitle or clear the terminal, nor run when
 * the log is read with {@code cat}), bidi controls named, secrets hidden or cut.
 */
@Tag("security")
@DisplayName("Messages on stderr and in the log are inert")
class InertMessagesTest {
    private static final String TITLE_AND_CLEAR = "\u001b]0;PWNED\u0007\u001b[2J";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run ohtop(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(Map.of(
                "TERM",
                "xterm-256color",
                "LANG",
                "C.UTF-8",
                "XDG_STATE_HOME",
                dir.resolve("state").toString()));
        env.putAll(extraEnv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemDefaultZone());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path keyFile(String... lines) throws Exception {
        return Files.write(dir.resolve("mine.keys"), List.of(lines));
    }

    private static void assertNoControls(String text) {
        assertTrue(
                text.chars().noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c <= 0x9f),
                "no control character: " + text.replace("\u001b", "<ESC>"));
    }

    @Test
    void anEscapeSequenceInAKeyFileReachesStderrInert(TestReporter reporter) throws Exception {
        Path keys = keyFile("global.up = " + TITLE_AND_CLEAR, "glob" + TITLE_AND_CLEAR + ".up = k");

        Run run = ohtop(Map.of(), "--demo", "--keymap", keys.toString());

        assertEquals(2, run.exit());
        assertNoControls(run.err());
        assertTrue(run.err().contains("line 1: unknown key `^[]0;PWNED^G^[[2J`"), run.err());
        assertTrue(run.err().contains("line 2: unknown scope `glob^[]0;PWNED^G^[[2J`"), run.err());
        assertTrue(run.err().lines().allMatch(l -> l.startsWith("ohtop: ")), run.err());
        reporter.publishEntry("seen", run.err().strip().replace(dir.toString(), "…"));
    }

    @Test
    void aSecretPastedIntoAKeyFileIsNotEchoedWhole(TestReporter reporter) throws Exception {
        String token = "ghp_R2d2C3poBb8Yoda0Luke1Leia2Han3Solo4Chewie";
        Path keys = keyFile("# my keys", "global.help = " + token);

        Run run = ohtop(Map.of(), "--demo", "--keymap", keys.toString());

        assertEquals(2, run.exit());
        assertFalse(run.err().contains(token), run.err());
        assertTrue(run.err().contains("line 2: unknown key `ghp_R2d2C3po"), "enough to find the line: " + run.err());
        reporter.publishEntry("seen", run.err().strip().replace(dir.toString(), "…"));
    }

    @Test
    void theApiKeyPastedIntoAKeyFileIsHiddenOnStderr() throws Exception {
        String key = "sk-oh-7a1b2c3d4e5f6a7b8c9d0e";
        Path keys = keyFile("global.help = " + key);

        Run run = ohtop(Map.of("OPENHANDS_CLOUD_API_KEY", key), "--keymap", keys.toString());

        assertEquals(2, run.exit());
        assertFalse(run.err().contains(key.substring(0, 8)), run.err());
        assertTrue(run.err().contains("unknown key `****"), run.err());
    }

    @Test
    void bidiControlsInAKeyFileAreNamedOnStderrAsOnScreen() throws Exception {
        Path keys = keyFile("global.help = F1\u202Eevil\u2066");

        Run run = ohtop(Map.of(), "--demo", "--keymap", keys.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("`F1<U+202E>evil<U+2066>`"), run.err());
        assertTrue(run.err().codePoints().noneMatch(cp -> cp == 0x202e || cp == 0x2066), run.err());
    }

    @Test
    void theLogMakesQuotedTextInertAndAMessageCannotForgeALogLine(TestReporter reporter) throws Exception {
        Path path = dir.resolve("ohtop.log");
        try (LogFile log = LogFile.open(path, Clock.systemUTC())) {
            log.warn("mine.keys line 3: unknown key `" + TITLE_AND_CLEAR + "\u202E`");
            log.warn("server said: fine\n2026-01-01T00:00:00Z INFO all is well");
        }

        String text = Files.readString(path);
        assertNoControls(text);
        assertTrue(text.contains("unknown key `^[]0;PWNED^G^[[2J<U+202E>`"), text);
        List<String> lines = text.lines().toList();
        assertEquals(3, lines.size(), text);
        assertTrue(lines.get(2).startsWith(" "), "the second line of a message is indented: " + text);
        reporter.publishEntry("seen", lines.get(0).replaceFirst("^\\S+ ", ""));
    }

    @Test
    void aMissingKeyFileIsNamedInPlainWordsWithTheUsersPath() {
        Run run = ohtop(Map.of(), "--api-key-file", "/missing/key");

        assertEquals(2, run.exit());
        assertEquals("ohtop: no such file: /missing/key (--api-key-file)\n", run.err());
    }

    @Test
    void aDumbTerminalIsRefusedInOneLineBeforeAnythingStarts() {
        Run run = ohtop(Map.of("TERM", "dumb"), "--demo");

        assertEquals(2, run.exit());
        assertEquals(
                "ohtop: this terminal (TERM=dumb) cannot draw the full screen; for plain text use --list\n", run.err());
        assertFalse(Files.exists(dir.resolve("state")), "nothing started: no log");
    }
}

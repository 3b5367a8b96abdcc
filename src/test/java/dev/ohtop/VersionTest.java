package dev.ohtop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ohtop.testing.PomVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The version a user is told is the one the pom builds: there is no second copy to forget. */
class VersionTest {
    @Test
    void versionFlagPrintsThePomsVersion() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = Main.run(
                new String[] {"--version"},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                java.time.Clock.systemUTC());

        assertEquals(0, exit);
        assertEquals("ohtop " + PomVersion.read() + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    }
}

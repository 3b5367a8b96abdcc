package dev.ohtop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Tag("security")
@org.junit.jupiter.api.DisplayName("Keys never leak")
class LogFileTest {

    @Test
    void theLogIsOwnerOnlyAndNeverHoldsAKeyEvenFromStrayOutput(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("state/ohtop/ohtop.log");
        try (LogFile log = LogFile.open(path, Clock.systemUTC())) {
            log.redact("sk-secret-123456");
            log.info("calling with sk-secret-123456");
            PrintStream stray = new PrintStream(log.strayOutput(), true, StandardCharsets.UTF_8);
            stray.println("a library printed sk-secret-123456 by mistake");
        }

        String text = Files.readString(path);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertFalse(text.contains("sk-secret-123456"), text);
        assertTrue(text.contains("calling with ****"), text);
        assertTrue(text.contains("OUT a library printed **** by mistake"), text);
    }
}

package dev.ohtop.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without Python 3.12+ the script says so and exits 3, which the contract tests turn into "skipped, because...". */
class RealAgentServerScriptTest {

    @Test
    void withoutASuitablePythonTheScriptExplainsAndExitsThree(@TempDir Path cache) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        List.of("bash", "src/test/scripts/real-agent-server.sh", "--install-only"))
                .redirectErrorStream(true);
        builder.environment().put("OHTOP_CACHE", cache.toString());
        builder.environment().put("OHTOP_PYTHON", "/bin/false");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, process.exitValue(), output);
        assertTrue(output.contains("no suitable Python"), output);
    }
}

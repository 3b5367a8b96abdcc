package dev.ohtop.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming is real: a file larger than the whole heap goes down and back up intact. */
class StreamingTest {

    @Test
    void aFileLargerThanTheHeapDownloadsAndUploadsIntact(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("probe.log");
        Process probe = new ProcessBuilder(List.of(
                        java,
                        "-Xmx48m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StreamingProbe.class.getName(),
                        dir.toString(),
                        "128"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();

        assertTrue(probe.waitFor(3, TimeUnit.MINUTES), "probe finished");
        String output = Files.readString(log);
        assertEquals(0, probe.exitValue(), output);
        assertTrue(output.contains("size=134217728"), output);
    }
}

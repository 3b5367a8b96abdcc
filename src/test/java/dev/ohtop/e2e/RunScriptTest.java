package dev.ohtop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run.sh} in a copy of the project whose {@code mvn} and {@code java} are stand-ins that
 * only record their calls: the first run builds, which takes about a minute for real, and the
 * terminal must not sit blank meanwhile.
 */
@Tag("e2e")
class RunScriptTest {
    @TempDir
    Path dir;

    @Test
    void theFirstRunSaysItIsBuildingAndALaterOneDoesNot() throws Exception {
        Path project = Files.createDirectories(dir.resolve("ohtop"));
        Files.copy(Path.of("run.sh"), project.resolve("run.sh"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("mvn"), "mkdir -p target && echo jar > target/ohtop.jar");
        script(bin.resolve("java"), "echo \"java $*\" >> \"" + dir.resolve("java-calls") + "\"");

        List<String> first = runScript(project, bin);
        List<String> second = runScript(project, bin);

        assertEquals("ohtop: building ohtop (first run, about a minute)...", first.get(0), "stderr: " + first);
        assertFalse(second.stream().anyMatch(l -> l.contains("building")), "stderr: " + second);
        assertTrue(
                Files.readString(dir.resolve("java-calls")).contains("-jar " + project.resolve("target/ohtop.jar")),
                "ohtop was run after the build");
    }

    private static void script(Path path, String body) throws IOException {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    }

    /** Runs {@code run.sh --demo}; returns its stderr lines. */
    private static List<String> runScript(Path project, Path bin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", project.resolve("run.sh").toString(), "--demo")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.start();
        process.getOutputStream().close();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "run.sh ended");
        assertEquals(0, process.exitValue(), stderr);
        return stderr.lines().toList();
    }
}

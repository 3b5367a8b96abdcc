package dev.ohtop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.commands.Command;
import dev.ohtop.commands.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Commands for scripts" shows one line per recipe; each runs as written in bash, in
 * a fresh folder, with {@code ohtop} standing for ohtop against its demo, as the README says.
 */
@Tag("e2e")
class ReadmeCommandsTest {
    private static final Launcher LAUNCHER = Launcher.fromTestClassPath();
    private static final String SECTION = "## Commands for scripts";

    @TempDir
    Path dir;

    @AfterEach
    void noOhtopLeft() {
        LAUNCHER.killLeftovers();
    }

    @Test
    void everyCommandHasAnExampleInTheReadme() throws IOException {
        List<String> examples = examples();
        for (Command c : Commands.all()) {
            assertTrue(
                    examples.stream().anyMatch(l -> l.contains("ohtop " + c.name() + " ")),
                    "an example of ohtop " + c.name() + " in " + SECTION);
        }
    }

    @Test
    void eachExampleRunsAsWrittenAgainstTheDemo() throws Exception {
        Path bin = dir.resolve("bin");
        LAUNCHER.writeScript(bin, "ohtop-itself");
        Path ohtop = bin.resolve("ohtop");
        Files.writeString(ohtop, "#!/bin/sh\nexec \"$(dirname \"$0\")/ohtop-itself\" --demo \"$@\"\n");
        Files.setPosixFilePermissions(ohtop, PosixFilePermissions.fromString("rwx------"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("task.md"), "Fix the flaky test in tests/test_api.py\n");
        Files.writeString(work.resolve("notes.txt"), "notes for the sandbox\n");

        List<String> failed = new ArrayList<>();
        for (String line : examples()) {
            Result r = run(line, bin, work);
            boolean follows = line.contains("--follow");
            boolean ok = follows ? r.timedOut && !r.out.isBlank() : !r.timedOut && r.exit == 0;
            if (!ok || r.err.contains("internal error")) {
                failed.add(line + "\n" + r);
            }
        }

        assertEquals(List.of(), failed, "README lines that did not run as written");
        assertTrue(Files.size(work.resolve("run.zip")) > 0, "trajectory wrote run.zip");
        assertEquals(
                "# Demo project",
                Files.readString(work.resolve("copy.md")).lines().findFirst().orElse(""),
                "cp downloaded the sandbox's README");
    }

    /** The lines of the section's first sh block, without their comments. */
    private static List<String> examples() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, SECTION + " in README.md");
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        int end = readme.indexOf("```", start);
        List<String> lines = new ArrayList<>();
        for (String line : readme.substring(start, end).split("\n")) {
            String command = line.replaceAll("\\s+# .*$", "").strip();
            if (!command.isEmpty()) {
                lines.add(command);
            }
        }
        assertFalse(lines.isEmpty());
        return lines;
    }

    private record Result(int exit, boolean timedOut, String out, String err) {
        @Override
        public String toString() {
            return (timedOut ? "still running" : "exit " + exit) + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** One line in bash (pipes fail as a whole), {@code --follow} lines stopped after a few seconds. */
    private Result run(String line, Path bin, Path work) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", line).directory(work.toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(line.contains("--follow") ? 8 : 90, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        return new Result(
                ended ? process.exitValue() : -1,
                !ended,
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

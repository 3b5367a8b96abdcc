package dev.ohtop.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How the end-to-end tests start ohtop: what {@code run.sh} runs ({@code java -XX:+UseSerialGC
 * -jar target/ohtop.jar ...}) minus the jar. In {@code mvn verify} the tests run before the
 * package phase, so the jar may be missing or stale; the compiled classes on the test class path
 * are exactly what the jar would hold. (The test class path also holds test-only libraries;
 * nothing in ohtop looks them up, so they are inert.)
 * <p>
 * A unique system property marks every process started this way, so a test can find its pid
 * (to send it SIGTERM) without matching anything else on the machine.
 */
final class Launcher {
    static final String MAIN = "dev.ohtop.Main";

    private final String java;
    private final String classPath;
    private final String marker;

    private Launcher(String java, String classPath, String marker) {
        this.java = java;
        this.classPath = classPath;
        this.marker = marker;
    }

    static Launcher fromTestClassPath() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String marker = "ohtop.e2e.run=" + UUID.randomUUID();
        return new Launcher(java, System.getProperty("java.class.path"), marker);
    }

    /** The command line, for starting ohtop without a terminal. */
    List<String> command(String... args) {
        return command(List.of(), args);
    }

    private List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-D" + marker));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, MAIN));
        command.addAll(List.of(args));
        return command;
    }

    /** Writes {@code dir/ohtop}, a script that runs {@link #command} with its arguments; {@code dir} goes on PATH. */
    Path writeScript(Path dir) throws IOException {
        return writeScript(dir, "ohtop");
    }

    /** Writes {@code dir/name}, the same script with {@code jvmOptions} (system properties) for the JVM. */
    Path writeScript(Path dir, String name, String... jvmOptions) throws IOException {
        Files.createDirectories(dir);
        StringBuilder line = new StringBuilder("exec");
        for (String word : command(List.of(jvmOptions))) {
            line.append(' ').append(quote(word));
        }
        Path script = dir.resolve(name);
        Files.writeString(
                script,
                "#!/bin/sh\n"
                        + "# ohtop for the end-to-end tests: run.sh's java command on the test class path instead of the jar.\n"
                        + line + " \"$@\"\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** The ohtop processes this launcher started that are still alive. */
    List<ProcessHandle> running() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains("-D" + marker))
                        .orElse(false))
                .toList();
    }

    /** Last resort after a failed test: nothing this launcher started may outlive the tests. */
    void killLeftovers() {
        running().forEach(ProcessHandle::destroyForcibly);
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

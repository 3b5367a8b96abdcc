package dev.ohtop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs sandbox commands for real: {@code bash -c} in the sandbox's scratch directory, each in a
 * fresh process as the agent server does. Output goes to files and is cut into 1 MiB
 * {@code BashOutput} chunks as it grows; the final event carries the exit code, or -1 after a
 * timeout, when the whole process tree is killed. A command sees nothing of ohtop's environment
 * but what {@link CommandEnvironment} lets through.
 */
final class BashRunner implements AutoCloseable {
    /** Output above this per stream arrives in earlier chunks (the agent server's MAX_CONTENT_CHAR_LENGTH). */
    static final int CHUNK_BYTES = 1 << 20;

    private static final long POLL_MILLIS = 20;

    record Request(String command, String cwd, int timeoutSeconds) {}

    private final SandboxFiles files;
    private final IdSource ids;
    private final Clock clock;
    private final ExecutorService background;
    private final Map<String, String> ohtopEnvironment;
    private final Map<String, BashEvents> eventsBySandbox = new ConcurrentHashMap<>();
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Set<String> stopRequested = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param ohtopEnvironment ohtop's own environment, of which commands see only {@link CommandEnvironment}'s part */
    BashRunner(
            SandboxFiles files,
            IdSource ids,
            Clock clock,
            ExecutorService background,
            Map<String, String> ohtopEnvironment) {
        this.files = files;
        this.ids = ids;
        this.clock = clock;
        this.background = background;
        this.ohtopEnvironment = Map.copyOf(ohtopEnvironment);
    }

    BashEvents events(String sandboxId) {
        return eventsBySandbox.computeIfAbsent(sandboxId, id -> new BashEvents());
    }

    /**
     * Runs to the end (exit or timeout) and returns the final {@code BashOutput} carrying the
     * whole output: the real agent server (1.58.2) joins every chunk into the execute answer,
     * though its stored chunks stay split (see docs/fidelity.md).
     */
    ObjectNode execute(String sandboxId, Request request) throws IOException {
        SandboxPaths paths = files.paths(sandboxId);
        Path cwd = paths.resolve(request.cwd() == null ? SandboxFiles.PROJECT : request.cwd());
        BashEvents.Command command = record(sandboxId, request);
        BashEvents.Output last = run(sandboxId, paths, command, cwd);
        return BashEvents.joinedJson(events(sandboxId), last, paths);
    }

    /** Returns the {@code BashCommand} at once; the outputs follow in the sandbox's bash events. */
    ObjectNode start(String sandboxId, Request request) {
        SandboxPaths paths = files.paths(sandboxId);
        Path cwd = paths.resolve(request.cwd() == null ? SandboxFiles.PROJECT : request.cwd());
        BashEvents.Command command = record(sandboxId, request);
        background.execute(() -> {
            try {
                run(sandboxId, paths, command, cwd);
            } catch (IOException | RuntimeException e) {
                // run() reports its own failures as output; this is a failure of the server itself.
                events(sandboxId)
                        .add(new BashEvents.Output(ids.hex32(), clock.instant(), command.id(), 0, -1, null, null));
            }
        });
        return BashEvents.json(command, paths);
    }

    @Override
    public void close() {
        closed = true;
        running.values().forEach(BashRunner::killTree);
    }

    private BashEvents.Command record(String sandboxId, Request request) {
        BashEvents.Command command = new BashEvents.Command(
                ids.hex32(), clock.instant(), request.command(), request.cwd(), request.timeoutSeconds());
        events(sandboxId).add(command);
        return command;
    }

    private BashEvents.Output run(String sandboxId, SandboxPaths paths, BashEvents.Command command, Path cwd)
            throws IOException {
        Path dir = files.bashDir(sandboxId);
        OutputFile stdout = new OutputFile(dir.resolve(command.id() + ".stdout"), true);
        OutputFile stderr = new OutputFile(dir.resolve(command.id() + ".stderr"), false);
        Chunker chunker = new Chunker(events(sandboxId), command.id(), stdout, stderr);
        int exitCode;
        if (!Files.isDirectory(cwd)) {
            // What the agent server reports when its subprocess cannot start in cwd.
            Files.writeString(
                    stderr.file,
                    "Error executing command: [Errno 2] No such file or directory: '" + command.cwd() + "'");
            exitCode = -1;
        } else {
            exitCode = runProcess(paths, command, cwd, stdout, stderr, chunker);
        }
        chunker.emitFullChunks();
        BashEvents.Output last = new BashEvents.Output(
                ids.hex32(), clock.instant(), command.id(), chunker.order, exitCode, stdout.rest(), stderr.rest());
        events(sandboxId).add(last);
        return last;
    }

    private int runProcess(
            SandboxPaths paths,
            BashEvents.Command command,
            Path cwd,
            OutputFile stdout,
            OutputFile stderr,
            Chunker chunker)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", paths.toHostCommand(command.command()))
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.file.toFile())
                .redirectError(stderr.file.toFile());
        // A cleared environment: no PWD either, so bash asks the kernel for its directory.
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(CommandEnvironment.of(ohtopEnvironment, paths.resolve(SandboxFiles.HOME), paths.resolve("/tmp")));
        Process process = builder.start();
        running.put(command.id(), process);
        try {
            return await(process, command.id(), command.timeout(), chunker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            return -1;
        } finally {
            running.remove(command.id());
            stopRequested.remove(command.id());
        }
    }

    /**
     * Asks a running command to stop, as {@code POST /api/bash/bash_commands/{id}/stop} does;
     * false when no such command runs (finished commands answer success on the real server too).
     */
    boolean stop(String sandboxId, String commandId) {
        boolean known = events(sandboxId).all().stream().anyMatch(e -> e.id().equals(commandId));
        if (known && running.containsKey(commandId)) {
            stopRequested.add(commandId);
        }
        return known;
    }

    private int await(Process process, String commandId, int timeoutSeconds, Chunker chunker)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(0, timeoutSeconds));
        while (true) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (process.waitFor(Math.max(0, Math.min(POLL_MILLIS, leftMillis)), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            chunker.emitFullChunks();
            if (closed || stopRequested.contains(commandId) || System.nanoTime() - deadline >= 0) {
                killTree(process);
                process.waitFor(5, TimeUnit.SECONDS);
                return -1;
            }
        }
    }

    /**
     * Kills the tree from the top: each process is killed before its children, so a shell never
     * sees its child die and goes on to its next command; the children are listed before their
     * parent dies, since afterwards they would no longer be its descendants.
     */
    private static void killTree(Process process) {
        killTree(process.toHandle());
    }

    private static void killTree(ProcessHandle process) {
        List<ProcessHandle> children = process.children().toList();
        process.destroyForcibly();
        children.forEach(BashRunner::killTree);
    }

    /** One output stream's file and how much of it is already in events. */
    private static final class OutputFile {
        final Path file;
        final boolean isStdout;
        long emitted;

        OutputFile(Path file, boolean isStdout) {
            this.file = file;
            this.isStdout = isStdout;
        }

        long size() throws IOException {
            return Files.exists(file) ? Files.size(file) : 0;
        }

        /** What is left after the chunks, or null when nothing is. */
        BashEvents.Slice rest() throws IOException {
            long size = size();
            return size > emitted ? new BashEvents.Slice(file, emitted, (int) (size - emitted)) : null;
        }

        /** Takes the next chunk of at most CHUNK_BYTES, ending on a UTF-8 character boundary. */
        BashEvents.Slice nextChunk() throws IOException {
            long end = emitted + CHUNK_BYTES;
            try (FileChannel channel = FileChannel.open(file)) {
                ByteBuffer one = ByteBuffer.allocate(1);
                for (int back = 0; back < 3; back++) {
                    one.clear();
                    channel.read(one, end);
                    if ((one.get(0) & 0xC0) != 0x80) {
                        break; // not a continuation byte: a character starts here
                    }
                    end--;
                }
            }
            BashEvents.Slice chunk = new BashEvents.Slice(file, emitted, (int) (end - emitted));
            emitted = end;
            return chunk;
        }
    }

    /** Turns output beyond CHUNK_BYTES into events as it arrives; {@code order} counts across both streams. */
    private final class Chunker {
        final BashEvents events;
        final String commandId;
        final OutputFile stdout;
        final OutputFile stderr;
        int order;

        Chunker(BashEvents events, String commandId, OutputFile stdout, OutputFile stderr) {
            this.events = events;
            this.commandId = commandId;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        void emitFullChunks() throws IOException {
            for (OutputFile stream : List.of(stdout, stderr)) {
                while (stream.size() - stream.emitted > CHUNK_BYTES) {
                    BashEvents.Slice chunk = stream.nextChunk();
                    events.add(new BashEvents.Output(
                            ids.hex32(),
                            clock.instant(),
                            commandId,
                            order++,
                            null,
                            stream.isStdout ? chunk : null,
                            stream.isStdout ? null : chunk));
                }
            }
        }
    }
}

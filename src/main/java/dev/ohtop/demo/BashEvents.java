package dev.ohtop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bash events of one sandbox, oldest first. Output text stays in the files the commands wrote;
 * an event only knows which slice is its own, so a command with gigabytes of output costs no heap.
 */
final class BashEvents {
    sealed interface Event permits Command, Output {
        String id();

        Instant at();

        String kind();
    }

    /** {@code cwd} as the client gave it (null: the server's working directory). */
    record Command(String id, Instant at, String command, String cwd, int timeout) implements Event {
        @Override
        public String kind() {
            return "BashCommand";
        }
    }

    /** {@code exitCode} is null on the chunks before the last. */
    record Output(String id, Instant at, String commandId, int order, Integer exitCode, Slice stdout, Slice stderr)
            implements Event {
        @Override
        public String kind() {
            return "BashOutput";
        }
    }

    /** Part of an output file. */
    record Slice(Path file, long offset, int length) {
        String read() {
            ByteBuffer bytes = ByteBuffer.allocate(length);
            try (FileChannel channel = FileChannel.open(file)) {
                while (bytes.hasRemaining() && channel.read(bytes, offset + bytes.position()) > 0) {
                    // keep reading until the slice is complete
                }
                bytes.flip();
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)
                        .decode(bytes)
                        .toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final List<Event> events = new ArrayList<>();

    synchronized void add(Event event) {
        events.add(event);
    }

    synchronized List<Event> all() {
        return List.copyOf(events);
    }

    /** The final output of a command with the text of all its chunks joined, stream by stream. */
    static ObjectNode joinedJson(BashEvents events, Output last, SandboxPaths paths) {
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        for (Event event : events.all()) {
            if (event instanceof Output output && output.commandId().equals(last.commandId())) {
                if (output.stdout() != null) {
                    stdout.append(output.stdout().read());
                }
                if (output.stderr() != null) {
                    stderr.append(output.stderr().read());
                }
            }
        }
        ObjectNode json = json(last, paths);
        json.put("stdout", stdout.length() == 0 ? null : paths.toSandboxText(stdout.toString()));
        json.put("stderr", stderr.length() == 0 ? null : paths.toSandboxText(stderr.toString()));
        return json;
    }

    /** The event's JSON as the agent server writes it, output text translated to sandbox paths. */
    static ObjectNode json(Event event, SandboxPaths paths) {
        ObjectNode json = Json.object().put("id", event.id()).put("timestamp", WireTime.microsZ(event.at()));
        if (event instanceof Command command) {
            json.put("command", command.command()).put("cwd", command.cwd()).put("timeout", command.timeout());
        } else if (event instanceof Output output) {
            json.put("command_id", output.commandId())
                    .put("order", output.order())
                    .put("exit_code", output.exitCode())
                    .put(
                            "stdout",
                            output.stdout() == null
                                    ? null
                                    : paths.toSandboxText(output.stdout().read()))
                    .put(
                            "stderr",
                            output.stderr() == null
                                    ? null
                                    : paths.toSandboxText(output.stderr().read()));
        }
        return json.put("kind", event.kind());
    }
}

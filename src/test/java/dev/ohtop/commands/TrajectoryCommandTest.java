package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.Main;
import dev.ohtop.api.Json;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.testing.CommandRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ohtop trajectory ID [-o FILE]}: the conversation's events as a zip. */
class TrajectoryCommandTest {
    @TempDir
    Path dir;

    @Test
    void theZipHoldsTheServersEventsAndItsPathIsPrinted() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.PAUSED);
            Path file = dir.resolve("out.zip");

            CommandRun run = demo.run("trajectory", c.id().substring(0, 8), "-o", file.toString());

            assertEquals(0, run.exit(), run.toString());
            assertEquals(file.toAbsolutePath().toString(), run.out().strip());
            assertEquals(eventIds(demo, c.id()), zippedEventIds(Files.newInputStream(file)));
            assertTrue(run.err().contains("wrote "), "the size on stderr:\n" + run);
        }
    }

    @Test
    void anExistingFileIsReplacedByTheWholeZip() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.PAUSED);
            Path file = dir.resolve("again.zip");
            Files.writeString(file, "an older download");

            CommandRun run = demo.run("trajectory", c.id(), "-o", file.toString());

            assertEquals(0, run.exit(), run.toString());
            assertEquals(eventIds(demo, c.id()), zippedEventIds(Files.newInputStream(file)));
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of(file), left.toList(), "nothing else left beside it");
            }
        }
    }

    @Test
    void aFolderGetsTheZipUnderItsDefaultName() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.RUNNING);

            CommandRun run = demo.run("trajectory", c.id(), "-o", dir.toString());

            assertEquals(0, run.exit(), run.toString());
            Path expected = dir.resolve("trajectory-" + c.id() + ".zip");
            assertEquals(expected.toAbsolutePath().toString(), run.out().strip());
            assertTrue(Files.size(expected) > 0);
        }
    }

    @Test
    void dashOWritesTheZipItselfToStdout() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.PAUSED);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int exit = Main.run(
                    new String[] {"--base-url", demo.server.appServerUrl().toString(), "trajectory", c.id(), "-o", "-"},
                    Map.of("LANG", "C.UTF-8", "OPENHANDS_CLOUD_API_KEY", demo.server.apiKey()),
                    InputStream.nullInputStream(),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    false,
                    Clock.systemUTC());

            assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
            assertEquals(eventIds(demo, c.id()), zippedEventIds(new ByteArrayInputStream(out.toByteArray())));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("to stdout"));
        }
    }

    @Test
    void aFailedDownloadLeavesNoFileBehind() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.PAUSED);
            demo.proxy.faults().always(Fault.truncatedBody(), FaultSwitch.Target.APP);
            Path file = dir.resolve("cut.zip");

            CommandRun run = CommandRun.against(
                    demo.server.appServerUrl(), demo.server.apiKey(), "", "trajectory", c.id(), "-o", file.toString());

            assertEquals(3, run.exit(), run.toString());
            assertEquals("", run.out());
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of(), left.toList(), "no partial file");
            }
        }
    }

    @Test
    void attachedTheAgentServerGivesTheZip() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            SandboxSnapshot sandbox = demo.server.world().sandboxes().stream()
                    .filter(s -> s.status() == SandboxStatus.RUNNING)
                    .findFirst()
                    .orElseThrow();
            String id = sandbox.conversationIds().get(0);
            Path file = dir.resolve("attached.zip");

            CommandRun run = CommandRun.attached(
                    sandbox.agentServerUrl(), sandbox.sessionApiKey(), "trajectory", id, "-o", file.toString());

            assertEquals(0, run.exit(), run.toString());
            List<String> zipped = zippedEventIds(Files.newInputStream(file));
            assertTrue(!zipped.isEmpty() && eventIds(demo, id).containsAll(zipped), zipped.toString());
        }
    }

    @Test
    void anUnknownIdExits4AndWritesNothing() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            CommandRun run = demo.run("trajectory", "0123456789abcdef0123456789abcdef", "-o", dir.toString());

            assertEquals(4, run.exit(), run.toString());
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(0, left.count());
            }
        }
    }

    @Test
    void trajectoryIsAllowedUnderReadonly() throws Exception {
        try (CommandDemo demo = CommandDemo.fast()) {
            ConversationSnapshot c = demo.conversationIn(SandboxStatus.PAUSED);

            CommandRun run = demo.run(
                    "--readonly",
                    "trajectory",
                    c.id(),
                    "-o",
                    dir.resolve("r.zip").toString());

            assertEquals(0, run.exit(), run.toString());
        }
    }

    private static List<String> eventIds(CommandDemo demo, String conversationId) {
        return demo.server.world().events(conversationId).stream()
                .map(e -> e.path("id").asText())
                .toList();
    }

    /** The ids of the events in the zip, in its order (meta.json left out). */
    static List<String> zippedEventIds(InputStream zipped) throws IOException {
        List<String> ids = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(zipped)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().startsWith("event_")) {
                    JsonNode event = Json.MAPPER.readTree(zip.readAllBytes());
                    ids.add(event.path("id").asText());
                }
            }
        }
        return ids;
    }
}

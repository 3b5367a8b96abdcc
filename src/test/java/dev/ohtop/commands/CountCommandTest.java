package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.testing.CommandRun;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ohtop count}: the server's count, and the trajectory's, print the same number alone. */
class CountCommandTest {
    private static DemoServer demo;

    @BeforeAll
    static void start() throws IOException {
        demo = DemoServer.start(DemoConfig.defaults().withClock(ManualClock.atDemoStart()));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void countIsTheServersCountAndTheTrajectoryHoldsAsMany() {
        ConversationSnapshot c = demo.world().conversations().stream()
                .filter(s -> s.parentConversationId() == null)
                .findFirst()
                .orElseThrow();
        int held = demo.world().events(c.id()).size();

        CommandRun count = CommandRun.against(demo, "count", c.id().substring(0, 12));
        CommandRun zip = CommandRun.against(demo, "count", c.id(), "--trajectory");

        assertEquals(0, count.exit(), count.toString());
        assertEquals(held + "\n", count.out());
        assertEquals(0, zip.exit(), zip.toString());
        assertEquals(held + "\n", zip.out());
        assertEquals("", count.err() + zip.err());
    }

    @Test
    void anUnknownConversationIsNotFound() {
        CommandRun run = CommandRun.against(demo, "count", "ffffffffffffffffffffffffffffffff", "--trajectory");

        assertEquals(4, run.exit(), run.toString());
        assertEquals("", run.out());
    }

    @Test
    void anAgentServersTrajectoryLayoutIsCountedToo(@TempDir Path dir) throws Exception {
        // agent server 1.58.2 zips the conversation's folder: events/event-NNNNN-<id>.json beside its state.
        Path zip = dir.resolve("trajectory.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of(
                    "0a1b/",
                    "0a1b/base_state.json",
                    "0a1b/meta.json",
                    "0a1b/events/event-00000-1f69bcb2-c94d-4095-b8ae-55f598c45722.json",
                    "0a1b/events/event-00001-d4ac163a-a603-4172-9a23-e685308c7fb2.json",
                    "0a1b/events/event-00002-3b5b3a84-d254-42ae-a2e1-52fb4d56e761.json")) {
                out.putNextEntry(new ZipEntry(name));
                out.closeEntry();
            }
        }

        assertEquals(3, Count.events(zip));
    }
}

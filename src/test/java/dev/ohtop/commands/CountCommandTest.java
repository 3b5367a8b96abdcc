package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.testing.CommandRun;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}

package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoProxy;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultRule;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.testing.CommandRun;
import dev.ohtop.testing.ManualClock;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** events, check and count when the server fails them: rate limits waited out, failures said in one line. */
class EventCommandsFaultsTest {
    private static final DemoProxy PROXY = new DemoProxy();
    private static DemoServer demo;
    private static ConversationSnapshot finished;

    @BeforeAll
    static void start() throws IOException {
        demo = PROXY.startDemo(DemoConfig.defaults().withClock(ManualClock.atDemoStart()));
        finished = demo.world().conversations().stream()
                .filter(c -> "finished".equals(c.executionStatus()) && c.parentConversationId() == null)
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @AfterEach
    void clearFaults() {
        PROXY.faults().clear();
    }

    @Test
    void aRateLimitIsWaitedOutAndTheEventsCome() {
        PROXY.faults().next(1, Fault.rateLimited(1), FaultSwitch.Target.APP);
        long started = System.nanoTime();

        CommandRun run = CommandRun.against(demo, "events", finished.id(), "--jsonl");

        assertEquals(0, run.exit(), run.toString());
        assertEquals(demo.world().events(finished.id()).size(), run.jsonLines().size());
        assertTrue(System.nanoTime() - started >= 900_000_000L, "Retry-After: 1 was not waited out");
    }

    @Test
    void aRateLimitIsWaitedOutByCheckAndCountToo() {
        PROXY.faults().next(1, Fault.rateLimited(1), FaultSwitch.Target.APP);
        CommandRun check = CommandRun.against(demo, "check", finished.id());
        PROXY.faults().next(1, Fault.rateLimited(1), FaultSwitch.Target.APP);
        CommandRun count = CommandRun.against(demo, "count", finished.id());

        assertEquals(0, check.exit(), check.toString());
        assertEquals(0, count.exit(), count.toString());
        assertEquals(String.valueOf(finished.eventCount()), count.out().strip());
    }

    @Test
    void malformedEventsAreAServerFailureInOnePlainLine() {
        FaultRule rule = PROXY.faults()
                .add(Fault.malformedJson(), FaultSwitch.Target.APP, "/api/v1/conversation/", FaultRule.UNTIL_CLEARED);

        for (String command : new String[] {"events", "check", "count"}) {
            CommandRun run = CommandRun.against(demo, command, finished.id());

            assertEquals(3, run.exit(), run.toString());
            assertEquals("", run.out(), run.toString());
            assertEquals(1, run.err().lines().count(), run.err());
            assertFalse(run.err().chars().anyMatch(ch -> ch < 0x20 && ch != '\n'), run.err());
        }
        PROXY.faults().remove(rule);
    }

    @Test
    void aServerThatIsDownIsSaidInOneLine() throws IOException {
        URI gone;
        String key;
        try (DemoServer closed = DemoServer.start(DemoConfig.defaults().withClock(ManualClock.atDemoStart()))) {
            gone = closed.appServerUrl();
            key = closed.apiKey();
        }

        CommandRun run = CommandRun.against(gone, key, "", "events", "0123456789abcdef0123456789abcdef");

        assertEquals(3, run.exit(), run.toString());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
    }
}

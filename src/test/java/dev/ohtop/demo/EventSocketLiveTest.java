package dev.ohtop.demo;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the real clock, as {@code ohtop --demo} runs: the world's own events reach a socket as they happen. */
class EventSocketLiveTest {
    @TempDir
    Path scratch;

    @Test
    void eventsThatHappenOnTheirOwnArriveWithinASecondOfTheirTimestamp() throws Exception {
        try (DemoServer server = DemoServer.start(DemoConfig.defaults().withScratchRoot(scratch))) {
            ConversationSnapshot running = DemoHttp.withExecutionStatus(server, "running");
            SocketProbe socket = SocketProbe.open(
                            SocketProbe.uri(server.agentServerUrl(running.sandboxId()), running.id(), null))
                    .auth(new DemoHttp(server).sessionKey(running.sandboxId()));
            assertNotNull(socket.next(Duration.ofSeconds(5)), "no state");

            for (int i = 0; i < 3; i++) {
                JsonNode event = socket.next(Duration.ofSeconds(15));
                Instant arrived = Instant.now();
                assertNotNull(event, "the running agent went quiet");
                Instant happened =
                        LocalDateTime.parse(event.path("timestamp").asText()).toInstant(ZoneOffset.UTC);
                long lateMillis = Duration.between(happened, arrived).toMillis();
                // A generous bound for a loaded machine; docs/performance.md has the real figures.
                assertTrue(lateMillis < 1_000, event.path("kind").asText() + " came " + lateMillis + " ms late");
            }
        }
    }
}

package dev.ohtop.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Rate gate")
class RateGateTest {
    private final ManualClock clock = ManualClock.atDemoStart();
    private final RateGate gate = new RateGate(RateGate.CLOUD_BURST, RateGate.CLOUD_PER_MINUTE, clock, clock::advance);

    private List<Instant> admit(int requests) throws InterruptedException {
        List<Instant> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            gate.admit();
            sent.add(clock.instant());
        }
        return sent;
    }

    @Test
    void eightRequestsGoAtOnceAndTheNextWaitsItsTurn() throws InterruptedException {
        Instant start = clock.instant();
        List<Instant> sent = admit(10);

        assertEquals(start, sent.get(7), "a burst of 8 is not held up");
        assertTrue(sent.get(8).isAfter(start), "the ninth waits: " + sent);
        assertTrue(
                Duration.between(start, sent.get(9)).compareTo(Duration.ofSeconds(1)) >= 0,
                "ten in a second would be Cloud's limit: " + sent);
    }

    @Test
    void aCallerThatKeepsAskingGetsAtMostEightyFourAMinuteAfterItsBurst() throws InterruptedException {
        Instant start = clock.instant();
        List<Instant> sent = admit(400);

        for (int first = 0; first < sent.size(); first++) {
            int last = first;
            while (last + 1 < sent.size()
                    && sent.get(last + 1).isBefore(sent.get(first).plusSeconds(60))) {
                last++;
            }
            assertTrue(last - first + 1 <= 92, "at most 92 in the minute from request " + first);
        }
        Duration steady =
                Duration.ofMinutes(1).dividedBy(RateGate.CLOUD_PER_MINUTE).multipliedBy(400 - 8);
        assertTrue(
                Duration.between(start, sent.get(sent.size() - 1)).compareTo(steady) >= 0,
                "after the burst, the pace is 84 a minute");
    }

    @Test
    void aQuietGateLetsTheNextBurstThroughAtOnce() throws InterruptedException {
        admit(20);
        clock.advanceSeconds(60);
        Instant now = clock.instant();

        List<Instant> sent = admit(8);

        assertEquals(now, sent.get(7), "the bucket filled up again while nothing was sent");
    }
}

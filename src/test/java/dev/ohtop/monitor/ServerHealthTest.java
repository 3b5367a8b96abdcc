package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.ApiException;
import dev.ohtop.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The list and the open tail ask the same app server. After an outage the one whose backoff ends
 * first finds it back; the other must not wait out its own backoff (up to a minute) to notice.
 */
@Tag("reliability")
@DisplayName("One server, one health: everything comes back together")
class ServerHealthTest {
    private static final Duration REFRESH = Duration.ofSeconds(3);
    private final ManualClock clock = ManualClock.atDemoStart();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final AtomicBoolean down = new AtomicBoolean();
    private final ServerHealth health = new ServerHealth();

    private Poller poller(String name, List<Instant> ran, double jitter) {
        return new Poller(
                        name,
                        () -> {
                            ran.add(clock.instant());
                            if (down.get()) {
                                throw new ApiException(
                                        ApiException.Failure.UNREACHABLE,
                                        "GET /api/v1/" + name,
                                        "connection refused",
                                        null);
                            }
                        },
                        REFRESH,
                        scheduler,
                        clock,
                        () -> jitter,
                        () -> {})
                .sharing(health);
    }

    private void runUntil(Instant until) {
        while (!scheduler.pending().isEmpty()
                && !scheduler.pending().get(0).dueAt.isAfter(until)) {
            scheduler.runNext();
        }
    }

    @Test
    void whenTheListFindsTheServerBackTheTailTriesAtOnceNotAfterItsOwnBackoff(TestReporter reporter) {
        List<Instant> list = new ArrayList<>();
        List<Instant> tail = new ArrayList<>();
        // The list's jitter is low and the tail's high: after the outage the list's backoff ends first.
        Poller listPoller = poller("conversations", list, 0.0);
        Poller tailPoller = poller("events", tail, 0.99);
        listPoller.start();
        tailPoller.start();
        runUntil(clock.instant().plusSeconds(5));

        down.set(true);
        runUntil(clock.instant().plusSeconds(90)); // both back off, towards a minute between tries
        down.set(false);
        int tailTries = tail.size();
        while (listPoller.status().failures() > 0) {
            scheduler.runNext();
        }
        Instant listBack = clock.instant();
        assertEquals(null, listPoller.status().problem(), "the list found the server back");
        assertTrue(tailPoller.status().problem() != null, "the tail has not tried since");

        Instant tailNext = scheduler.pending().stream()
                .map(t -> t.dueAt)
                .min(Instant::compareTo)
                .orElseThrow();
        scheduler.runNext();
        String seen = "list back at +" + Duration.between(list.get(0), listBack).toSeconds() + " s; the tail tried "
                + Duration.between(listBack, tail.get(tail.size() - 1)).toMillis() + " ms later (its own backoff would"
                + " have waited until " + Duration.between(listBack, tailNext).toMillis() + " ms)";
        reporter.publishEntry("seen", seen);
        assertEquals(tailTries + 1, tail.size(), "the tail tried next: " + seen);
        assertEquals(listBack, tail.get(tail.size() - 1), "in the same moment as the list's first success: " + seen);
        assertEquals(null, tailPoller.status().problem(), "and the tail is back too");
    }

    @Test
    void aTailFailingForItsOwnReasonIsNotHurriedByTheListsSuccesses() {
        List<Instant> list = new ArrayList<>();
        List<Instant> tail = new ArrayList<>();
        Poller listPoller = poller("conversations", list, 0.5);
        Poller tailPoller = new Poller(
                        "events",
                        () -> {
                            tail.add(clock.instant());
                            throw new ApiException(
                                    ApiException.Failure.HTTP_STATUS,
                                    404,
                                    "GET /api/v1/conversation/x/events/search",
                                    "Not Found",
                                    null,
                                    null);
                        },
                        REFRESH,
                        scheduler,
                        clock,
                        () -> 0.5,
                        () -> {})
                .sharing(health);
        listPoller.start();
        tailPoller.start();

        runUntil(clock.instant().plusSeconds(60));

        assertTrue(list.size() >= 20, "the list kept its pace: " + list.size());
        assertTrue(tail.size() <= 8, "the tail backed off on its own, not poked every 3 s: " + tail.size());
    }
}

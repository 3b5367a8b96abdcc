package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.ApiException;
import dev.ohtop.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("reliability")
@org.junit.jupiter.api.DisplayName("Polling: backoff with jitter, Retry-After waited out, never two polls at once")
class PollerTest {
    private final ManualClock clock = ManualClock.atDemoStart();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    /** Outcomes the task will have, in order: null is a success; after the last, success. */
    private final Deque<Exception> outcomes = new ArrayDeque<>();

    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger redraws = new AtomicInteger();

    private Poller poller(Duration interval, double random) {
        return new Poller(
                "conversations",
                () -> {
                    runs.incrementAndGet();
                    Exception next = outcomes.isEmpty() ? null : outcomes.removeFirst();
                    if (next != null) {
                        throw next;
                    }
                },
                interval,
                scheduler,
                clock,
                () -> random,
                redraws::incrementAndGet);
    }

    private static ApiException serverError() {
        return new ApiException(
                ApiException.Failure.HTTP_STATUS,
                500,
                "GET /api/v1/app-conversations/search",
                "Internal Server Error",
                null,
                null);
    }

    private static ApiException rateLimited(Duration retryAfter) {
        return new ApiException(
                ApiException.Failure.HTTP_STATUS,
                429,
                "GET /api/v1/sandboxes/search",
                "Rate limit exceeded: 100 per 1 minute",
                retryAfter,
                null);
    }

    @Test
    void pollsAtOnceThenEveryIntervalWhileAllIsWell() {
        Poller poller = poller(Duration.ofSeconds(3), 0.5);
        poller.start();

        for (int i = 0; i < 4; i++) {
            scheduler.runNext();
        }

        assertEquals(
                List.of(
                        Duration.ZERO,
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(3)),
                scheduler.delays());
        assertEquals(4, runs.get());
        assertEquals(4, redraws.get(), "the screen hears about every run");
        assertEquals(clock.instant(), poller.status().lastSuccess());
    }

    @Test
    void failuresBackOffFromOneSecondDoublingUpToAMinute() {
        Poller poller = poller(Duration.ofSeconds(1), 0.5);
        for (int i = 0; i < 9; i++) {
            outcomes.add(serverError());
        }
        poller.start();

        for (int i = 0; i < 9; i++) {
            scheduler.runNext();
        }

        assertEquals(
                List.of(0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L),
                scheduler.delays().stream().map(Duration::toSeconds).toList());
        assertEquals(9, poller.status().failures());
    }

    @Test
    void theBackoffIsJitteredByTheInjectedRandomAndNeverShorterThanTheInterval() {
        Poller low = poller(Duration.ofMillis(100), 0.0);
        outcomes.add(serverError());
        outcomes.add(serverError());
        outcomes.add(serverError());
        low.start();
        scheduler.runNext();
        scheduler.runNext();
        scheduler.runNext();
        assertEquals(
                List.of(0L, 750L, 1500L, 3000L),
                scheduler.delays().stream().map(Duration::toMillis).toList());
        low.close();

        ManualScheduler other = new ManualScheduler(clock);
        Poller slow = new Poller(
                "events",
                () -> {
                    throw serverError();
                },
                Duration.ofSeconds(3),
                other,
                clock,
                () -> 0.99,
                () -> {});
        slow.start();
        other.runNext();
        other.runNext();
        other.runNext();
        assertEquals(
                List.of(0L, 3000L, 3000L, 4980L),
                other.delays().stream().map(Duration::toMillis).toList(),
                "a 1 s or 2 s backoff would poll faster than the 3 s interval: the interval wins");
    }

    @Test
    void aRetryAfterFromTheServerIsWaitedOutInFullEvenByAManualRefresh() {
        Poller poller = poller(Duration.ofSeconds(3), 0.5);
        outcomes.add(rateLimited(Duration.ofSeconds(30)));
        poller.start();
        scheduler.runNext();
        assertEquals(Duration.ofSeconds(30), scheduler.delays().get(1));
        assertTrue(poller.status().problem().contains("429"), poller.status().problem());

        clock.advanceSeconds(10);
        poller.pokeNow();

        assertEquals(Duration.ofSeconds(20), scheduler.delays().get(2), "the manual refresh waits the 20 s left");
        assertEquals(1, scheduler.pending().size(), "the poke replaced the waiting run, it did not add one");
    }

    @Test
    void aManualRefreshDuringABackoffRunsAtOnce() {
        Poller poller = poller(Duration.ofSeconds(3), 0.5);
        outcomes.add(serverError());
        outcomes.add(serverError());
        outcomes.add(serverError());
        poller.start();
        scheduler.runNext();
        scheduler.runNext();
        scheduler.runNext();

        poller.pokeNow();

        assertEquals(Duration.ZERO, scheduler.pending().get(0).delay);
        assertEquals(1, scheduler.pending().size());
    }

    @Test
    void afterFailuresTheFirstSuccessClearsTheProblemAndRestoresTheInterval() {
        Poller poller = poller(Duration.ofSeconds(3), 0.5);
        outcomes.add(serverError());
        outcomes.add(serverError());
        poller.start();
        scheduler.runNext();
        scheduler.runNext();
        PollerStatus failing = poller.status();
        assertEquals(serverError().getMessage(), failing.problem(), "the client's one-line message");
        assertEquals("HTTP 500: Internal Server Error (GET /api/v1/app-conversations/search)", failing.problem());
        assertEquals(2, failing.failures());
        assertNull(failing.lastSuccess());

        scheduler.runNext();

        PollerStatus recovered = poller.status();
        assertNull(recovered.problem());
        assertFalse(recovered.failing());
        assertEquals(0, recovered.failures());
        assertEquals(Duration.ofSeconds(3), recovered.nextDelay());
        assertEquals(clock.instant(), recovered.lastSuccess());
        assertEquals(Duration.ofSeconds(3), scheduler.pending().get(0).delay);
    }

    @Test
    void anUnexpectedExceptionIsReportedAndPollingGoesOn() {
        Poller poller = poller(Duration.ofSeconds(3), 0.5);
        outcomes.add(new IllegalStateException("no rows\nat all"));
        poller.start();
        scheduler.runNext();

        assertEquals("IllegalStateException: no rows at all", poller.status().problem());
        assertEquals(1, scheduler.pending().size(), "still scheduled");
    }

    @Test
    void aPausedPollerAsksNothingAndResumingPollsAtOnce() {
        Poller poller = poller(Duration.ofSeconds(3), 0.5);
        poller.start();
        scheduler.runNext();

        poller.pause();
        assertEquals(List.of(), scheduler.pending());
        assertTrue(poller.status().paused());
        assertNull(poller.status().nextRunAt());
        poller.pokeNow();
        assertEquals(List.of(), scheduler.pending(), "a paused screen's refresh key does nothing");

        poller.resume();
        assertEquals(Duration.ZERO, scheduler.pending().get(0).delay);
        scheduler.runNext();
        assertEquals(2, runs.get());
    }

    @Test
    void aManualRefreshDuringARunAddsOneRunAfterItNotOneBesideIt() {
        ManualScheduler manual = new ManualScheduler(clock);
        Poller[] self = new Poller[1];
        AtomicInteger count = new AtomicInteger();
        self[0] = new Poller(
                "board",
                () -> {
                    if (count.incrementAndGet() == 2) {
                        self[0].pokeNow();
                        self[0].pokeNow();
                        assertEquals(List.of(), manual.pending(), "nothing scheduled while it runs");
                    }
                },
                Duration.ofSeconds(3),
                manual,
                clock,
                () -> 0.5,
                () -> {});
        self[0].start();
        manual.runNext();
        manual.runNext();

        assertEquals(1, manual.pending().size());
        assertEquals(Duration.ZERO, manual.pending().get(0).delay, "the asked-for refresh follows at once");
        manual.runNext();
        assertEquals(Duration.ofSeconds(3), manual.pending().get(0).delay, "then the interval again");
    }

    @Test
    void runsNeverOverlapEvenWhenPokedFromOtherThreads() throws Exception {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(4);
        try {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            CountDownLatch firstRunStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch threeRuns = new CountDownLatch(3);
            Poller poller = new Poller(
                    "tail",
                    () -> {
                        mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        firstRunStarted.countDown();
                        release.await(5, TimeUnit.SECONDS);
                        inside.decrementAndGet();
                        done.incrementAndGet();
                        threeRuns.countDown();
                    },
                    Duration.ofMillis(5),
                    pool,
                    java.time.Clock.systemUTC(),
                    () -> 0.5,
                    () -> {});
            poller.start();
            assertTrue(firstRunStarted.await(5, TimeUnit.SECONDS));
            Thread[] pokers = new Thread[4];
            for (int i = 0; i < pokers.length; i++) {
                pokers[i] = new Thread(() -> {
                    for (int j = 0; j < 50; j++) {
                        poller.pokeNow();
                    }
                });
                pokers[i].start();
            }
            for (Thread t : pokers) {
                t.join(5_000);
            }
            release.countDown();
            assertTrue(threeRuns.await(5, TimeUnit.SECONDS));
            poller.close();

            assertEquals(1, mostAtOnce.get(), "never two runs at once");
            assertNotNull(poller.status().lastSuccess());
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.Options;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.RateGate;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.demo.SeenRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Cloud allows each user 100 requests a minute and 10 a second. Ten simulated minutes of the
 * heaviest screen ohtop has, on the demo server with 2,000 conversations: every page of the list
 * loaded (the user scrolled to the end) and refreshing every 3 s, an open tail of a conversation
 * of 100,000 events filling in its history, and the sandboxes screen polled, all as the app wires
 * them (one rate gate and one server health for the server). Every request is stamped with the
 * simulated time it was sent at.
 */
@Tag("performance")
@DisplayName("Request budget")
class RequestBudgetTest {
    private static final Duration REFRESH = Duration.ofSeconds(3);
    private static final Duration RUN_FOR = Duration.ofMinutes(10);
    private static final int CONVERSATIONS = 2_000;
    private static final int TAIL_EVENTS = 100_000;

    private DemoCloud demo;
    private ManualScheduler scheduler;
    private final List<Instant> sentAt = new ArrayList<>();
    private long stamped;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoCloud(CONVERSATIONS);
        scheduler = new ManualScheduler(demo.clock);
        stamped = demo.proxy.requests().mark();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    /** Gives the requests sent since the last stamp the clock's time: the clock moves only after a stamp. */
    private void stamp() {
        List<SeenRequest> sent = demo.proxy.requests().since(stamped);
        stamped += sent.size();
        sent.forEach(r -> sentAt.add(demo.clock.instant()));
    }

    @Test
    void twoThousandConversationsAllLoadedAnOpenTailAndTheSandboxesStayUnderCloudsLimits(TestReporter reporter) {
        // The gate's wait passes on the simulated clock, as a real sleep passes on the real one.
        RateGate gate = new RateGate(RateGate.CLOUD_BURST, RateGate.CLOUD_PER_MINUTE, demo.clock, wait -> {
            stamp();
            demo.clock.advance(wait);
        });
        CloudClient cloud = demo.cloud.gated(gate);
        ServerHealth health = new ServerHealth();

        ConversationBoard board = new ConversationBoard(cloud, demo.clock);
        List<Integer> quietRefreshes = new ArrayList<>();
        List<Integer> allRefreshes = new ArrayList<>();
        Poller list = poller(
                "conversations",
                () -> {
                    long before = demo.proxy.requests().mark();
                    int held = board.snapshot().rows().size();
                    board.refresh();
                    int cost = demo.proxy.requests().since(before).size();
                    if (!board.snapshot().hasMore()) { // every page loaded
                        allRefreshes.add(cost);
                        if (board.snapshot().rows().size() == held) { // no conversation came or went
                            quietRefreshes.add(cost);
                        }
                    }
                },
                health);
        String busy = longConversation();
        EventTail tail = new EventTail(
                busy,
                EventFeed.cloud(cloud, busy),
                demo.clock,
                EventTail.Settings.defaults().withCapacity(Options.DEFAULT_MAX_EVENTS));
        Poller events = poller("events", tail::poll, health);
        SandboxBoard sandboxes = new SandboxBoard(cloud, demo.clock);
        Poller sandboxScreen = poller("sandboxes", sandboxes::refresh, health);

        list.start();
        events.start();
        sandboxScreen.start();
        scrollToTheEnd(board);
        Instant end = demo.clock.instant().plus(RUN_FOR);
        while (!scheduler.pending().isEmpty()
                && !scheduler.pending().get(0).dueAt.isAfter(end)) {
            stamp();
            scheduler.runNext();
        }
        stamp();

        assertFalse(board.snapshot().hasMore(), "every page of the list was loaded");
        assertEquals(CONVERSATIONS, board.snapshot().total(), "the account as the demo holds it");
        int perMinute = mostWithin(Duration.ofMinutes(1));
        int perSecond = mostWithin(Duration.ofSeconds(1));
        IntSummaryStatistics quiet =
                quietRefreshes.stream().mapToInt(Integer::intValue).summaryStatistics();
        IntSummaryStatistics all =
                allRefreshes.stream().mapToInt(Integer::intValue).summaryStatistics();
        String figures = String.format(
                "%d conversations, all %d loaded; requests per refresh: quiet max %d (%d refreshes),"
                        + " any max %d mean %.1f; in any minute at most %d (Cloud: 100), in any second at most %d"
                        + " (Cloud: 10); %d requests in %d min; the tail held %d events",
                CONVERSATIONS,
                board.snapshot().rows().size(),
                quiet.getMax(),
                quiet.getCount(),
                all.getMax(),
                all.getAverage(),
                perMinute,
                perSecond,
                sentAt.size(),
                RUN_FOR.toMinutes(),
                tail.snapshot().size());
        reporter.publishEntry("figures", figures);
        System.out.println("Request budget: " + figures);

        assertTrue(quiet.getCount() > 50, "refreshes with every page loaded were seen: " + figures);
        assertTrue(quiet.getMax() <= 3, "a quiet refresh costs at most 3 requests at 2,000 loaded: " + figures);
        assertTrue(perMinute <= 100, "at most 100 requests in any minute: " + figures);
        assertTrue(perSecond <= 10, "at most 10 requests in any second: " + figures);
        assertTrue(tail.snapshot().size() >= Options.DEFAULT_MAX_EVENTS - 100, "the tail filled in: " + figures);
    }

    private Poller poller(String name, Poller.Task task, ServerHealth health) {
        return new Poller(name, task, REFRESH, scheduler, demo.clock, () -> 0.5, () -> {}).sharing(health);
    }

    /** A running conversation given history up to {@value #TAIL_EVENTS} events. */
    private String longConversation() {
        ConversationSnapshot running = demo.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING)
                .findFirst()
                .orElseThrow();
        demo.demo.world().addHistory(running.id(), Math.max(0, (TAIL_EVENTS - running.eventCount() + 1) / 2));
        return running.id();
    }

    /**
     * The user holds the key down to the end of the list: each next page is asked for as soon as
     * the one before it is in, on the same scheduler as the pollers (as the list's own loading is).
     * The rows then on screen are the last ones, which the board is told.
     */
    private void scrollToTheEnd(ConversationBoard board) {
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            try {
                board.loadMore();
            } catch (Exception e) {
                // tried again below
            }
            if (board.snapshot().hasMore() || board.snapshot().rows().isEmpty()) {
                scheduler.schedule(next[0], 0, TimeUnit.MILLISECONDS);
            } else {
                List<ConversationRow> rows = board.snapshot().rows();
                board.watching(rows.subList(Math.max(0, rows.size() - 40), rows.size()).stream()
                        .map(ConversationRow::id)
                        .collect(Collectors.toSet()));
            }
        };
        scheduler.schedule(next[0], 0, TimeUnit.MILLISECONDS);
    }

    /** The most requests sent within any window of {@code length} (half-open, sliding over each request). */
    private int mostWithin(Duration length) {
        List<Instant> times = sentAt.stream().sorted().toList();
        int most = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (!times.get(first).plus(length).isAfter(times.get(last))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}

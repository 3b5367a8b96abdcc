package dev.ohtop.commands;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.Page;
import dev.ohtop.api.Timestamps;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.StateUpdateEvent;
import dev.ohtop.monitor.CloudAccount;
import dev.ohtop.monitor.CloudWork;
import dev.ohtop.monitor.EventFeed;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.LiveEvents;
import dev.ohtop.monitor.TailEvent;
import dev.ohtop.monitor.TailSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code ohtop events --follow}: after the history, new events as they come, each once, until the
 * conversation finishes. The events screen's machinery does the work: an {@link EventTail} kept
 * live by {@link LiveEvents} (the agent server's socket; REST polls while it cannot be had, and
 * the tail drops events it holds already). This prints what the tail gains that the history did
 * not have, and watches for the end: a state update saying so, or the conversation's record.
 */
final class EventFollow {
    static final Duration POLL_EVERY = Duration.ofSeconds(2);
    static final Duration STATUS_EVERY = Duration.ofSeconds(10);
    /** Failing this long (and at least {@value #TRIES} times) without a success is failing for good. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    private static final int TRIES = 3;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    /** Events the tail holds: enough for any burst between two looks at it. */
    private static final int HELD = 1_000;
    /** Pages searched for the whole of an event the tail holds as an excerpt. */
    private static final int WHOLE_PAGES = 3;

    private static final Set<String> FINISHED = Set.of("finished", "error", "stuck");
    private static final Set<String> GONE = Set.of("MISSING", "ERROR");

    /** What the history printed before following had: those events are not new. */
    static final class Start {
        private final Set<String> ids = new HashSet<>();
        private Instant newest;

        void saw(Event e) {
            if (e.id() != null) {
                ids.add(e.id());
            }
            Instant at = Timestamps.parse(e.timestamp());
            if (at != null && (newest == null || at.isAfter(newest))) {
                newest = at;
            }
        }

        /** Read with the history, or older than its newest (a page of older history the tail fills in). */
        boolean had(TailEvent e) {
            Instant at = e.at();
            return e.id() != null && ids.contains(e.id()) || newest != null && at != null && at.isBefore(newest);
        }
    }

    private final Session session;
    private final AppConversation conversation;
    private final EventFeed feed;
    private final EventLines lines;
    private final Start start;
    private final Semaphore wake = new Semaphore(0);
    /** The last event of the tail looked at: new ones come after it. */
    private String lastSeen;

    private boolean saidPaused;

    EventFollow(Session session, AppConversation conversation, EventFeed feed, EventLines lines, Start start) {
        this.session = session;
        this.conversation = conversation;
        this.feed = feed;
        this.lines = lines;
        this.start = start;
    }

    int run() throws CommandFailure, InterruptedException {
        String ended = ending(conversation);
        if (ended != null) {
            session.say("not following: the conversation " + ended);
            return Exit.OK;
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "ohtop-follow");
            t.setDaemon(true);
            return t;
        });
        CloudAccount account = session.account();
        Clock clock = session.clock();
        EventTail tail = account.events(
                conversation.id(), clock, EventTail.Settings.defaults().withCapacity(HELD));
        try (CloudWork work = account.work(null, scheduler, clock, () -> {});
                LiveEvents live = work.live(tail, POLL_EVERY, new Random()::nextDouble, wake::release)) {
            return follow(tail, live);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private int follow(EventTail tail, LiveEvents live) throws CommandFailure, InterruptedException {
        Clock clock = session.clock();
        Instant pollAt = clock.instant();
        Instant statusAt = pollAt.plus(STATUS_EVERY);
        Instant failingSince = null;
        int failures = 0;
        while (true) {
            Instant now = clock.instant();
            if (!now.isBefore(pollAt)) {
                try {
                    live.poll(); // over REST unless the socket is live; it opens the socket after the first
                    failingSince = null;
                    failures = 0;
                    pollAt = now.plus(POLL_EVERY);
                } catch (ApiException e) {
                    failingSince = failingSince == null ? now : failingSince;
                    failures++;
                    if (refused(e) || failures >= TRIES && !now.isBefore(failingSince.plus(GIVE_UP_AFTER))) {
                        throw CommandFailure.server("stopped following: " + e.getMessage());
                    }
                    pollAt = now.plus(backoff(failures));
                }
            }
            String ended = printNew(tail);
            if (ended == null && !now.isBefore(statusAt)) {
                ended = ending(fresh());
                statusAt = now.plus(STATUS_EVERY);
            }
            if (ended != null) {
                catchUp(tail);
                session.say("the conversation " + ended);
                return Exit.OK;
            }
            session.out().flush();
            if (session.out().checkError()) {
                return Exit.OK; // nobody reads any more (| head): following on would print into nothing
            }
            Instant next = pollAt.isBefore(statusAt) ? pollAt : statusAt;
            long wait = Math.max(1, Duration.between(clock.instant(), next).toMillis());
            if (wake.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                wake.drainPermits();
            }
        }
    }

    /** The last events, read over REST once the end was seen: the socket may not have sent them all yet. */
    private void catchUp(EventTail tail) {
        try {
            tail.poll();
        } catch (ApiException e) {
            session.say("the newest events may be missing: " + e.getMessage());
        }
        printNew(tail);
        session.out().flush();
    }

    /** Prints what the tail gained since the last look; how the conversation ended if a state update said so. */
    private String printNew(EventTail tail) {
        TailSnapshot snap = tail.snapshot();
        // Gone from the tail (it holds the newest only): look at all it holds, printed ones are not printed again.
        int from = lastSeen == null ? 0 : snap.indexOf(lastSeen) + 1;
        String ended = null;
        for (int i = from; i < snap.size(); i++) {
            TailEvent e = snap.get(i);
            if (start.had(e)) {
                continue;
            }
            if (lines.jsonl() && e.raw().cut() && lines.shows(e)) {
                lines.print(e, whole(e));
            } else {
                lines.print(e);
            }
            ended = ended != null ? ended : announcedEnd(e);
        }
        if (snap.size() > 0) {
            lastSeen = snap.get(snap.size() - 1).id();
        }
        return ended;
    }

    /** "finished (execution status error)" when the event is a state update to an end; else null. */
    private static String announcedEnd(TailEvent e) {
        if (!"ConversationStateUpdateEvent".equals(e.kind())) {
            return null;
        }
        return e.event() instanceof StateUpdateEvent update
                        && "execution_status".equals(update.key())
                        && update.value() != null
                        && FINISHED.contains(update.value().toLowerCase(Locale.ROOT))
                ? "finished (execution status " + update.value() + ")"
                : null;
    }

    /**
     * The tail holds an event over {@link EventTail#CUT_EVENT_BYTES} as an excerpt: --jsonl prints
     * it whole, searched again from its timestamp; or says that only the excerpt could be had.
     */
    private String whole(TailEvent e) {
        try {
            String pageId = null;
            for (int pages = 0; pages < WHOLE_PAGES; pages++) {
                Page<Event> page = feed.search(e.timestamp(), pageId, EventPages.PAGE);
                for (Event found : page.items()) {
                    if (e.id() != null && e.id().equals(found.id())) {
                        return found.info().raw().text();
                    }
                }
                if (!page.hasNext()) {
                    break;
                }
                pageId = page.nextPageId();
            }
            session.say("event " + e.id() + " (" + e.raw().wholeSize() + " bytes) was not found again: "
                    + "printed an excerpt of it, its long values cut and marked");
        } catch (ApiException failed) {
            session.say("event " + e.id() + " (" + e.raw().wholeSize() + " bytes) could not be read whole ("
                    + failed.getMessage() + "): printed an excerpt of it, its long values cut and marked");
        }
        return e.raw().text();
    }

    /** The conversation's record now; the one held when it cannot be read (a passing failure). */
    private AppConversation fresh() {
        try {
            List<AppConversation> got = session.account().lookups().get(List.of(conversation.id()));
            return got.isEmpty() ? null : got.get(0);
        } catch (ApiException e) {
            return conversation;
        }
    }

    /** How the conversation ended ("finished (...)", "is gone", ...); null while it may go on. */
    private String ending(AppConversation c) {
        if (c == null) {
            return "is gone";
        }
        String status = c.executionStatus() == null ? "" : c.executionStatus().toLowerCase(Locale.ROOT);
        if (FINISHED.contains(status)) {
            return "finished (execution status " + status + ")";
        }
        String sandbox = c.sandboxStatus() == null ? "" : c.sandboxStatus().toUpperCase(Locale.ROOT);
        if (GONE.contains(sandbox)) {
            return "ended: its sandbox is " + sandbox;
        }
        if (sandbox.equals("PAUSED") && !saidPaused) {
            saidPaused = true;
            session.say("the sandbox is paused: following until it runs again and the conversation finishes");
        }
        return null;
    }

    /** An answer that asking again will not change: a 4xx other than 408 and 429 (a 404: the conversation is gone). */
    private static boolean refused(ApiException e) {
        return e.failure() == ApiException.Failure.HTTP_STATUS
                && e.status() / 100 == 4
                && e.status() != 408
                && e.status() != 429;
    }

    private static Duration backoff(int failures) {
        Duration wait = Duration.ofSeconds(1L << Math.min(failures - 1, 4));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}

package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The list's pages beyond what a refresh brings, fetched on the scheduler: the server's title
 * matches for the filter typed ({@link ConversationBoard#searchTitles}), asked once the typing
 * pauses, not on every key; and the next page, older conversations ({@link ConversationBoard#loadMore})
 * or further matches, as the cursor nears the end of what the list holds. The screen says what the
 * user did ({@link #typed}, {@link #nearEnd}) from its keys and events, never from drawing; never
 * more than one further page is on its way at once.
 */
public final class BoardPages {
    /** Typing that stops this long is a question; keys closer together are still the same one. */
    public static final Duration PAUSE = Duration.ofMillis(400);
    /**
     * After a page that failed, the next is asked no sooner than this: the screen asks at every
     * event while the cursor stays at the end, and the failure's own redraw is such an event.
     */
    public static final Duration AFTER_FAILURE = Duration.ofSeconds(3);

    /** One request for a page; its failure is the board's problem to show. */
    private interface Fetch {
        void run() throws ApiException;
    }

    private final ConversationBoard board;
    private final ScheduledExecutorService scheduler;
    private final Runnable afterRun;
    private ScheduledFuture<?> pending;
    /** Counts the requests scheduled: a run clears {@link #pending} only if it is the latest. */
    private long scheduled;

    private boolean running;
    /** A page failed a moment ago: {@link #nearEnd} waits out {@link #AFTER_FAILURE}. */
    private boolean resting;
    /** Older conversations asked for and not yet in (the list says "loading older…"). */
    private int olderComing;
    /** Whether {@link #pending} is a page of older conversations. */
    private boolean pendingOlder;

    /** @param afterRun called after each request, good or bad (e.g. to ask for a redraw) */
    public BoardPages(ConversationBoard board, ScheduledExecutorService scheduler, Runnable afterRun) {
        this.board = Objects.requireNonNull(board);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.afterRun = Objects.requireNonNull(afterRun);
    }

    /** The filter's text is now {@code text}: ask for its first page of matches after a pause (none if blank). */
    public synchronized void typed(String text) {
        if (pending != null) {
            if (pending.cancel(false) && pendingOlder) {
                olderComing--;
            }
            pending = null;
        }
        // The same text again (a space typed and deleted) is the same question: asked already.
        if (text != null
                && !text.isBlank()
                && !text.strip().equals(board.snapshot().search().text())) {
            pending = schedule(() -> board.searchTitles(text), PAUSE, false);
        }
    }

    /**
     * The cursor is near the end of what {@code filter} shows: the next page of it (more matches
     * for a typed text, else older conversations), unless one is on its way or there is none.
     */
    public synchronized void nearEnd(BoardFilter filter) {
        if (pending != null || running || resting) {
            return;
        }
        BoardSnapshot snap = board.snapshot();
        String text = filter.text();
        if (!text.isEmpty()) {
            // Matches come from the server's title search, not from paging through everything.
            if (text.equals(snap.search().text()) && snap.search().hasMore()) {
                pending = schedule(() -> board.searchTitles(text), Duration.ZERO, false);
            }
        } else if (snap.hasMore(filter)) {
            pending = schedule(board::loadMore, Duration.ZERO, true);
        }
    }

    /** Whether older conversations are on their way. */
    public synchronized boolean loadingOlder() {
        return olderComing > 0;
    }

    private void rest() {
        synchronized (this) {
            resting = true;
        }
        try {
            scheduler.schedule(
                    () -> {
                        synchronized (this) {
                            resting = false;
                        }
                        afterRun.run(); // the screen asks again at the next event
                    },
                    AFTER_FAILURE.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            // nothing more is asked once ohtop stops
        }
    }

    private ScheduledFuture<?> schedule(Fetch fetch, Duration delay, boolean older) {
        long ticket = ++scheduled;
        try {
            ScheduledFuture<?> future =
                    scheduler.schedule(() -> run(fetch, ticket, older), delay.toMillis(), TimeUnit.MILLISECONDS);
            olderComing += older ? 1 : 0;
            pendingOlder = older;
            return future;
        } catch (RejectedExecutionException shutDown) {
            return null;
        }
    }

    private void run(Fetch fetch, long ticket, boolean older) {
        synchronized (this) {
            if (ticket == scheduled) {
                pending = null;
            }
            running = true;
        }
        try {
            fetch.run();
        } catch (ApiException e) {
            // The board shows the problem on the status line; the next page waits a while.
            rest();
        } finally {
            synchronized (this) {
                running = false;
                olderComing -= older ? 1 : 0;
            }
            afterRun.run();
        }
    }
}

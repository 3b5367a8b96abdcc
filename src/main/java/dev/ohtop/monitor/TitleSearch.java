package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The list filter's question to the server: conversations whose title contains the text typed
 * ({@link ConversationBoard#searchTitles}). The first page is asked for once the typing pauses, not
 * on every key; further pages one at a time, as the list nears the end of the matches. Never more
 * than one request at once.
 */
public final class TitleSearch {
    /** Typing that stops this long is a question; keys closer together are still the same one. */
    public static final Duration PAUSE = Duration.ofMillis(400);

    private final ConversationBoard board;
    private final ScheduledExecutorService scheduler;
    private final Runnable afterRun;
    private ScheduledFuture<?> pending;
    /** Counts the requests scheduled: a run clears {@link #pending} only if it is the latest. */
    private long scheduled;
    private boolean running;

    /** @param afterRun called after each request, good or bad (e.g. to ask for a redraw) */
    public TitleSearch(ConversationBoard board, ScheduledExecutorService scheduler, Runnable afterRun) {
        this.board = Objects.requireNonNull(board);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.afterRun = Objects.requireNonNull(afterRun);
    }

    /** The filter's text is now {@code text}: ask for its first page after a pause (none if blank). */
    public synchronized void typed(String text) {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        // The same text again (a space typed and deleted) is the same question: asked already.
        if (text != null && !text.isBlank() && !text.strip().equals(board.snapshot().search().text())) {
            pending = schedule(text, PAUSE);
        }
    }

    /** The list is near the end of what matches {@code text}: the next page, unless one is on its way. */
    public synchronized void nearEnd(String text) {
        if (pending == null && !running && text != null && !text.isBlank()) {
            pending = schedule(text, Duration.ZERO);
        }
    }

    private ScheduledFuture<?> schedule(String text, Duration delay) {
        long ticket = ++scheduled;
        try {
            return scheduler.schedule(() -> run(text, ticket), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            return null;
        }
    }

    private void run(String text, long ticket) {
        synchronized (this) {
            if (ticket == scheduled) {
                pending = null;
            }
            running = true;
        }
        try {
            board.searchTitles(text);
        } catch (ApiException e) {
            // the board shows the problem on the status line
        } finally {
            synchronized (this) {
                running = false;
            }
            afterRun.run();
        }
    }
}

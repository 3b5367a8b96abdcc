package dev.ohtop.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the reading of a response body. java.net.http's request timeout ends when the headers
 * arrive; a server that then stalls half-way through the body would hold the caller for ever.
 * Past the timeout the body is closed and the reading thread interrupted, and the caller says
 * "timed out" instead of waiting.
 */
final class ReadWatchdog implements AutoCloseable {
    /** One daemon timer for every watchdog: it holds no state of its own, only the pending deadlines. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ohtop-read-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledFuture<?> deadline;
    /** Guards the hand-over: once the reader is done, the watchdog must not interrupt it any more. */
    private final Object lock = new Object();

    private boolean done;
    private volatile boolean fired;

    private ReadWatchdog(Duration timeout, InputStream body, Thread reader) {
        this.deadline = timeout == null
                ? null
                : TIMER.schedule(
                        () -> {
                            synchronized (lock) {
                                if (done) {
                                    return;
                                }
                                fired = true;
                                reader.interrupt();
                            }
                            try {
                                body.close();
                            } catch (IOException e) {
                                // closing is only a way to wake the reader
                            }
                        },
                        timeout.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    static ReadWatchdog start(Duration timeout, InputStream body) {
        return new ReadWatchdog(timeout, body, Thread.currentThread());
    }

    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        synchronized (lock) {
            done = true;
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (fired) {
            Thread.interrupted(); // the interrupt was ours, not the caller's: do not pass it on
        }
    }
}

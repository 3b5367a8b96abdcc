package dev.ohtop.commands;

import dev.ohtop.monitor.CloudWork;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The monitor's change objects for one command (the start tracker, the sandbox resumer, a
 * transfer, a message: the same as the screens use), on a scheduler of the command's own, and the
 * command's thread waiting on them: each change they report wakes it to read their snapshot.
 */
final class CommandWork implements AutoCloseable {
    /** A missed wake-up costs at most this long: the snapshot is read again anyway. */
    private static final long RECHECK_MILLIS = 500;

    private final ScheduledExecutorService scheduler;
    private final CloudWork work;
    private final Object lock = new Object();
    private long changes;

    CommandWork(Session session) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ohtop-command");
            t.setDaemon(true);
            return t;
        });
        this.work = session.account().work(null, scheduler, session.clock(), this::changed);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    CloudWork cloud() {
        return work;
    }

    /** What the monitor objects call after each step (on their threads). */
    void changed() {
        synchronized (lock) {
            changes++;
            lock.notifyAll();
        }
    }

    /**
     * Waits on this thread until {@code done} holds for the snapshot, handing every snapshot read
     * to {@code seen} first (to say progress), and returns the last one.
     */
    <T> T until(Supplier<T> snapshot, Predicate<T> done, Consumer<T> seen) throws InterruptedException {
        while (true) {
            long before;
            synchronized (lock) {
                before = changes;
            }
            T now = snapshot.get();
            seen.accept(now);
            if (done.test(now)) {
                return now;
            }
            synchronized (lock) {
                if (changes == before) {
                    lock.wait(RECHECK_MILLIS);
                }
            }
        }
    }

    /** Stops the threads: whatever was still being followed is dropped. */
    @Override
    public void close() {
        work.close();
        scheduler.shutdownNow();
    }
}

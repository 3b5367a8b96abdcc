package dev.ohtop.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that never sleeps: it writes down every wait the client asked for. */
final class RecordingSleeper implements RetryPolicy.Sleeper {
    private final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
    }

    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}

package dev.ohtop.presentation;

import dev.ohtop.monitor.Freshness;
import dev.ohtop.monitor.LiveEvents;
import dev.ohtop.monitor.PollerStatus;
import java.time.Instant;

/** The status line of a polled screen: how fresh what it shows is, and what went wrong. */
public final class StatusLines {
    private StatusLines() {}

    /**
     * A screen whose poller is failing: how old the data shown is (it is kept, never cleared), when
     * the next try comes, then the problem. Age and retry come first: a long error is cut at the
     * screen's edge, and they must not be cut with it.
     */
    public static String problem(Freshness freshness, PollerStatus poller, Instant now) {
        String age = freshness.lastGood() == null
                ? "no data yet"
                : "showing data from " + Ages.since(freshness.lastGood(), now) + " ago";
        String retry = poller.nextRunAt() == null ? "" : ", retrying in " + Ages.since(now, poller.nextRunAt());
        return "⚠ " + age + retry + ": " + freshness.problem();
    }

    /** A polled list: connecting, how fresh its data is, or what went wrong. */
    public static String refresh(Freshness freshness, PollerStatus poller, Instant now) {
        if (freshness.problem() != null) {
            return problem(freshness, poller, now);
        }
        if (freshness.lastGood() == null) {
            return "connecting…";
        }
        return "refreshed " + Ages.since(freshness.lastGood(), now) + " ago";
    }

    /** An event tail: fetching, how long since it was last read, or what went wrong. */
    public static String events(Freshness freshness, PollerStatus poller, Instant now) {
        if (freshness.problem() != null) {
            return problem(freshness, poller, now);
        }
        return freshness.lastGood() == null
                ? "fetching events…"
                : "updated " + Ages.since(freshness.lastGood(), now) + " ago";
    }

    /**
     * An event tail kept live: "live" while events are pushed and nothing is wrong (an age would
     * only say when the last one came, and tick for nothing); otherwise what
     * {@link #events(Freshness, PollerStatus, Instant)} says, then why the socket is not up when it
     * is polled for want of one.
     */
    public static String events(Freshness freshness, PollerStatus poller, LiveEvents.Status live, Instant now) {
        if (live(freshness, live)) {
            return "live";
        }
        String line = events(freshness, poller, now);
        return live.mode() != LiveEvents.Mode.LIVE && live.problem() != null
                ? line + " · not live: " + live.problem()
                : line;
    }

    /** Whether the events status line says just "live": pushed over the socket, read once, nothing wrong. */
    public static boolean live(Freshness freshness, LiveEvents.Status live) {
        return live.mode() == LiveEvents.Mode.LIVE && freshness.problem() == null && freshness.lastGood() != null;
    }

    /** How new events reach the tail: "live", "connecting", "reconnecting" or "polling 3s". */
    public static String delivery(LiveEvents.Status live) {
        return switch (live.mode()) {
            case LIVE -> "live";
            case CONNECTING -> live.again() ? "reconnecting" : "connecting";
            case POLLING -> "polling " + Ages.of(live.pollEvery());
        };
    }
}

package dev.ohtop.ui;

import dev.ohtop.monitor.Poller;
import java.time.Duration;

/**
 * What a screen that polls does as it comes and goes ({@link View#shown}, {@link View#hidden},
 * {@link View#closed}): its poller polls at once when the screen comes to the front; behind
 * another screen it pauses, or, for a list other screens read from, polls that many times slower;
 * it stops for good when the screen closes.
 */
final class PolledScreen {
    private final Poller poller;
    /** The interval in front; null when the poller pauses behind. */
    private final Duration inFront;

    private final int slowerBehind;
    private boolean shownBefore;

    private PolledScreen(Poller poller, Duration inFront, int slowerBehind) {
        this.poller = poller;
        this.inFront = inFront;
        this.slowerBehind = slowerBehind;
    }

    /** Polls only while the screen is in front. */
    static PolledScreen pausedBehind(Poller poller) {
        return new PolledScreen(poller, null, 1);
    }

    /** Polls every {@code refresh} in front and {@code times} slower behind (screens in front show what it reads). */
    static PolledScreen slowerBehind(Poller poller, Duration refresh, int times) {
        return new PolledScreen(poller, refresh, times);
    }

    void shown() {
        if (inFront == null) {
            poller.resume(); // polls at once: what was shown may be old by now
            return;
        }
        poller.setInterval(inFront);
        poller.resume();
        if (shownBefore) {
            poller.pokeNow(); // back from another screen: what it shows now, not what it showed then
        }
        shownBefore = true;
    }

    void hidden() {
        if (inFront == null) {
            poller.pause();
        } else {
            poller.setInterval(inFront.multipliedBy(slowerBehind));
        }
    }

    void closed() {
        poller.close();
    }
}

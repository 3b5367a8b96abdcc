package dev.ohtop.ui;

import dev.ohtop.monitor.Attention;
import dev.ohtop.presentation.NoticeText;
import dev.ohtop.terminal.Ring;

/**
 * What the UI loop says and rings when a conversation needs its user: asked once per turn, on the
 * UI thread; the attention decides what is due and when ({@link Attention#take}).
 */
final class Notices {
    /** One notice: the status line's words and the bytes that ring (none under {@code --notify none}). */
    record Due(String said, byte[] ring) {}

    /** Where the ring's bytes go: the terminal, after the frame (a virtual one's recorder in tests). */
    interface Out {
        void send(byte[] bytes) throws java.io.IOException;
    }

    private final Attention attention;
    private final Ring ring;
    private final boolean insideTmux;

    Notices(Attention attention, Ring ring, boolean insideTmux) {
        this.attention = attention;
        this.ring = ring;
        this.insideTmux = insideTmux;
    }

    /** The notice due now, or null. */
    Due take() {
        Attention.Notice notice = attention.take();
        if (notice == null) {
            return null;
        }
        return new Due(NoticeText.said(notice), ring.bytes(NoticeText.notification(notice), insideTmux));
    }
}

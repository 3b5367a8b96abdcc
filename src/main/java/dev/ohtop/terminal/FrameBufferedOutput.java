package dev.ohtop.terminal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The terminal's output, held until Lanterna flushes at the end of a frame: Lanterna writes one
 * character at a time, and unbuffered each one is a system call. Two sequences are special:
 * <ul>
 *   <li>a cursor position request ({@code ESC [ 6 n}) is sent at once: it is how Lanterna asks
 *       the terminal its size, and it waits for the answer, which would never come while the
 *       request sat in the buffer;</li>
 *   <li>after leaving the full screen ({@code ESC [ ? 1049 l}) nothing more is written. On a
 *       signal, shutdown hooks give the terminal back while the UI thread may still be drawing;
 *       what it drew after that would land on the user's shell screen.</li>
 * </ul>
 */
final class FrameBufferedOutput extends BufferedOutputStream {
    private static final int FRAME_BYTES = 1 << 16;
    private static final byte[] ASK_CURSOR = {0x1b, '[', '6', 'n'};
    private static final byte[] LEAVE_FULL_SCREEN = {0x1b, '[', '?', '1', '0', '4', '9', 'l'};

    private boolean left;

    FrameBufferedOutput(OutputStream terminal) {
        super(terminal, FRAME_BYTES);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (left) {
            return;
        }
        super.write(bytes, offset, length);
        if (endsWith(bytes, offset, length, ASK_CURSOR)) {
            flush();
        } else if (endsWith(bytes, offset, length, LEAVE_FULL_SCREEN)) {
            flush();
            left = true;
        }
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (!left) {
            super.write(b);
        }
    }

    private static boolean endsWith(byte[] bytes, int offset, int length, byte[] tail) {
        if (length < tail.length) {
            return false;
        }
        for (int i = 0; i < tail.length; i++) {
            if (bytes[offset + length - tail.length + i] != tail[i]) {
                return false;
            }
        }
        return true;
    }
}

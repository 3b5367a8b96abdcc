package dev.ohtop.ui;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The terminal's output, held until Lanterna flushes at the end of a frame: Lanterna writes one
 * character at a time, and unbuffered each one is a system call. The one thing sent at once is a
 * cursor position request ({@code ESC [ 6 n}), which is how Lanterna asks the terminal its size:
 * it waits for the answer, which would never come while the request sat in the buffer.
 */
final class FrameBufferedOutput extends BufferedOutputStream {
    private static final int FRAME_BYTES = 1 << 16;

    FrameBufferedOutput(OutputStream terminal) {
        super(terminal, FRAME_BYTES);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        super.write(bytes, offset, length);
        if (asksForCursorPosition(bytes, offset, length)) {
            flush();
        }
    }

    private static boolean asksForCursorPosition(byte[] bytes, int offset, int length) {
        return length >= 4 && bytes[offset + length - 4] == 0x1b && bytes[offset + length - 3] == '['
                && bytes[offset + length - 2] == '6' && bytes[offset + length - 1] == 'n';
    }
}

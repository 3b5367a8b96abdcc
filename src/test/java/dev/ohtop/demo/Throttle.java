package dev.ohtop.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A slow link for one exchange ({@link Fault.Kind#THROTTLED}): its request and response bodies move
 * at a set pace, in small steps, so a client's progress moves smoothly rather than in one jump.
 * Real time, not the world's clock: it is about how long the bytes take.
 */
final class Throttle {
    /** Steps of a fiftieth of a second's worth of bytes. */
    private static final int STEPS_PER_SECOND = 50;

    private final long bytesPerSecond;
    private final int step;
    private final long startedAt = System.nanoTime();
    private long moved;

    private Throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.step = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytesPerSecond / STEPS_PER_SECOND));
    }

    /** Wraps the exchange's streams (the way a JDK server filter does) before the service reads or answers. */
    static void apply(HttpExchange exchange, long bytesPerSecond) {
        Throttle pace = new Throttle(bytesPerSecond);
        InputStream in = exchange.getRequestBody();
        OutputStream out = exchange.getResponseBody();
        exchange.setStreams(
                new FilterInputStream(in) {
                    @Override
                    public int read() throws IOException {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, Math.min(len, pace.step));
                        if (n > 0) {
                            pace.passed(n);
                        }
                        return n;
                    }
                },
                new FilterOutputStream(out) {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        for (int at = off, end = off + len; at < end; ) {
                            int n = Math.min(end - at, pace.step);
                            out.write(b, at, n);
                            out.flush();
                            pace.passed(n);
                            at += n;
                        }
                    }
                });
    }

    /** Waits until {@code n} more bytes are due at this pace. */
    private synchronized void passed(int n) throws IOException {
        moved += n;
        long dueAt = startedAt + (long) (moved * 1e9 / bytesPerSecond);
        long wait = dueAt - System.nanoTime();
        if (wait <= 0) {
            return;
        }
        try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("throttled body interrupted");
        }
    }
}

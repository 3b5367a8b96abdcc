package dev.ohtop.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A download's body written straight from the client's socket buffers to a file, with progress
 * and cancel after every buffer. Handing the body over as an InputStream instead (a queue between
 * the client's thread and ours, a copy per 16 KiB) made a loopback download a third as fast as
 * curl. An error answer is read as a stream as usual.
 *
 * <p>What went wrong is kept here, not left to the client: {@code HttpClient.send} says every
 * failure as a bare IOException. {@link #failure()} gives the real one (the network broke off, the
 * disk refused, the user cancelled, the body was short).
 */
final class FileBody implements HttpResponse.BodyHandler<InputStream> {
    private final Target file;
    private final TransferListener listener;
    private final String route;
    private volatile IOException failure;
    private Path written;
    private boolean abandoned;

    /** @param file where to write, made only once the answer is a success (a temp file beside the target) */
    FileBody(Target file, TransferListener listener, String route) {
        this.file = file;
        this.listener = listener;
        this.route = route;
    }

    /** Why the body did not arrive whole, once a body was being written; else null. */
    IOException failure() {
        return failure;
    }

    /** The file the body went into, or null when there was no successful answer (yet). */
    synchronized Path written() {
        return written;
    }

    /**
     * Deletes the file, if any, and makes sure none is made later: the client may fail the send
     * before its own thread has got round to starting the body.
     */
    synchronized void abandon() throws IOException {
        abandoned = true;
        if (written != null) {
            Files.deleteIfExists(written);
        }
    }

    private synchronized Path begin() throws IOException {
        if (abandoned) {
            throw new IOException("the download was given up");
        }
        if (written != null) {
            Files.deleteIfExists(written); // an earlier answer's body, should the request be made again
        }
        written = file.create();
        return written;
    }

    @Override
    public BodySubscriber<InputStream> apply(HttpResponse.ResponseInfo info) {
        if (info.statusCode() < 200 || info.statusCode() >= 300) {
            return HttpResponse.BodySubscribers.ofInputStream();
        }
        return new Writer(info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /** Makes the file to write into. */
    @FunctionalInterface
    interface Target {
        Path create() throws IOException;
    }

    /** Ends a body that did not arrive whole; {@link #failure()} says why. */
    static final class Stopped extends IOException {
        Stopped(Throwable cause) {
            super("the body did not arrive whole", cause);
        }
    }

    private final class Writer implements BodySubscriber<InputStream> {
        private final long total;
        private final CompletableFuture<InputStream> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private FileChannel channel;
        private long done;

        Writer(long total) {
            this.total = total;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            try {
                Path target = begin();
                channel = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                listener.progress(0, total);
            } catch (IOException | RuntimeException e) {
                stop(e instanceof IOException io ? io : new IOException(e));
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            if (listener.cancelled()) {
                stop(new ApiException(ApiException.Failure.CANCELLED, route, "cancelled by the user", null));
                return;
            }
            try {
                for (ByteBuffer buffer : buffers) {
                    int n = buffer.remaining();
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    done += n;
                }
            } catch (IOException e) {
                stop(e); // the disk's failure, said as it is
                return;
            }
            listener.progress(done, total);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            fail(HttpCore.transferBroke(route, shortly(t)));
        }

        @Override
        public void onComplete() {
            if (result.isDone()) {
                return;
            }
            if (listener.cancelled()) {
                // Not yet in place: a cancel asked for while the last buffer came in still holds.
                fail(new ApiException(ApiException.Failure.CANCELLED, route, "cancelled by the user", null));
                return;
            }
            if (total >= 0 && done != total) {
                fail(new ApiException(ApiException.Failure.BAD_RESPONSE, route,
                        "download ended after " + done + " of " + total + " bytes", null));
                return;
            }
            try {
                close();
            } catch (IOException e) {
                fail(e);
                return;
            }
            result.complete(InputStream.nullInputStream());
        }

        @Override
        public CompletionStage<InputStream> getBody() {
            return result;
        }

        /** The JDK says a body cut short as "fixed content-length: N, bytes received: M"; a screen line wants less. */
        private IOException shortly(Throwable t) {
            boolean cutShort = t instanceof java.io.EOFException
                    || String.valueOf(t.getMessage()).contains("content-length");
            if (cutShort) {
                return new IOException("closed", t);
            }
            return t instanceof IOException e ? e : new IOException(t);
        }

        private void stop(IOException why) {
            subscription.cancel();
            fail(why);
        }

        private void fail(IOException why) {
            if (result.isDone()) {
                return;
            }
            failure = why;
            try {
                close();
            } catch (IOException ignored) {
                // the first failure is the one to tell
            }
            result.completeExceptionally(new Stopped(why));
        }

        private void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }
}

package dev.ohtop.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
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
    /** How often (in bytes written) the disk's free space is looked at again. */
    static final long SPACE_CHECK_EVERY = 4L * 1024 * 1024;

    private final Target file;
    private final TransferListener listener;
    private final String route;
    private final DiskSpace space;
    private volatile IOException failure;
    private volatile String contentType;
    private PartFiles.Part written;
    private boolean abandoned;

    /**
     * @param file  where to write, made only once the answer is a success (a part file beside the target)
     * @param space the room left on its disk, looked at before and during the writing
     */
    FileBody(Target file, TransferListener listener, String route, DiskSpace space) {
        this.file = file;
        this.listener = listener;
        this.route = route;
        this.space = space;
    }

    /** The successful answer's Content-Type, or null. */
    String contentType() {
        return contentType;
    }

    /** Why the body did not arrive whole, once a body was being written; else null. */
    IOException failure() {
        return failure;
    }

    /** The part file the body went into (still open), or null when there was no successful answer (yet). */
    synchronized PartFiles.Part written() {
        return written;
    }

    /**
     * Deletes the file, if any, and makes sure none is made later: the client may fail the send
     * before its own thread has got round to starting the body.
     */
    synchronized void abandon() throws IOException {
        abandoned = true;
        if (written != null) {
            written.discard();
        }
    }

    private synchronized PartFiles.Part begin() throws IOException {
        if (abandoned) {
            throw new IOException("the download was given up");
        }
        if (written != null) {
            written.discard(); // an earlier answer's body, should the request be made again
        }
        written = file.create();
        return written;
    }

    @Override
    public BodySubscriber<InputStream> apply(HttpResponse.ResponseInfo info) {
        if (info.statusCode() < 200 || info.statusCode() >= 300) {
            return HttpResponse.BodySubscribers.ofInputStream();
        }
        contentType = info.headers().firstValue("Content-Type").orElse(null);
        return new Writer(info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /** Makes the file to write into. */
    @FunctionalInterface
    interface Target {
        PartFiles.Part create() throws IOException;
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
        private PartFiles.Part part;
        private long done;
        private long spaceCheckedAt = -SPACE_CHECK_EVERY;

        Writer(long total) {
            this.total = total;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            try {
                part = begin();
                if (total > 0) {
                    roomFor(total);
                }
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
                if (done - spaceCheckedAt >= SPACE_CHECK_EVERY) {
                    roomFor(SPACE_CHECK_EVERY);
                    spaceCheckedAt = done;
                }
                for (ByteBuffer buffer : buffers) {
                    int n = buffer.remaining();
                    while (buffer.hasRemaining()) {
                        part.channel().write(buffer);
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
                fail(new ApiException(
                        ApiException.Failure.BAD_RESPONSE,
                        route,
                        "download ended after " + done + " of " + total + " bytes",
                        null));
                return;
            }
            result.complete(InputStream.nullInputStream()); // the part stays open: the caller checks it, then moves it
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
            if (part != null) {
                part.close();
            }
        }

        /**
         * Refuses to write {@code more} bytes when that would leave the disk less than
         * {@link DiskSpace#KEEP_FREE}: said with how much was left, before the disk is full.
         */
        private void roomFor(long more) throws IOException {
            long usable = space.usableBytes(part.path());
            if (usable - more >= DiskSpace.KEEP_FREE) {
                return;
            }
            String left =
                    ByteSizes.of(usable) + " free, and ohtop keeps " + ByteSizes.of(DiskSpace.KEEP_FREE) + " free";
            if (done > 0) {
                throw new DiskSpace.NearlyFull("stopped after " + ByteSizes.of(done) + ": the local disk has " + left);
            }
            String forWhat = total > 0 ? " for " + ByteSizes.of(total) : "";
            throw new DiskSpace.NearlyFull("not enough room on the local disk" + forWhat + " (" + left + ")");
        }
    }
}

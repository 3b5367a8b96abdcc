package dev.ohtop.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A multipart/form-data body with a single file part, streamed from disk with a known length
 * (servers like a Content-Length) and progress reported as the file is read.
 */
final class Multipart {
    private final byte[] head;
    private final byte[] tail;
    private final Path file;
    private final long fileSize;
    private final String boundary;
    private final TransferListener listener;

    private Multipart(String field, Path file, long fileSize, TransferListener listener) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.boundary = "ohtop-" + HexFormat.of().formatHex(random);
        String name = file.getFileName() == null ? "file" : file.getFileName().toString();
        this.head = ("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"" + quote(field) + "\"; filename=\"" + quote(name)
                        + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        this.file = file;
        this.fileSize = fileSize;
        this.listener = listener;
    }

    static Multipart of(String field, Path file, TransferListener listener) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "not a readable file");
        }
        return new Multipart(field, file, Files.size(file), listener);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** A fresh stream per subscription, so the client may send it again (e.g. the legacy route). */
    BodyPublisher publisher() {
        long length = head.length + fileSize + tail.length;
        BodyPublisher streamed = HttpRequest.BodyPublishers.ofInputStream(this::open);
        return HttpRequest.BodyPublishers.fromPublisher(streamed, length);
    }

    private InputStream open() {
        try {
            InputStream content = new CountingStream(Files.newInputStream(file), fileSize, listener);
            return new SequenceInputStream(
                    new ByteArrayInputStream(head), new SequenceInputStream(content, new ByteArrayInputStream(tail)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", " ").replace("\n", " ");
    }

    /** Reports bytes read from the file and stops the upload when the listener cancels. */
    private static final class CountingStream extends InputStream {
        private final InputStream in;
        private final long total;
        private final TransferListener listener;
        private long done;

        CountingStream(InputStream in, long total, TransferListener listener) {
            this.in = in;
            this.total = total;
            this.listener = listener;
            listener.progress(0, total);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (listener.cancelled()) {
                throw new IOException("upload cancelled by the user");
            }
            int n = in.read(b, off, len);
            if (n > 0) {
                done += n;
                listener.progress(done, total);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

package dev.ohtop.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a trajectory download must be to be kept: a whole zip, which starts with a local file
 * header ({@code PK\3\4}, or {@code PK\5\6} for an empty one) and ends with its central directory's
 * end record. A 200 with JSON or a page instead is said for what it is, and nothing is kept.
 */
final class ZipBody implements HttpCore.BodyCheck {
    static final ZipBody CHECK = new ZipBody();
    private static final int END_RECORD = 22;
    /** The end record sits in the last 22 bytes plus a comment of at most 65,535. */
    private static final int END_SEARCH = END_RECORD + 0xffff;

    private static final int FIRST_WORDS = 80;

    private ZipBody() {}

    @Override
    public void check(FileChannel body, String contentType, String route) throws IOException {
        long size = body.size();
        byte[] head = read(body, 0, (int) Math.min(size, 512));
        boolean startsAsZip = head.length >= 4
                && head[0] == 'P'
                && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
        if (!startsAsZip) {
            throw new ApiException(ApiException.Failure.BAD_RESPONSE, route, notAZip(head, size, contentType), null);
        }
        long from = Math.max(0, size - END_SEARCH);
        if (!hasEndRecord(read(body, from, (int) (size - from)))) {
            throw new ApiException(
                    ApiException.Failure.BAD_RESPONSE,
                    route,
                    "the zip came without its end (no central directory): it was cut short; nothing was kept",
                    null);
        }
    }

    /** "the server sent JSON, not a zip: Conversation not found; nothing was kept". */
    private static String notAZip(byte[] head, long size, String contentType) {
        String text = new String(head, StandardCharsets.UTF_8);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String what;
        if (size == 0) {
            return "the server sent nothing, not a zip; nothing was kept";
        } else if (ErrorBodies.looksLikeHtml(text, contentType)) {
            what = "an HTML page";
        } else if (type.contains("json")
                || text.stripLeading().startsWith("{")
                || text.stripLeading().startsWith("[")) {
            what = "JSON";
        } else if (type.startsWith("text/")) {
            what = "text";
        } else {
            return "the server sent " + ByteSizes.of(size) + " that are not a zip; nothing was kept";
        }
        String words = ErrorBodies.describe(text, contentType);
        if (words.length() > FIRST_WORDS) {
            words = words.substring(0, FIRST_WORDS - 1) + "…";
        }
        return "the server sent " + what + ", not a zip"
                + (words.isEmpty() || what.startsWith("an HTML") ? "" : ": " + words) + "; nothing was kept";
    }

    private static boolean hasEndRecord(byte[] tail) {
        for (int i = tail.length - END_RECORD; i >= 0; i--) {
            if (tail[i] == 'P' && tail[i + 1] == 'K' && tail[i + 2] == 5 && tail[i + 3] == 6) {
                return true;
            }
        }
        return false;
    }

    /** Reads through the part file's own channel, by position (it is never opened again by name). */
    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        byte[] out = new byte[buffer.position()];
        buffer.flip().get(out);
        return out;
    }
}

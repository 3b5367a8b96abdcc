package dev.ohtop.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The first bytes of a connection, read far enough to see its request line and headers: enough
 * for the agent port to tell a WebSocket upgrade from a REST request. The bytes themselves are
 * passed on whole to whoever serves the connection (some may already belong to a body).
 */
final class RequestHead {
    /** A head longer than this is not ours to judge: it goes to the HttpServer, which answers it. */
    static final int MAX_HEAD = 16 * 1024;

    private final byte[] bytes;
    private final String method;
    private final String target;
    private final boolean upgrade;

    private RequestHead(byte[] bytes, String method, String target, boolean upgrade) {
        this.bytes = bytes;
        this.method = method;
        this.target = target;
        this.upgrade = upgrade;
    }

    /** Reads until the end of the head (or {@link #MAX_HEAD}); null when the connection ends first with nothing. */
    static RequestHead read(InputStream in) throws IOException {
        byte[] buffer = new byte[2048];
        int length = 0;
        int end = -1;
        while (end < 0 && length < MAX_HEAD) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            end = headEnd(buffer, Math.max(0, length - 3), length + n);
            length += n;
        }
        if (length == 0) {
            return null;
        }
        byte[] bytes = Arrays.copyOf(buffer, length);
        if (end < 0) {
            return new RequestHead(bytes, "", "", false);
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] request = lines[0].split(" ");
        boolean upgrade = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0
                    && lines[i].substring(0, colon).trim().equalsIgnoreCase("upgrade")
                    && lines[i].substring(colon + 1).toLowerCase(Locale.ROOT).contains("websocket")) {
                upgrade = true;
            }
        }
        return new RequestHead(bytes, request[0], request.length > 1 ? request[1] : "", upgrade);
    }

    /** Everything read so far, head first. */
    byte[] bytes() {
        return bytes;
    }

    /** A GET that asks to become a WebSocket. */
    boolean isWebSocketUpgrade() {
        return upgrade && method.equals("GET");
    }

    /** The raw path of the request target, without its query. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** The raw query, or null. */
    String rawQuery() {
        int query = target.indexOf('?');
        return query < 0 ? null : target.substring(query + 1);
    }

    /** The index just past the blank line that ends the head, searching {@code [from, to)}; -1 if not there. */
    private static int headEnd(byte[] buffer, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }
}

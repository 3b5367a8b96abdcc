package dev.ohtop.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a multipart/form-data body part by part, streaming each part's bytes on: memory use is one
 * fixed buffer whatever the size of the upload.
 */
final class MultipartReader {
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int MAX_HEADER_LINE = 16 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|[^;\\s]+)");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int pos;
    private int limit;
    private boolean started;
    private boolean finished;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first boundary line has no CRLF before it; pretend it had, so one delimiter fits all.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    /** The boundary of a {@code multipart/form-data} content type, or null when it is not one. */
    static String boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? (m.group(2) != null ? m.group(2) : m.group(1)) : null;
    }

    /** The form field name of a part, from its {@code Content-Disposition}. */
    static String fieldName(Map<String, String> headers) {
        Matcher m = NAME.matcher(headers.getOrDefault("content-disposition", ""));
        return m.find() ? m.group(1) : null;
    }

    /** Moves to the next part and returns its headers (names lower-cased), or null after the last part. */
    Map<String, String> nextPart() throws IOException {
        if (!started) {
            started = true;
            copyUntilDelimiter(null); // the preamble
        }
        if (finished) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** Streams the current part's body to {@code out}; returns its size. */
    long copyBody(OutputStream out) throws IOException {
        return copyUntilDelimiter(out);
    }

    void skipBody() throws IOException {
        copyUntilDelimiter(null);
    }

    private long copyUntilDelimiter(OutputStream out) throws IOException {
        long copied = 0;
        while (true) {
            int found = indexOfDelimiter();
            if (found >= 0) {
                copied += write(out, found);
                pos = found + delimiter.length;
                readBoundaryEnd();
                return copied;
            }
            // Everything but a possible start of the delimiter is body.
            int safe = limit - (delimiter.length - 1);
            if (safe > pos) {
                copied += write(out, safe);
            }
            if (!fill()) {
                throw malformed();
            }
        }
    }

    /** After a delimiter: "--" ends the body, else optional padding and CRLF start the next part. */
    private void readBoundaryEnd() throws IOException {
        require(2);
        if (buffer[pos] == '-' && buffer[pos + 1] == '-') {
            finished = true;
            return;
        }
        String rest = readLine();
        if (!rest.isBlank()) {
            throw malformed();
        }
    }

    private String readLine() throws IOException {
        while (true) {
            for (int i = pos; i + 1 < limit; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    String line = new String(buffer, pos, i - pos, StandardCharsets.UTF_8);
                    pos = i + 2;
                    return line;
                }
            }
            if (limit - pos > MAX_HEADER_LINE || !fill()) {
                throw malformed();
            }
        }
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        int last = limit - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private int write(OutputStream out, int end) throws IOException {
        int length = end - pos;
        if (out != null && length > 0) {
            out.write(buffer, pos, length);
        }
        pos = end;
        return length;
    }

    private void require(int bytes) throws IOException {
        while (limit - pos < bytes) {
            if (!fill()) {
                throw malformed();
            }
        }
    }

    /** Moves unread bytes to the front and reads more after them; false at the end of the body. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buffer.length) {
            return true;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private static ApiError malformed() {
        return ApiError.detail(400, "There was an error parsing the body");
    }
}

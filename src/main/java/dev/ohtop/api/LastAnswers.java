package dev.ohtop.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last JSON answer of each GET a poller repeats, kept with its bytes: an answer whose bytes
 * did not change (the sandboxes of an idle list, an idle tail's page) is not parsed again, its
 * tree from last time is given instead. Trees are only read, never changed, so sharing one is
 * safe. A few routes' worth, small answers only; safe from any thread.
 */
final class LastAnswers {
    private static final int ROUTES = 16;
    private static final int MAX_BYTES = 256 * 1024;

    private record Answer(byte[] bytes, JsonNode tree) {}

    private final Map<URI, Answer> byUri = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, Answer> eldest) {
            return size() > ROUTES;
        }
    };

    /** The tree parsed last time {@code uri} answered exactly {@code bytes}; null if it answered otherwise. */
    synchronized JsonNode same(URI uri, byte[] bytes) {
        Answer last = byUri.get(uri);
        return last != null && Arrays.equals(last.bytes(), bytes) ? last.tree() : null;
    }

    synchronized void remember(URI uri, byte[] bytes, JsonNode tree) {
        if (bytes.length <= MAX_BYTES) {
            byUri.put(uri, new Answer(bytes, tree));
        } else {
            byUri.remove(uri);
        }
    }
}

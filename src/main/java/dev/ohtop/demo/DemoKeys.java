package dev.ohtop.demo;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Every credential the demo hands out: its API key and the sandboxes' session keys, new ones after
 * a rotation too. They open real bash on a machine that may be shared, so they come from
 * {@link SecureRandom}, fresh per run; the world's seeded {@code Random} makes only what it
 * simulates, never a secret.
 */
final class DemoKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoKeys() {}

    /** 192 bits, as the API key ohtop gives the demo. */
    static String apiKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "demo-" + HexFormat.of().formatHex(bytes);
    }

    /** 26 base62 characters (about 155 bits), in the shape of Cloud's session keys. */
    static String sessionKey() {
        return "sess-" + IdSource.base62(RANDOM, 26);
    }
}

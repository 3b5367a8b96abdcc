package dev.ohtop.demo;

import java.util.Locale;
import java.util.Random;

/**
 * Ids in the formats of the real services, drawn from one seeded {@link Random} so a world can be
 * replayed. Nothing here is a secret: keys come from {@link DemoKeys}.
 */
final class IdSource {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private final Random random;

    IdSource(Random random) {
        this.random = random;
    }

    /** A random UUID (version 4) as 32 lowercase hex digits: conversation, start task and bash event ids. */
    String hex32() {
        return String.format("%016x%016x", uuidHigh(), uuidLow());
    }

    /** A dashed UUID: conversation event ids, user ids. */
    String uuid() {
        return dashed(hex32());
    }

    /** Sandbox ids are opaque on Cloud; 22 base62 characters look like the real ones. */
    String sandboxId() {
        return base62(22);
    }

    String base62(int length) {
        return base62(random, length);
    }

    static String base62(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return out.toString();
    }

    static String dashed(String hex32) {
        return hex32.substring(0, 8) + "-" + hex32.substring(8, 12) + "-" + hex32.substring(12, 16) + "-"
                + hex32.substring(16, 20) + "-" + hex32.substring(20);
    }

    /** Inputs accept dashed or undashed, any case; null when the text is no UUID at all. */
    static String normalizeHex(String id) {
        if (id == null) {
            return null;
        }
        String hex = id.replace("-", "").toLowerCase(Locale.ROOT);
        return hex.matches("[0-9a-f]{32}") ? hex : null;
    }

    private long uuidHigh() {
        return (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    }

    private long uuidLow() {
        return (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    }
}

package dev.ohtop.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret ohtop has met so far: the API key, and each sandbox's session key as the app
 * server hands it out. The log and every error text hide all of them ({@link Redaction}), not
 * only the key of the request at hand: a server may echo another sandbox's key. One set per run,
 * shared by the clients (through {@link ClientOptions}) and the log.
 */
public final class Secrets {
    /** Shorter values are no secret worth the name, and hiding them would mangle ordinary words. */
    private static final int SHORTEST = 4;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** Remembers {@code secret} (null and blank are ignored). */
    public void add(String secret) {
        if (secret != null && secret.strip().length() >= SHORTEST) {
            known.add(secret.strip());
        }
    }

    /** {@code text} with every known secret, and any 8 characters of one in a row, as {@link Redaction#MASK}. */
    public String hide(String text) {
        String s = text;
        for (String secret : known) {
            s = Redaction.hide(s, secret);
        }
        return s;
    }

    @Override
    public String toString() {
        return "Secrets[" + known.size() + " known]";
    }
}

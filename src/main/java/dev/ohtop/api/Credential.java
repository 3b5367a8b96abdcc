package dev.ohtop.api;

import java.util.Objects;

/**
 * One secret and the header that carries it. The app server takes a Bearer key, an agent
 * server takes its session key; keeping both behind this type means neither can be printed
 * by accident: {@link #toString()} never shows the value.
 */
public final class Credential {
    public static final String AUTHORIZATION = "Authorization";
    public static final String SESSION_KEY_HEADER = "X-Session-API-Key";

    private final String header;
    private final String prefix;
    private final String secret;

    private Credential(String header, String prefix, String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(header + " credential is empty");
        }
        this.header = header;
        this.prefix = prefix;
        this.secret = secret.strip();
    }

    /** The Cloud API key, sent as {@code Authorization: Bearer ...} to the app server only. */
    public static Credential bearer(String apiKey) {
        return new Credential(AUTHORIZATION, "Bearer ", apiKey);
    }

    /** A sandbox's session key, sent as {@code X-Session-API-Key} to its agent server only. */
    public static Credential sessionKey(String sessionKey) {
        return new Credential(SESSION_KEY_HEADER, "", sessionKey);
    }

    public String header() {
        return header;
    }

    public String headerValue() {
        return prefix + secret;
    }

    public boolean isSessionKey() {
        return SESSION_KEY_HEADER.equals(header);
    }

    /** Hides the secret in {@code text}, and any 8 characters of it in a row ({@link Redaction}); null stays null. */
    public String redact(String text) {
        return Redaction.hide(text, secret);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Credential c && header.equals(c.header) && secret.equals(c.secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, secret);
    }

    @Override
    public String toString() {
        return header + ": ****";
    }
}

package dev.ohtop.demo;

/** Which of the two simulated services a request reached. */
public enum ServerRole {
    /** The OpenHands Cloud app server ({@code /api/v1/...}), authenticated by the Bearer API key. */
    APP,
    /** The agent servers of all sandboxes ({@code /sandboxes/{id}/...}), authenticated by session keys. */
    AGENT
}

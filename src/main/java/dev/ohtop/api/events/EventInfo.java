package dev.ohtop.api.events;

/**
 * What every event has. {@code timestamp} is kept as the server wrote it (usually naive, with
 * microseconds): it is the cursor for the next incremental fetch, so it must round-trip exactly.
 */
public record EventInfo(String id, String kind, String timestamp, String source, String parentId, RawJson raw) {}

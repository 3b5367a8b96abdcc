package dev.ohtop.monitor;

import dev.ohtop.api.SandboxInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the sandboxes list. Text fields are the server's, not yet made safe for a terminal:
 * the UI does that when it draws them. The sandbox's session key is deliberately not kept.
 *
 * @param changed true when the sandbox is new or its status or spec differs from the previous
 *                refresh; it stays true for one refresh only
 * @param pending a pause or resume the user asked for that the status does not show yet; null when none
 */
public record SandboxRow(String id, String status, String specId, Instant createdAt, boolean changed, Pending pending) {

    /** What the user asked of a sandbox that its status does not show yet. */
    public enum Pending {
        PAUSING,
        RESUMING
    }

    static SandboxRow of(SandboxInfo s, boolean changed) {
        return new SandboxRow(s.id(), s.status(), s.sandboxSpecId(), s.createdAt(), changed, null);
    }

    public boolean is(String wantedStatus) {
        return wantedStatus.equals(status);
    }

    /** Whether the server says the same about it as about {@code before}. */
    boolean sameAs(SandboxRow before) {
        return before != null && Objects.equals(status, before.status) && Objects.equals(specId, before.specId);
    }

    SandboxRow withPending(Pending now) {
        return now == pending ? this : new SandboxRow(id, status, specId, createdAt, changed, now);
    }
}

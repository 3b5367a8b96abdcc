package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.User;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The app server as this run may use it: under --readonly nothing but a read leaves, whatever
 * asks (one guard below every screen), and what pollers read is tried once (their own backoff is
 * their retry, see {@link CloudClient#tryingOnce()}). It makes the readers and the {@link CloudWork}
 * that every change goes through.
 */
public final class CloudAccount {
    /**
     * The signed-in account for the header.
     *
     * @param email   the account's email, or null (none, or not read)
     * @param problem why it could not be read, or null when it was
     * @param settled whether to stop asking: it was read, or refused for good (401, 403, 404)
     */
    public record Answer(String email, String problem, boolean settled) {}

    private final CloudClient cloud;
    private final CloudClient polled;

    public CloudAccount(CloudClient cloud, boolean readonly) {
        this.cloud = readonly ? cloud.readingOnly() : Objects.requireNonNull(cloud);
        this.polled = this.cloud.tryingOnce();
    }

    /** The app server's address. */
    public URI server() {
        return cloud.baseUrl();
    }

    /** The conversation list, read once per refresh. */
    public ConversationBoard conversations(Clock clock) {
        return new ConversationBoard(polled, clock);
    }

    /** The events of one conversation, read once per poll. */
    public EventTail events(String conversationId, Clock clock, EventTail.Settings settings) {
        return new EventTail(conversationId, EventFeed.cloud(polled, conversationId), clock, settings);
    }

    /**
     * Reads the account once. A refusal (401, 403, 404) settles it; anything that may pass (no
     * connection, a timeout, a 429 or a 5xx) is worth asking again.
     */
    public Answer readAccount() {
        try {
            User me = polled.me();
            return new Answer(me == null ? null : me.email(), null, true);
        } catch (ApiException e) {
            boolean refused =
                    e.failure() == ApiException.Failure.HTTP_STATUS && e.status() / 100 == 4 && e.status() != 429;
            return new Answer(null, e.getMessage(), refused);
        }
    }

    /** The changes' shared state and workers, on {@code scheduler}; {@code changed} hears of each change. */
    public CloudWork work(Path historyFile, ScheduledExecutorService scheduler, Clock clock, Runnable changed) {
        return new CloudWork(cloud, historyFile, scheduler, clock, changed);
    }
}

package dev.ohtop.monitor;

import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.api.Secrets;
import dev.ohtop.api.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The servers this run may use: the app server (Cloud or self-hosted), which says where each
 * conversation's agent server is; or, attached ({@code --agent-server}), one agent server and no
 * app server. Under --readonly nothing but a read leaves, whatever asks (one guard below every
 * screen), and what pollers read is tried once (their own backoff is their retry, see
 * {@link CloudClient#tryingOnce()}). It makes the readers and the {@link CloudWork} that every
 * change goes through.
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

    /** The app server; null when attached. */
    private final CloudClient cloud;
    /** The same, tried once; null when attached. */
    private final CloudClient polled;
    /** The agent server attached to, tried once; null through the app server. */
    private final AgentServerClient attached;
    /** The same, with the usual retries (for one-shot commands); null through the app server. */
    private final AgentServerClient attachedRetrying;

    private final URI server;
    private final AgentServers servers;
    private final HttpClient http;
    private final ClientOptions options;

    public CloudAccount(CloudClient cloud, boolean readonly) {
        this.cloud = readonly ? cloud.readingOnly() : Objects.requireNonNull(cloud);
        this.polled = this.cloud.tryingOnce();
        this.attached = null;
        this.attachedRetrying = null;
        this.server = cloud.baseUrl();
        this.servers = AgentServers.throughCloud(this.cloud);
        this.http = this.cloud.http();
        this.options = this.cloud.options();
    }

    private CloudAccount(AgentEndpoint endpoint, HttpClient http, ClientOptions options) {
        this.cloud = null;
        this.polled = null;
        this.attached = new AgentServerClient(http, endpoint, options.withRetry(RetryPolicy.none()));
        this.attachedRetrying = new AgentServerClient(http, endpoint, options);
        this.server = endpoint.baseUrl();
        this.servers = AgentServers.attached(endpoint);
        this.http = http;
        this.options = options;
    }

    /** One agent server and no app server ({@code --agent-server}); only reads leave under {@code readonly}. */
    public static CloudAccount attached(
            AgentEndpoint endpoint, HttpClient http, ClientOptions options, boolean readonly) {
        return new CloudAccount(endpoint, http, readonly ? options.readingOnly() : options);
    }

    /** The secrets to keep out of the log: every key this run holds. */
    public Secrets secrets() {
        return options.secrets();
    }

    /** Whether this run is attached to one agent server (no app server). */
    public boolean isAttached() {
        return attached != null;
    }

    /** The address of the server the list comes from: the app server, or the agent server attached to. */
    public URI server() {
        return server;
    }

    /** The server as the header names it: the app server's host, or "agent server" and its host and port. */
    public String serverName() {
        return attached != null ? "agent server " + server.getAuthority() : server.getHost();
    }

    /** Where each conversation's agent server is: consoles, transfers, messages and the live events ask it. */
    public AgentServers agentServers() {
        return servers;
    }

    /** The conversation list, read once per refresh. */
    public ConversationBoard conversations(Clock clock) {
        return new ConversationBoard(source(), clock);
    }

    /** Where the list comes from: the app server's search, or the agent server's. */
    private ConversationSource source() {
        return attached != null ? new AgentServerConversations(attached, server) : ConversationSource.cloud(polled);
    }

    /**
     * The app server, with the usual retries (a 429's Retry-After waited out, a failed read tried
     * again): for one-shot commands, which ask once. Empty when attached.
     */
    public Optional<CloudClient> appServer() {
        return Optional.ofNullable(cloud);
    }

    /** The conversations, asked with the usual retries: for one-shot commands. */
    public ConversationSource lookups() {
        return attached != null
                ? new AgentServerConversations(attachedRetrying, server)
                : ConversationSource.cloud(cloud);
    }

    /** The events of one conversation, asked with the usual retries: for one-shot commands. */
    public EventFeed eventFeed(String conversationId) {
        return attached != null
                ? EventFeed.agentServer(attachedRetrying, conversationId)
                : EventFeed.cloud(cloud, conversationId);
    }

    /** The events of one conversation, read once per poll: from the app server, or the agent server attached to. */
    public EventTail events(String conversationId, Clock clock, EventTail.Settings settings) {
        EventFeed feed = attached != null
                ? EventFeed.agentServer(attached, conversationId)
                : EventFeed.cloud(polled, conversationId);
        return new EventTail(conversationId, feed, clock, settings);
    }

    /**
     * Reads the account once. A refusal (401, 403, 404) settles it; anything that may pass (no
     * connection, a timeout, a 429 or a 5xx) is worth asking again.
     */
    public Answer readAccount() {
        if (attached != null) {
            return new Answer(null, null, true); // an agent server has no accounts: the header names the server
        }
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
        return new CloudWork(cloud, servers, http, options, historyFile, scheduler, clock, changed);
    }
}

package dev.ohtop.monitor;

import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.AgentServerLocator;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;

/**
 * The way to one conversation's agent server. The conversation is looked up afresh when a client
 * is first needed (a record held by a screen may be minutes old and its sandbox paused since), and
 * the client is kept until {@link #forget()}, e.g. after a failure that suggests the sandbox moved.
 */
public final class SandboxAccess {
    private final CloudClient cloud;
    private final String conversationId;
    private final HttpClient http;
    private final ClientOptions options;
    private volatile AgentServerClient agent;

    public SandboxAccess(CloudClient cloud, String conversationId, HttpClient http, ClientOptions options) {
        this.cloud = cloud;
        this.conversationId = conversationId;
        this.http = http;
        this.options = options;
    }

    public String conversationId() {
        return conversationId;
    }

    /**
     * The agent server, or {@link SandboxNotReadyException} saying why not (paused, missing,
     * starting). Blocks on the network: call it on a worker, never on the UI thread.
     */
    public AgentServerClient agent() throws IOException {
        AgentServerClient held = agent;
        if (held != null) {
            return held;
        }
        AgentServerLocation where = locate();
        if (where instanceof AgentServerLocation.Available available) {
            held = new AgentServerClient(http, available.endpoint(), options);
            agent = held;
            return held;
        }
        throw new SandboxNotReadyException(where);
    }

    /** Where the agent server is now, read fresh from the app server. */
    public AgentServerLocation locate() throws ApiException {
        List<AppConversation> found = cloud.getConversations(List.of(conversationId));
        AppConversation conversation = found.isEmpty() ? null : found.get(0);
        if (conversation == null) {
            throw new ApiException(
                    ApiException.Failure.HTTP_STATUS,
                    404,
                    "GET /api/v1/app-conversations",
                    "no such conversation: " + conversationId,
                    null,
                    null);
        }
        return new AgentServerLocator(cloud).locate(conversation);
    }

    /** One call to the agent server, given the client. */
    @FunctionalInterface
    public interface AgentCall<T> {
        T on(AgentServerClient agent) throws IOException;
    }

    /**
     * Makes a call to the agent server; when the server refuses the session key (401, e.g. it
     * changed when the sandbox was resumed), the conversation is read again for a fresh key and
     * the call is made once more (the server refuses a stale key before doing anything, so even a
     * command or an upload is safe to make again). A second refusal is said plainly. A 502, 503 or
     * 504 comes from the proxy in front of an agent server that is not up: see {@link #notUp}.
     * Blocks on the network: call it on a worker.
     */
    public <T> T call(AgentCall<T> call) throws IOException {
        // Failures of agent() itself are the app server's (or a sandbox not ready): passed on as they are.
        try {
            return call.on(agent());
        } catch (ApiException e) {
            if (!e.isStatus(401)) {
                throw notUp(e);
            }
            forget();
        }
        try {
            return call.on(agent());
        } catch (ApiException again) {
            if (!again.isStatus(401)) {
                throw notUp(again);
            }
            throw refusedAfresh(again);
        }
    }

    /**
     * What a gateway error means for the sandbox: paused or starting by the app server's word now
     * ({@link SandboxNotReadyException}, which offers a resume for a paused one), else an agent
     * server not answering yet. Any other failure is returned as it is.
     */
    private IOException notUp(ApiException e) {
        if (!(e.isStatus(502) || e.isStatus(503) || e.isStatus(504))) {
            return e;
        }
        forget();
        try {
            AgentServerLocation now = locate();
            if (!(now instanceof AgentServerLocation.Available)) {
                return new SandboxNotReadyException(now);
            }
        } catch (ApiException unknown) {
            // The app server cannot say either: what the proxy said is all there is.
        }
        return new ApiException(
                ApiException.Failure.HTTP_STATUS,
                e.status(),
                e.route(),
                "the sandbox's agent " + "server is not answering (starting or restarting?): try again in a moment",
                e.retryAfter().orElse(null),
                e);
    }

    /** The second refusal, said as the server said it and that a fresh key did not help. */
    static ApiException refusedAfresh(ApiException again) {
        String said =
                again.detail() == null || again.detail().isEmpty() ? "the session key was refused" : again.detail();
        return new ApiException(
                ApiException.Failure.HTTP_STATUS,
                401,
                again.route(),
                said + " (refused again with a key fetched afresh)",
                null,
                again);
    }

    /** Drops the held client so the next {@link #agent()} locates the server again. */
    public void forget() {
        agent = null;
    }
}

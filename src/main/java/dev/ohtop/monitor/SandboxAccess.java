package dev.ohtop.monitor;

import dev.ohtop.api.AgentConversationInfo;
import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.BashOutput;
import dev.ohtop.api.BashRequest;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The way to one conversation's agent server. The conversation is looked up afresh when a client
 * is first needed (a record held by a screen may be minutes old and its sandbox paused since), and
 * the client is kept until {@link #forget()}, e.g. after a failure that suggests the sandbox moved.
 * The sandbox's folder ({@link #folder()}) is read once with it and forgotten with it.
 */
public final class SandboxAccess implements SandboxConsole.Agent, AgentServerAddress {
    /** Asking the sandbox where a relative folder is must not hang on a slow disk. */
    static final int FOLDER_TIMEOUT_SECONDS = 15;

    private final AgentServers servers;
    private final String conversationId;
    private final HttpClient http;
    private final ClientOptions options;
    private volatile AgentServerClient agent;
    /** Where {@link #agent} was found; null with it. */
    private volatile AgentEndpoint endpoint;
    /** One read of the folder at a time (others wait for it and take what it read). */
    private final Object folderLock = new Object();
    /** The folder read with {@link #agent}; null until read, and again after {@link #forget()}. */
    private volatile SandboxFolder folder;
    /** Counts {@link #forget()}s: a read that a forget overtook is not kept. */
    private final AtomicInteger forgotten = new AtomicInteger();

    /** Through the app server ({@link AgentServers#throughCloud}). */
    public SandboxAccess(CloudClient cloud, String conversationId, HttpClient http, ClientOptions options) {
        this(AgentServers.throughCloud(cloud), conversationId, http, options);
    }

    public SandboxAccess(AgentServers servers, String conversationId, HttpClient http, ClientOptions options) {
        this.servers = servers;
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
            endpoint = available.endpoint();
            agent = held;
            return held;
        }
        throw new SandboxNotReadyException(where);
    }

    /** Where the agent server is and its key: found with {@link #agent()}, and forgotten with it. */
    @Override
    public AgentEndpoint endpoint() throws IOException {
        AgentEndpoint held = endpoint;
        if (held != null && agent != null) {
            return held;
        }
        agent();
        AgentEndpoint found = endpoint;
        if (found == null) {
            throw new IOException("the agent server was forgotten while it was looked up: trying again");
        }
        return found;
    }

    /** Where the agent server is now, asked afresh (through the app server, or the one attached to). */
    public AgentServerLocation locate() throws ApiException {
        return servers.locate(conversationId);
    }

    /**
     * The folder the sandbox works in, read once from its agent server's record of the
     * conversation ({@code workspace.working_dir}) and kept until {@link #forget()}. A relative
     * one ({@code "."} in a process sandbox) is relative to the agent server's own folder, so
     * the sandbox itself is asked where it is: ohtop needs an absolute folder to show and to
     * put relative transfer paths in (uploads take absolute paths only). A record that names no
     * folder gives an unknown one, with why; a failure to reach the sandbox is thrown and not
     * kept, so the next use asks again. Blocks on the network: call it on a worker.
     */
    @Override
    public SandboxFolder folder() throws IOException {
        synchronized (folderLock) {
            SandboxFolder held = folder;
            if (held != null) {
                return held;
            }
            int before = forgotten.get();
            SandboxFolder read = readFolder();
            if (forgotten.get() == before) {
                folder = read;
            }
            return read;
        }
    }

    /** The folder if it has been read, else null; never waits. */
    public SandboxFolder heldFolder() {
        return folder;
    }

    private SandboxFolder readFolder() throws IOException {
        AgentConversationInfo record;
        try {
            record = call(a -> a.conversation(conversationId));
        } catch (ApiException e) {
            if (e.isStatus(404) || e.isStatus(405)) {
                return SandboxFolder.unknown("the agent server has no record of this conversation to say its folder");
            }
            throw e;
        }
        String dir = record == null ? null : record.workingDir();
        if (dir == null || dir.isBlank()) {
            return SandboxFolder.unknown("the agent server's record of this conversation names no folder");
        }
        if (dir.startsWith("/")) {
            return SandboxFolder.at(dir);
        }
        BashOutput out = call(a -> a.executeBash(
                new BashRequest("cd -- " + ShellWords.quote(dir) + " && pwd", null, FOLDER_TIMEOUT_SECONDS)));
        String path = out.stdout() == null || out.stdout().isBlank() ? null : CdCommand.lastLine(out.stdout());
        if (!Integer.valueOf(0).equals(out.exitCode()) || path == null || !path.startsWith("/")) {
            return SandboxFolder.unknown("the sandbox could not say where its folder " + dir + " is");
        }
        return SandboxFolder.at(path);
    }

    /** One call to the agent server, given the client. */
    @FunctionalInterface
    public interface AgentCall<T> {
        T on(AgentServerClient agent) throws IOException;
    }

    /**
     * Makes a call to the agent server; when the server refuses the session key (401, e.g. it
     * changed when the sandbox was resumed), the conversation is read again for a fresh key and
     * the call is made once more (attached, there is no fresher key: the refusal is said at once) (the server refuses a stale key before doing anything, so even a
     * command or an upload is safe to make again). A second refusal is said plainly. A 502, 503 or
     * 504 comes from the proxy in front of an agent server that is not up: see {@link #notUp}.
     * Blocks on the network: call it on a worker.
     */
    @Override
    public <T> T call(AgentCall<T> call) throws IOException {
        // Failures of agent() itself are the app server's (or a sandbox not ready): passed on as they are.
        try {
            return call.on(agent());
        } catch (ApiException e) {
            if (!e.isStatus(401)) {
                throw notUp(e);
            }
            if (!servers.keysRenew()) {
                throw e; // the one key there is: asking again would not help
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

    /** Drops the held client and folder so the next {@link #agent()} locates the server again. */
    @Override
    public void forget() {
        agent = null;
        endpoint = null;
        folder = null; // not under folderLock: the UI thread calls this and must not wait for a read
        forgotten.incrementAndGet();
    }
}

package dev.ohtop.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.EventKinds;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One sandbox's agent server, authenticated with that sandbox's session key: bash, files,
 * conversation control and events. A list of routes over {@link HttpCore}.
 */
public final class AgentServerClient {
    /** Extra time on top of a command's own timeout before we give up on the HTTP answer. */
    static final Duration EXECUTE_MARGIN = Duration.ofSeconds(30);

    private static final int PAGE = 100;
    /** The most ids one batch get takes ({@code max_length=99} on the server). */
    public static final int MAX_BATCH = 99;

    private final HttpCore core;
    /** Set once a server has shown it only knows the pre-1.13 path-style file routes. */
    private volatile boolean legacyFileRoutes;

    public AgentServerClient(HttpClient http, AgentEndpoint endpoint, ClientOptions options) {
        this.core = new HttpCore(http, endpoint.baseUrl(), endpoint.sessionKey(), options);
    }

    // ---- health -----------------------------------------------------------------------

    /** True when {@code /alive} answers {"status":"ok"}. */
    public boolean alive() throws ApiException {
        return "ok".equals(core.getJson("/alive", null).path("status").asText());
    }

    public String health() throws ApiException {
        return core.getJson("/health", null).path("status").asText(null);
    }

    public ServerInfo serverInfo() throws ApiException {
        return core.get("/server_info", null, ServerInfo.class);
    }

    // ---- bash -------------------------------------------------------------------------

    /**
     * Runs a command and waits for its final output piece. The HTTP wait is longer than the
     * command's own timeout, since the server holds the request open until then.
     */
    public BashOutput executeBash(BashRequest request) throws ApiException {
        Duration wait = Duration.ofSeconds(request.timeoutSeconds()).plus(EXECUTE_MARGIN);
        JsonNode body = core.sendJson("POST", "/api/bash/execute_bash_command", null, request, wait);
        return HttpCore.convert(body, BashOutput.class, "POST /api/bash/execute_bash_command");
    }

    /** Starts a command and returns at once; follow it with {@link #bashOutputsAfter}. */
    public BashCommand startBash(BashRequest request) throws ApiException {
        return core.send("POST", "/api/bash/start_bash_command", null, request, BashCommand.class);
    }

    /**
     * Asks the server to kill a running command (agent server 1.58 has this route though our
     * spec says there is no cancel; an older server answers 404, and then the command runs on).
     */
    public boolean stopBash(String commandId) throws ApiException {
        JsonNode body = core.sendJson(
                "POST", "/api/bash/bash_commands/" + HttpCore.segment(commandId) + "/stop", null, null, null);
        return body.path("success").asBoolean(false);
    }

    /** Output pieces of a command, oldest first; {@code orderAfter} skips pieces already held. */
    public Page<BashOutput> searchBashOutputs(String commandId, Integer orderAfter, String pageId, Integer limit)
            throws ApiException {
        Query q = Query.of()
                .add("command_id__eq", commandId)
                .add("kind__eq", "BashOutput")
                .add("order__gt", orderAfter)
                .add("sort_order", "TIMESTAMP")
                .add("page_id", pageId)
                .add("limit", limit);
        return Pages.read(
                core.getJson("/api/bash/bash_events/search", q, core.options().maxEventPageBytes()),
                "GET /api/bash/bash_events/search",
                BashOutput.class);
    }

    /** One look at a command's output: every piece after {@code lastOrder} (-1: all), in order. */
    public List<BashOutput> bashOutputsAfter(String commandId, int lastOrder) throws ApiException {
        Integer after = lastOrder < 0 ? null : lastOrder;
        List<BashOutput> fresh = new ArrayList<>(
                Paging.collect(pageId -> searchBashOutputs(commandId, after, pageId, PAGE), Integer.MAX_VALUE));
        fresh.sort(Comparator.comparingInt(BashOutput::orderOrZero));
        return fresh;
    }

    /**
     * The commands the sandbox recorded from {@code since} on, oldest first (at most {@code max}):
     * to find a command whose start was never answered. The server cannot filter by command text.
     */
    public List<BashCommand> bashCommandsSince(Instant since, int max) throws ApiException {
        return Paging.collect(
                pageId -> Pages.read(
                        core.getJson(
                                "/api/bash/bash_events/search",
                                Query.of()
                                        .add("kind__eq", "BashCommand")
                                        .add("timestamp__gte", since)
                                        .add("sort_order", "TIMESTAMP")
                                        .add("page_id", pageId)
                                        .add("limit", PAGE)),
                        "GET /api/bash/bash_events/search",
                        BashCommand.class),
                max);
    }

    // ---- files ------------------------------------------------------------------------

    /**
     * Streams a local file to an absolute sandbox path (parents created, existing file replaced).
     * Tries the current query route first and the pre-1.13 path route once if that one is missing.
     */
    public void upload(Path localFile, String remotePath, TransferListener listener) throws IOException {
        requireAbsolute(remotePath);
        if (!legacyFileRoutes) {
            try {
                core.uploadMultipart(
                        "/api/file/upload", Query.of().add("path", remotePath), "file", localFile, listener);
                return;
            } catch (ApiException e) {
                if (!isMissingRoute(e)) {
                    throw e;
                }
                legacyFileRoutes = true;
            }
        }
        core.uploadMultipart("/api/file/upload/" + pathSegments(remotePath), null, "file", localFile, listener);
    }

    /** Streams a sandbox file into {@code target} (written beside it, then renamed into place). */
    public void download(String remotePath, Path target, TransferListener listener) throws IOException {
        requireAbsolute(remotePath);
        if (!legacyFileRoutes) {
            try {
                core.download(
                        "/api/file/download",
                        Query.of().add("path", remotePath),
                        target,
                        PartFiles.Access.USUAL,
                        listener);
                return;
            } catch (ApiException e) {
                if (!isMissingRoute(e)) {
                    throw e;
                }
                legacyFileRoutes = true;
            }
        }
        core.download("/api/file/download/" + pathSegments(remotePath), null, target, PartFiles.Access.USUAL, listener);
    }

    /** The agent server's own zip of the conversation directory. */
    public void downloadTrajectory(String conversationId, Path target, TransferListener listener) throws IOException {
        core.download(
                "/api/file/download-trajectory/" + HttpCore.segment(conversationId),
                null,
                target,
                PartFiles.Access.OWNER_ONLY,
                listener,
                ZipBody.CHECK);
    }

    /**
     * A route the server does not have answers 404 {"detail":"Not Found"} or 405; a missing
     * file answers 404 {"detail":"File not found"}, which must not trigger the fallback.
     */
    private static boolean isMissingRoute(ApiException e) {
        return e.isStatus(405) || (e.isStatus(404) && "Not Found".equalsIgnoreCase(e.detail()));
    }

    private static void requireAbsolute(String remotePath) throws ApiException {
        if (remotePath == null || !remotePath.startsWith("/")) {
            throw new ApiException(
                    ApiException.Failure.BAD_RESPONSE,
                    "file transfer",
                    "sandbox path must be absolute: " + remotePath,
                    null);
        }
    }

    /** {@code /workspace/a b} -> {@code /workspace/a%20b}: the leading slash stays (hence {@code //}). */
    private static String pathSegments(String absolute) {
        StringBuilder out = new StringBuilder();
        for (String part : absolute.split("/", -1)) {
            if (out.length() > 0 || absolute.startsWith("/")) {
                out.append('/');
            }
            out.append(part.isEmpty() ? "" : HttpCore.segment(part));
        }
        return out.substring(1);
    }

    // ---- conversations and events ------------------------------------------------------

    public void pause(String conversationId) throws ApiException {
        core.sendJson("POST", conversationPath(conversationId) + "/pause", null, null, null);
    }

    /** 409 when it is already running. */
    public void run(String conversationId) throws ApiException {
        core.sendJson("POST", conversationPath(conversationId) + "/run", null, null, null);
    }

    public void interrupt(String conversationId) throws ApiException {
        core.sendJson("POST", conversationPath(conversationId) + "/interrupt", null, null, null);
    }

    public void sendMessage(String conversationId, MessageRequest message) throws ApiException {
        core.sendJson("POST", conversationPath(conversationId) + "/events", null, message, null);
    }

    /**
     * Answers the action(s) waiting for confirmation: accept runs them (the agent goes on), reject
     * answers each with a {@code UserRejectObservation} (and the agent stops, idle). The server
     * answers {"success":true} either way, also when nothing was waiting.
     */
    public void respondToConfirmation(String conversationId, boolean accept, String reason) throws ApiException {
        ConfirmationResponse body = accept ? ConfirmationResponse.approve() : ConfirmationResponse.reject(reason);
        core.sendJson("POST", conversationPath(conversationId) + "/events/respond_to_confirmation", null, body, null);
    }

    /** Events; {@code kind} is sent fully qualified, as this server requires. */
    public Page<Event> searchEvents(String conversationId, EventQuery filter, String pageId, Integer limit)
            throws ApiException {
        Query q = Query.of()
                .add("kind", EventKinds.qualified(filter.kind()))
                .add("source", filter.source())
                .add("body", filter.body())
                .add("timestamp__gte", filter.timestampGte())
                .add("timestamp__lt", filter.timestampLt())
                .add("sort_order", filter.sortOrder())
                .add("page_id", pageId)
                .add("limit", limit);
        return Pages.events(
                core.getJson(
                        conversationPath(conversationId) + "/events/search",
                        q,
                        core.options().maxEventPageBytes()),
                "GET /api/conversations/{id}/events/search");
    }

    /** The conversation as its agent server sees it: execution status straight from the source, and where the agent works. */
    public AgentConversationInfo conversation(String conversationId) throws ApiException {
        return core.get(conversationPath(conversationId), null, AgentConversationInfo.class);
    }

    /** The server's conversations, newest created first (the server's default order, asked for by name). */
    public Page<AgentConversationInfo> searchConversations(String pageId, Integer limit) throws ApiException {
        Query q = Query.of().add("page_id", pageId).add("limit", limit).add("sort_order", "CREATED_AT_DESC");
        return Pages.read(
                core.getJson("/api/conversations/search", q),
                "GET /api/conversations/search",
                AgentConversationInfo.class);
    }

    /** Conversations by id, in the order asked, null for unknown ids; at most {@value #MAX_BATCH} ids. */
    public List<AgentConversationInfo> getConversations(List<String> ids) throws ApiException {
        if (ids.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " ids at once");
        }
        return Pages.batch(
                core.getJson("/api/conversations", Query.of().addEach("ids", ids)),
                "GET /api/conversations",
                AgentConversationInfo.class);
    }

    /** How many conversations the server holds. */
    public int countConversations() throws ApiException {
        return Pages.count(core.getJson("/api/conversations/count", null), "GET /api/conversations/count");
    }

    /** How many events the conversation has that match {@code filter} (its kind sent fully qualified). */
    public int countEvents(String conversationId, EventQuery filter) throws ApiException {
        Query q = Query.of()
                .add("kind", EventKinds.qualified(filter.kind()))
                .add("source", filter.source())
                .add("body", filter.body())
                .add("timestamp__gte", filter.timestampGte())
                .add("timestamp__lt", filter.timestampLt());
        return Pages.count(
                core.getJson(conversationPath(conversationId) + "/events/count", q),
                "GET /api/conversations/{id}/events/count");
    }

    private static String conversationPath(String conversationId) {
        return "/api/conversations/" + HttpCore.segment(conversationId);
    }

    @Override
    public String toString() {
        return "AgentServerClient[" + core + "]";
    }
}

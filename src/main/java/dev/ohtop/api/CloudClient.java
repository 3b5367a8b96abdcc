package dev.ohtop.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.api.events.Event;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenHands Cloud app server ("V1", every route under {@code /api/v1}), authenticated with
 * the Bearer API key. A list of routes; transport, retries and errors live in {@link HttpCore}.
 */
public final class CloudClient {
    public static final String DEFAULT_BASE_URL = "https://app.all-hands.dev";
    /** Largest page the server accepts. */
    public static final int MAX_LIMIT = 100;
    /** Most ids one batch get accepts (400 above). */
    public static final int MAX_BATCH = 99;

    private final HttpCore core;
    private final URI webBase;
    /** Conversations and sandboxes as last mapped, shared by this client's copies. */
    private final MappedItems items;

    /** @param baseUrl the server root, e.g. {@code https://app.all-hands.dev} ({@code /api/v1} is added) */
    public CloudClient(HttpClient http, URI baseUrl, Credential apiKey, ClientOptions options) {
        if (apiKey.isSessionKey()) {
            throw new IllegalArgumentException("the app server takes the API key, not a session key");
        }
        String root = baseUrl.toString().replaceAll("/+$", "");
        this.webBase = URI.create(root);
        this.core = new HttpCore(http, URI.create(root + "/api/v1"), apiKey, options);
        this.items = new MappedItems();
    }

    private CloudClient(HttpCore core, URI webBase, MappedItems items) {
        this.core = core;
        this.webBase = webBase;
        this.items = items;
    }

    /**
     * The same account over the same connections, but every call tried once: for pollers, whose
     * own backoff is the retry. Retries inside a call as well would multiply the requests of each
     * backoff step (four attempts, each sent twice when the JDK resends a GET on a dropped
     * connection) and hold a poller thread asleep through them.
     */
    public CloudClient tryingOnce() {
        return new CloudClient(core.withOptions(core.options().withRetry(RetryPolicy.none())), webBase, items);
    }

    /**
     * The same account with every call first let through {@code gate}: one gate per server, shared
     * by everything that calls it (the copies {@link #tryingOnce()} makes keep it).
     */
    public CloudClient gated(RateGate gate) {
        return new CloudClient(core.gated(gate), webBase, items);
    }

    /** The same account, for {@code --readonly}: it and every agent-server client made from it only read. */
    public CloudClient readingOnly() {
        return new CloudClient(core.withOptions(core.options().readingOnly()), webBase, items);
    }

    public URI baseUrl() {
        return webBase;
    }

    /** The connection pool and options, for agent-server clients made for this account's sandboxes. */
    public HttpClient http() {
        return core.http();
    }

    public ClientOptions options() {
        return core.options();
    }

    public User me() throws ApiException {
        return core.get("/users/me", null, User.class);
    }

    // ---- conversations ----------------------------------------------------------------

    /** One page of conversations, newest created first (the only order the server has). */
    public Page<AppConversation> searchConversations(ConversationQuery filter, String pageId, Integer limit)
            throws ApiException {
        Query q = filter.toQuery().add("page_id", pageId).add("limit", limit);
        String route = "GET /app-conversations/search";
        return noting(Pages.read(
                core.getJson("/app-conversations/search", q),
                route,
                AppConversation.class,
                item -> ConversationJson.read(item, route),
                items));
    }

    public int countConversations(ConversationQuery filter) throws ApiException {
        return Pages.count(core.getJson("/app-conversations/count", filter.toQuery()), "GET /app-conversations/count");
    }

    /**
     * Conversations by id, in the order asked, null for ids that are unknown or not ours.
     * More than {@value #MAX_BATCH} ids are fetched in several requests.
     */
    public List<AppConversation> getConversations(List<String> ids) throws ApiException {
        return noting(batched(
                ids,
                chunk -> Pages.batch(
                        core.getJson("/app-conversations", Query.of().addEach("ids", chunk)),
                        "GET /app-conversations",
                        AppConversation.class,
                        item -> ConversationJson.read(item, "GET /app-conversations"),
                        items)));
    }

    /** Starts a conversation; the answer is a start task to follow with {@link #getStartTasks}. */
    public StartTask startConversation(StartConversationRequest request) throws ApiException {
        return core.send("POST", "/app-conversations", null, request, StartTask.class);
    }

    public List<StartTask> getStartTasks(List<String> ids) throws ApiException {
        return batched(
                ids,
                chunk -> Pages.batch(
                        core.getJson(
                                "/app-conversations/start-tasks", Query.of().addEach("ids", chunk)),
                        "GET /app-conversations/start-tasks",
                        StartTask.class));
    }

    public Page<StartTask> searchStartTasks(StartTaskQuery filter, String pageId, Integer limit) throws ApiException {
        Query q = filter.toQuery().add("page_id", pageId).add("limit", limit);
        return Pages.read(
                core.getJson("/app-conversations/start-tasks/search", q),
                "GET /app-conversations/start-tasks/search",
                StartTask.class);
    }

    /** Applies only the fields set in {@code patch}; returns the updated conversation if the server sends it. */
    public AppConversation updateConversation(String id, ConversationPatch patch) throws ApiException {
        JsonNode body = core.sendJson("PATCH", "/app-conversations/" + HttpCore.segment(id), null, patch, null);
        return body.isObject() ? noted(ConversationJson.read(body, "PATCH /app-conversations/{id}")) : null;
    }

    public boolean deleteConversation(String id) throws ApiException {
        return success(core.sendJson("DELETE", "/app-conversations/" + HttpCore.segment(id), null, null, null));
    }

    /** 409 when the sandbox is paused, 410 when it is gone: callers offer a resume for the first. */
    public SendMessageResult sendMessage(String conversationId, MessageRequest message) throws ApiException {
        return core.send(
                "POST",
                "/app-conversations/" + HttpCore.segment(conversationId) + "/send-message",
                null,
                message,
                SendMessageResult.class);
    }

    /** Streams the trajectory zip ({@code meta.json} and one file per event) into {@code target}. */
    public void downloadTrajectory(String conversationId, Path target, TransferListener listener) throws IOException {
        core.download(
                "/app-conversations/" + HttpCore.segment(conversationId) + "/download",
                null,
                target,
                PartFiles.Access.OWNER_ONLY,
                listener,
                ZipBody.CHECK);
    }

    // ---- events -----------------------------------------------------------------------

    /** Events of a conversation; {@code kind} is sent as the short name ({@code kind__eq=ActionEvent}). */
    public Page<Event> searchEvents(String conversationId, EventQuery filter, String pageId, Integer limit)
            throws ApiException {
        Query q = eventFilter(filter).add("page_id", pageId).add("limit", limit);
        return Pages.events(
                core.getJson(
                        eventsPath(conversationId) + "/search",
                        q,
                        core.options().maxEventPageBytes()),
                "GET /conversation/{id}/events/search");
    }

    public int countEvents(String conversationId, EventQuery filter) throws ApiException {
        return Pages.count(
                core.getJson(eventsPath(conversationId) + "/count", eventFilter(filter)),
                "GET /conversation/{id}/events/count");
    }

    private static String eventsPath(String conversationId) {
        return "/conversation/" + HttpCore.segment(conversationId) + "/events"; // singular, as the server has it
    }

    private static Query eventFilter(EventQuery filter) {
        return Query.of()
                .add("kind__eq", dev.ohtop.api.events.EventKinds.shortName(filter.kind()))
                .add("timestamp__gte", filter.timestampGte())
                .add("timestamp__lt", filter.timestampLt())
                .add("sort_order", filter.sortOrder());
    }

    // ---- sandboxes --------------------------------------------------------------------

    /** One page of sandboxes, newest first. */
    public Page<SandboxInfo> searchSandboxes(String pageId, Integer limit) throws ApiException {
        return noting(Pages.read(
                core.getJson(
                        "/sandboxes/search", Query.of().add("page_id", pageId).add("limit", limit)),
                "GET /sandboxes/search",
                SandboxInfo.class,
                items));
    }

    public List<SandboxInfo> getSandboxes(List<String> ids) throws ApiException {
        return noting(batched(
                ids,
                chunk -> Pages.batch(
                        core.getJson("/sandboxes", Query.of().addEach("id", chunk)),
                        "GET /sandboxes",
                        SandboxInfo.class,
                        items)));
    }

    public boolean pauseSandbox(String sandboxId) throws ApiException {
        return success(core.sendJson("POST", "/sandboxes/" + HttpCore.segment(sandboxId) + "/pause", null, null, null));
    }

    public boolean resumeSandbox(String sandboxId) throws ApiException {
        return success(
                core.sendJson("POST", "/sandboxes/" + HttpCore.segment(sandboxId) + "/resume", null, null, null));
    }

    // ---- helpers ----------------------------------------------------------------------

    @FunctionalInterface
    private interface BatchCall<T> {
        List<T> get(List<String> chunk) throws ApiException;
    }

    private static <T> List<T> batched(List<String> ids, BatchCall<T> call) throws ApiException {
        List<T> all = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += MAX_BATCH) {
            all.addAll(call.get(ids.subList(from, Math.min(ids.size(), from + MAX_BATCH))));
        }
        return all;
    }

    /** Session keys join the secrets hidden in the log and in error texts as soon as they arrive. */
    private <T> T noted(T answer) {
        if (answer instanceof AppConversation c) {
            core.options().secrets().add(c.sessionApiKey());
        } else if (answer instanceof SandboxInfo s) {
            core.options().secrets().add(s.sessionApiKey());
        }
        return answer;
    }

    private <T> List<T> noting(List<T> answers) {
        answers.forEach(this::noted);
        return answers;
    }

    private <T> Page<T> noting(Page<T> page) {
        noting(page.items());
        return page;
    }

    private static boolean success(JsonNode body) {
        return body != null && body.path("success").asBoolean(false);
    }

    @Override
    public String toString() {
        return "CloudClient[" + core + "]";
    }
}

package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ohtop.demo.AgentScript.Outcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * The simulated OpenHands account: sandboxes, conversations and their events, start tasks.
 *
 * <p>There is no background thread. Every request first brings the world up to the injected
 * clock's present ({@link #act}), producing whatever would have happened since: sandboxes finishing
 * their start, start tasks taking their next steps, agents emitting events. With a manual clock a
 * test decides exactly what has happened; all randomness comes from the seed.
 *
 * <p>A start task fails (status ERROR with a {@code detail}, at its PREPARING_REPOSITORY step)
 * whenever its {@code selected_repository} contains the word "fail", e.g. {@code acme/fail-repo};
 * every other start reaches READY 14 s of clock time after it was requested.
 */
public final class DemoWorld {
    /** A resumed sandbox is STARTING this long before it is RUNNING again. */
    static final Duration RESUME_TIME = Duration.ofSeconds(5);
    private static final String DEFAULT_MODEL = Playbook.MODELS.get(0);

    private final Clock clock;
    private final Random random;
    private final IdSource ids;
    private final URI agentOrigin;
    private final String userId;
    private final Map<String, Sandbox> sandboxes = new LinkedHashMap<>();
    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, StartTask> startTasks = new LinkedHashMap<>();
    private Instant now;

    DemoWorld(Clock clock, long seed, URI agentOrigin, int conversationCount) {
        this.clock = clock;
        this.random = new Random(seed);
        this.ids = new IdSource(random);
        this.agentOrigin = agentOrigin;
        this.userId = ids.uuid();
        this.now = WireTime.micros(clock.instant());
        new WorldCatalog(this, random, now).populate(conversationCount);
    }

    // ---- for tests: what is true right now ----

    public synchronized List<ConversationSnapshot> conversations() {
        advance();
        return conversationsNewestFirst().stream().map(this::snapshot).toList();
    }

    public synchronized Optional<ConversationSnapshot> conversation(String conversationId) {
        advance();
        return Optional.ofNullable(conversationById(conversationId)).map(this::snapshot);
    }

    public synchronized List<SandboxSnapshot> sandboxes() {
        advance();
        return sandboxesNewestFirst().stream().map(s -> new SandboxSnapshot(s.id, s.status, s.sessionKey,
                agentServerUrl(s.id), s.createdAt, conversationsIn(s.id).stream().map(c -> c.id).toList())).toList();
    }

    /** The events of a conversation, oldest first, exactly as the services serve them. */
    public synchronized List<JsonNode> events(String conversationId) {
        advance();
        Conversation conversation = conversationById(conversationId);
        if (conversation == null) {
            throw new IllegalArgumentException("no conversation " + conversationId);
        }
        return conversation.events.all().stream().map(e -> (JsonNode) e.json().deepCopy()).toList();
    }

    public String userId() {
        return userId;
    }

    /** The base URL of a sandbox's agent server (what {@code AGENT_SERVER} and {@code conversation_url} use). */
    public URI agentServerUrl(String sandboxId) {
        return URI.create(agentOrigin + "/sandboxes/" + sandboxId);
    }

    // ---- for the services: every request goes through here ----

    /** Brings the world up to the clock, then runs {@code step} while nobody else can change anything. */
    synchronized <T> T act(Function<DemoWorld, T> step) {
        advance();
        return step.apply(this);
    }

    Instant now() {
        return now;
    }

    List<Conversation> conversationsNewestFirst() {
        List<Conversation> all = new ArrayList<>(conversations.values());
        all.sort(Comparator.comparing((Conversation c) -> c.createdAt).reversed().thenComparing(c -> c.id));
        return all;
    }

    List<Conversation> conversationsIn(String sandboxId) {
        return conversationsNewestFirst().stream().filter(c -> c.sandboxId.equals(sandboxId)).toList();
    }

    /** Dashed or undashed; null when unknown (or no id at all). */
    Conversation conversationById(String id) {
        String hex = IdSource.normalizeHex(id);
        return hex == null ? null : conversations.get(hex);
    }

    Conversation requireConversation(String id) {
        Conversation conversation = conversationById(id);
        if (conversation == null) {
            throw ApiError.detail(404, "Conversation not found: " + id);
        }
        return conversation;
    }

    Sandbox sandbox(String id) {
        return sandboxes.get(id);
    }

    Sandbox requireSandbox(String id) {
        Sandbox sandbox = sandboxes.get(id);
        if (sandbox == null || sandbox.status == SandboxStatus.MISSING) {
            throw ApiError.detail(404, "Sandbox not found: " + id);
        }
        return sandbox;
    }

    List<Sandbox> sandboxesNewestFirst() {
        List<Sandbox> all = new ArrayList<>(sandboxes.values());
        all.sort(Comparator.comparing((Sandbox s) -> s.createdAt).reversed().thenComparing(s -> s.id));
        return all;
    }

    StartTask startTask(String id) {
        String hex = IdSource.normalizeHex(id);
        return hex == null ? null : startTasks.get(hex);
    }

    List<StartTask> startTasksNewestFirst() {
        List<StartTask> all = new ArrayList<>(startTasks.values());
        all.sort(Comparator.comparing((StartTask t) -> t.createdAt).reversed().thenComparing(t -> t.id));
        return all;
    }

    /** POST /app-conversations: the request is echoed back in the task, with Cloud's defaults filled in. */
    StartTask requestStart(ObjectNode request) {
        ObjectNode echo = request.deepCopy();
        if (!echo.has("pr_number")) {
            echo.putArray("pr_number");
        }
        if (!echo.has("agent_type")) {
            echo.put("agent_type", "default");
        }
        StartTask task = new StartTask(ids.hex32(), userId, echo, now);
        startTasks.put(task.id, task);
        return task;
    }

    void pause(Sandbox sandbox) {
        if (sandbox.status == SandboxStatus.RUNNING || sandbox.status == SandboxStatus.STARTING) {
            sandbox.status = SandboxStatus.PAUSED;
            sandbox.runningFrom = null;
        }
    }

    void resume(Sandbox sandbox) {
        if (sandbox.status == SandboxStatus.PAUSED || sandbox.status == SandboxStatus.ERROR) {
            sandbox.status = SandboxStatus.STARTING;
            sandbox.statusDetail = null;
            sandbox.runningFrom = now.plus(RESUME_TIME);
        }
    }

    void delete(Conversation conversation) {
        conversations.remove(conversation.id);
        Conversation parent = conversation.origin.parentId() == null ? null
                : conversations.get(conversation.origin.parentId());
        if (parent != null) {
            parent.subConversationIds.remove(conversation.id);
        }
    }

    /** The app server's send-message: only a RUNNING sandbox can take a message. */
    void sendMessage(Conversation conversation, String text, boolean run) {
        Sandbox sandbox = sandboxes.get(conversation.sandboxId);
        switch (sandbox.status) {
            case PAUSED -> throw ApiError.detail(409, "Sandbox " + sandbox.id + " is paused: resume it first");
            case STARTING -> throw ApiError.detail(409, "Sandbox " + sandbox.id + " is still starting");
            case ERROR -> throw ApiError.detail(409, "Sandbox " + sandbox.id + " is in an error state");
            case MISSING -> throw ApiError.detail(410, "Sandbox " + sandbox.id + " no longer exists");
            case RUNNING -> deliverMessage(conversation, text, run);
        }
    }

    /** A user message reaching the agent (through either service). */
    void deliverMessage(Conversation conversation, String text, boolean run) {
        conversation.recordAll(now, conversation.agent.userMessage(now, text, run, conversation.executionStatus));
    }

    /** The agent server's pause ({@code PauseEvent}) and interrupt ({@code InterruptEvent}). */
    void stopAgent(Conversation conversation, String kind) {
        if (conversation.isRunning()) {
            conversation.recordAll(now, conversation.agent.stop(now, kind));
        }
    }

    void runAgent(Conversation conversation) {
        if (conversation.isRunning()) {
            throw ApiError.detail(409, "Conversation already running");
        }
        conversation.recordAll(now, conversation.agent.run(now));
    }

    // ---- building the world ----

    Sandbox createSandbox(Instant createdAt) {
        Sandbox sandbox = new Sandbox(ids.sandboxId(), ids.sessionKey(), createdAt, SandboxStatus.RUNNING);
        sandboxes.put(sandbox.id, sandbox);
        return sandbox;
    }

    /** A conversation opened at {@code createdAt}; without a title it is "Conversation abcde" until renamed. */
    Conversation createConversation(Instant createdAt, String sandboxId, ConversationOrigin origin, String title,
                                    Outcome outcome, int turns, String firstMessage, boolean run) {
        String id = ids.hex32();
        AgentScript agent = new AgentScript(new Random(random.nextLong()), origin.llmModel(), outcome, turns);
        Conversation conversation = new Conversation(id, userId, createdAt, sandboxId, origin,
                title != null ? title : "Conversation " + id.substring(0, 5), agent);
        agent.open(createdAt, firstMessage, run);
        conversations.put(id, conversation);
        Conversation parent = origin.parentId() == null ? null : conversations.get(origin.parentId());
        if (parent != null) {
            parent.subConversationIds.add(id);
        }
        return conversation;
    }

    // ---- time passing ----

    private void advance() {
        Instant target = WireTime.micros(clock.instant());
        if (target.isBefore(now)) {
            return; // A clock that goes back changes nothing: what happened, happened.
        }
        for (Sandbox sandbox : sandboxes.values()) {
            if (sandbox.status == SandboxStatus.STARTING && sandbox.runningFrom != null
                    && !sandbox.runningFrom.isAfter(target)) {
                bringUp(sandbox, sandbox.runningFrom);
            }
        }
        for (StartTask task : startTasks.values()) {
            while (!task.status.isFinal() && !task.nextStepAt().isAfter(target)) {
                step(task);
            }
        }
        for (Conversation conversation : List.copyOf(conversations.values())) {
            if (sandboxes.get(conversation.sandboxId).isRunning()) {
                conversation.advanceTo(target);
            }
        }
        now = target;
    }

    private void bringUp(Sandbox sandbox, Instant at) {
        sandbox.status = SandboxStatus.RUNNING;
        sandbox.runningFrom = null;
        sandbox.upSince = at;
        for (Conversation conversation : conversationsIn(sandbox.id)) {
            conversation.agent.resumeAt(at);
        }
    }

    private void step(StartTask task) {
        Instant at = task.nextStepAt();
        switch (task.status) {
            case WAITING_FOR_SANDBOX -> {
                Sandbox sandbox = sandboxFor(task, at);
                if (sandbox == null) {
                    fail(task, at, "Sandbox not found: " + task.request.path("sandbox_id").asText());
                    return;
                }
                task.sandboxId = sandbox.id;
            }
            case PREPARING_REPOSITORY -> {
                String repository = task.request.path("selected_repository").asText("");
                if (repository.toLowerCase(Locale.ROOT).contains("fail")) {
                    fail(task, at, "Failed to clone repository " + repository
                            + ": remote: Repository not found. (git exit code 128)");
                    return;
                }
            }
            case STARTING_CONVERSATION -> {
                Conversation conversation = openRequestedConversation(task, at);
                task.conversationId = conversation.id;
                task.agentServerUrl = agentServerUrl(task.sandboxId).toString();
            }
            default -> {
                // The other steps only take time.
            }
        }
        task.status = task.status.next();
        task.updatedAt = at;
    }

    private void fail(StartTask task, Instant at, String detail) {
        task.status = StartTask.Status.ERROR;
        task.detail = detail;
        task.updatedAt = at;
    }

    /** The sandbox asked for (woken up if need be), else a new one; null when the one asked for does not exist. */
    private Sandbox sandboxFor(StartTask task, Instant at) {
        String wanted = text(task.request, "sandbox_id");
        if (wanted == null) {
            return createSandbox(at);
        }
        Sandbox sandbox = sandboxes.get(wanted);
        if (sandbox == null || sandbox.status == SandboxStatus.MISSING) {
            return null;
        }
        if (!sandbox.isRunning()) {
            bringUp(sandbox, at);
        }
        return sandbox;
    }

    private Conversation openRequestedConversation(StartTask task, Instant at) {
        ObjectNode request = task.request;
        String repository = text(request, "selected_repository");
        String gitProvider = text(request, "git_provider");
        String model = text(request, "llm_model");
        List<Integer> prNumbers = new ArrayList<>();
        request.path("pr_number").forEach(n -> prNumbers.add(n.asInt()));
        ConversationOrigin origin = new ConversationOrigin(repository, text(request, "selected_branch"),
                gitProvider != null ? gitProvider : repository == null ? null : "github",
                model != null ? model : DEFAULT_MODEL, "llm", "openhands_api", prNumbers,
                IdSource.normalizeHex(text(request, "parent_conversation_id")));
        JsonNode message = request.path("initial_message");
        String firstMessage = message.isObject() ? messageText(message) : null;
        String title = text(request, "title");
        Conversation conversation = createConversation(at, task.sandboxId, origin, title, Outcome.FINISH,
                6 + random.nextInt(6), firstMessage, message.path("run").asBoolean(true));
        if (title == null && firstMessage != null) {
            conversation.titleOnFirstAction = titleFrom(firstMessage);
        }
        return conversation;
    }

    /** The text items of a message ({@code {role, content:[{type:"text", text}], run}}), joined. */
    static String messageText(JsonNode message) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : message.path("content")) {
            if ("text".equals(item.path("type").asText("text")) && item.hasNonNull("text")) {
                text.append(text.length() == 0 ? "" : "\n").append(item.get("text").asText());
            }
        }
        return text.toString();
    }

    private static String titleFrom(String message) {
        String firstLine = message.strip().lines().findFirst().orElse("").strip();
        return firstLine.length() <= 60 ? firstLine : firstLine.substring(0, 59) + "…";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private ConversationSnapshot snapshot(Conversation c) {
        Sandbox sandbox = sandboxes.get(c.sandboxId);
        return new ConversationSnapshot(c.id, c.sandboxId, c.title, c.origin.repository(), sandbox.status,
                sandbox.isRunning() ? c.executionStatus : null, c.eventCount(), c.accumulatedCost(), c.createdAt,
                c.updatedAt, c.origin.parentId());
    }
}

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
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The simulated OpenHands account: sandboxes, conversations and their events, start tasks.
 *
 * <p>There is no background thread. Every request first brings the world up to the injected
 * clock's present ({@link #act}), producing whatever would have happened since: sandboxes finishing
 * their start, start tasks taking their next steps, agents emitting events. With a manual clock a
 * test decides exactly what has happened; all randomness comes from the seed, except the session
 * keys, which are secrets ({@link DemoKeys}).
 *
 * <p>Start tasks move on with the clock as {@link ConversationStarter} describes; one whose
 * {@code selected_repository} contains the word "fail" ends in ERROR.
 */
public final class DemoWorld {
    /** A resumed sandbox is STARTING this long before it is RUNNING again. */
    static final Duration RESUME_TIME = Duration.ofSeconds(5);

    private final Clock clock;
    private final Random random;
    private final IdSource ids;
    private final URI agentOrigin;
    private final String userId;
    private final Map<String, Sandbox> sandboxes = new LinkedHashMap<>();
    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, StartTask> startTasks = new LinkedHashMap<>();
    private final ConversationStarter starter;
    private Instant now;
    /** Told whenever an event is recorded or a sandbox pauses; must not block (see {@link #whenChanged}). */
    private volatile Runnable changeListener = () -> {};

    DemoWorld(Clock clock, long seed, URI agentOrigin, int conversationCount) {
        this.clock = clock;
        this.random = new Random(seed);
        this.ids = new IdSource(random);
        this.agentOrigin = agentOrigin;
        this.userId = ids.uuid();
        this.now = WireTime.micros(clock.instant());
        this.starter = new ConversationStarter(this, random);
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
        return sandboxesNewestFirst().stream()
                .map(s -> new SandboxSnapshot(
                        s.id,
                        s.status,
                        s.sessionKey,
                        agentServerUrl(s.id),
                        s.createdAt,
                        conversationsIn(s.id).stream().map(c -> c.id).toList()))
                .toList();
    }

    /** The events of a conversation, oldest first, exactly as the services serve them. */
    public synchronized List<JsonNode> events(String conversationId) {
        advance();
        Conversation conversation = conversationById(conversationId);
        if (conversation == null) {
            throw new IllegalArgumentException("no conversation " + conversationId);
        }
        return conversation.events.all().stream()
                .map(e -> (JsonNode) e.json().deepCopy())
                .toList();
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

    /**
     * Sets who hears of changes live sockets care about: an event recorded, a sandbox paused. It
     * runs under the world's lock, so it only takes note (wakes a thread); it never calls back in.
     */
    void whenChanged(Runnable listener) {
        changeListener = listener;
    }

    private void changed() {
        changeListener.run();
    }

    /**
     * The earliest moment one of these conversations may record an event on its own: its agent's
     * next planned step while its sandbox runs, or the moment a starting sandbox is up again (its
     * agents plan anew then). Null when none of them will do anything until someone asks.
     */
    Instant nextEventAt(Iterable<String> conversationIds) {
        Instant earliest = null;
        for (String id : conversationIds) {
            Conversation conversation = conversationById(id);
            Sandbox sandbox = conversation == null ? null : sandboxes.get(conversation.sandboxId);
            Instant due = sandbox == null
                    ? null
                    : sandbox.isRunning()
                            ? conversation.agent.nextDueAt()
                            : sandbox.status == SandboxStatus.STARTING ? sandbox.runningFrom : null;
            if (due != null && (earliest == null || due.isBefore(earliest))) {
                earliest = due;
            }
        }
        return earliest;
    }

    List<Conversation> conversationsNewestFirst() {
        List<Conversation> all = new ArrayList<>(conversations.values());
        all.sort(
                Comparator.comparing((Conversation c) -> c.createdAt).reversed().thenComparing(c -> c.id));
        return all;
    }

    List<Conversation> conversationsIn(String sandboxId) {
        return conversationsNewestFirst().stream()
                .filter(c -> c.sandboxId.equals(sandboxId))
                .toList();
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

    /** Gives a sandbox a new session key, as Cloud may when it resumes one: the old key gets 401 from then on. */
    public synchronized void rotateSessionKey(String sandboxId) {
        sandbox(sandboxId).sessionKey = DemoKeys.sessionKey();
    }

    /**
     * The sandbox goes down and comes up again, as after a host restart: STARTING (its agent server
     * answers 503 through the proxy) until the world's clock has moved on by {@link #RESUME_TIME}.
     */
    public synchronized void restart(String sandboxId) {
        advance();
        Sandbox sandbox = requireSandbox(sandboxId);
        pause(sandbox);
        resume(sandbox);
    }

    /**
     * For benchmarks: the conversation gains {@code pairs} more action/observation pairs at once, a
     * microsecond apart from now on, as a very long run would have left behind. Use it on a world
     * whose clock stands still, or the agent's next events could come out of time order.
     */
    public synchronized void addHistory(String conversationId, int pairs) {
        addHistory(conversationId, pairs, Set.of(), Set.of());
    }

    /**
     * For tests of the pairing check: {@link #addHistory(String, int)}, except that the pairs
     * numbered (from 0) in {@code unanswered} get no observation and those in {@code answeredTwice}
     * two. Returns the ids of what was planted, oldest first: each action left without an
     * observation, and each second observation.
     */
    public synchronized List<String> addHistory(
            String conversationId, int pairs, Set<Integer> unanswered, Set<Integer> answeredTwice) {
        advance();
        Conversation conversation = requireConversation(conversationId);
        EventJson json = new EventJson(ids);
        Random steps = new Random(pairs);
        List<String> planted = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Instant at = now.plusNanos(2_000L * i);
            AgentStep step = Playbook.step(steps);
            ObjectNode action = json.action(at, step, "toolu_" + ids.base62(24));
            conversation.recordAll(at, List.of(action));
            if (unanswered.contains(i)) {
                planted.add(action.get("id").asText());
                continue;
            }
            conversation.recordAll(at.plusNanos(1_000), List.of(json.observation(at.plusNanos(1_000), step, action)));
            if (answeredTwice.contains(i)) {
                ObjectNode again = json.observation(at.plusNanos(1_500), step, action);
                conversation.recordAll(at.plusNanos(1_500), List.of(again));
                planted.add(again.get("id").asText());
            }
        }
        return planted;
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

    /** POST /app-conversations: the request is echoed back in the task, with Cloud's defaults filled in.
     *  See {@link ConversationStarter} for what happens next. */
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
            changed();
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
        changed();
        Conversation parent =
                conversation.origin.parentId() == null ? null : conversations.get(conversation.origin.parentId());
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

    /**
     * The agent server's {@code respond_to_confirmation}: accept runs what waits (already running:
     * nothing to do, as on the real server), reject answers it and leaves the agent idle.
     */
    void respondToConfirmation(Conversation conversation, boolean accept, String reason) {
        if (!accept) {
            conversation.recordAll(now, conversation.agent.reject(now, reason));
        } else if (!conversation.isRunning()) {
            conversation.recordAll(now, conversation.agent.run(now));
        }
    }

    // ---- building the world ----

    Sandbox createSandbox(Instant createdAt) {
        String id = ids.sandboxId();
        // The seeded stream once made the session key here: drawing as many keeps each seed's world as it was.
        ids.base62(26);
        Sandbox sandbox = new Sandbox(id, DemoKeys.sessionKey(), createdAt, SandboxStatus.RUNNING);
        sandboxes.put(sandbox.id, sandbox);
        return sandbox;
    }

    /** A conversation opened at {@code createdAt}; without a title it is "Conversation abcde" until renamed. */
    Conversation createConversation(
            Instant createdAt,
            String sandboxId,
            ConversationOrigin origin,
            String title,
            Outcome outcome,
            int turns,
            String firstMessage,
            boolean run) {
        String id = ids.hex32();
        AgentScript agent = new AgentScript(new Random(random.nextLong()), origin.llmModel(), outcome, turns);
        Conversation conversation = new Conversation(
                id,
                userId,
                createdAt,
                sandboxId,
                origin,
                title != null ? title : "Conversation " + id.substring(0, 5),
                agent,
                this::changed);
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
            if (sandbox.status == SandboxStatus.STARTING
                    && sandbox.runningFrom != null
                    && !sandbox.runningFrom.isAfter(target)) {
                bringUp(sandbox, sandbox.runningFrom);
            }
        }
        for (StartTask task : startTasks.values()) {
            while (!task.status.isFinal() && !task.nextStepAt().isAfter(target)) {
                starter.step(task);
            }
        }
        for (Conversation conversation : List.copyOf(conversations.values())) {
            if (sandboxes.get(conversation.sandboxId).isRunning()) {
                conversation.advanceTo(target);
            }
        }
        now = target;
    }

    /** A sandbox is RUNNING from {@code at}: its agents pick up where they were. */
    void bringUp(Sandbox sandbox, Instant at) {
        sandbox.status = SandboxStatus.RUNNING;
        sandbox.runningFrom = null;
        sandbox.upSince = at;
        for (Conversation conversation : conversationsIn(sandbox.id)) {
            conversation.agent.resumeAt(at);
        }
    }

    /** The text items of a message ({@code {role, content:[{type:"text", text}], run}}), joined. */
    static String messageText(JsonNode message) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : message.path("content")) {
            if ("text".equals(item.path("type").asText("text")) && item.hasNonNull("text")) {
                text.append(text.length() == 0 ? "" : "\n")
                        .append(item.get("text").asText());
            }
        }
        return text.toString();
    }

    private ConversationSnapshot snapshot(Conversation c) {
        Sandbox sandbox = sandboxes.get(c.sandboxId);
        return new ConversationSnapshot(
                c.id,
                c.sandboxId,
                c.title,
                c.origin.repository(),
                sandbox.status,
                sandbox.isRunning() ? c.executionStatus : null,
                c.eventCount(),
                c.accumulatedCost(),
                c.createdAt,
                c.updatedAt,
                c.origin.parentId());
    }
}

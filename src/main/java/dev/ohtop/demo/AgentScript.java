package dev.ohtop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * The simulated agent of one conversation. It plans a turn at a time (an optional remark, an
 * action, its observation, a stats update, now and then a hook, an error or a future kind) with
 * timestamps a few seconds apart, and hands events over only once the clock has reached them.
 * All its randomness comes from its own {@link Random}, so the events of a conversation depend on
 * the seed and the clock alone, not on how often anybody asked.
 */
final class AgentScript {
    /** How a conversation's run ends once its turns are used up. */
    enum Outcome {
        RUN_FOREVER,
        FINISH,
        PAUSE,
        WAIT_FOR_CONFIRMATION,
        ERROR,
        STUCK,
        IDLE
    }

    // A conversation that runs forever slows down as it grows, and finishes at the cap, so memory stays bounded.
    private static final int SLOWDOWN_FROM_EVENTS = 1_000;
    private static final int MAX_EVENTS = 10_000;
    private static final Duration RESUME_DELAY = Duration.ofSeconds(2);
    private static final int CONTEXT_WINDOW = 200_000;
    /** How often a stuck agent repeats its step before the status says stuck. */
    private static final int STUCK_REPEATS = 3;

    /** An event planned for {@code at}; not yet seen by anyone, so its timestamp may still move. */
    private static final class Pending {
        Instant at;
        final ObjectNode event;

        Pending(Instant at, ObjectNode event) {
            this.at = at;
            this.event = event;
        }
    }

    private final Random random;
    private final IdSource ids;
    private final EventJson events;
    private final String model;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final List<String> firstEventIds = new ArrayList<>();
    private Outcome outcome;
    private int turnsLeft;
    private int turn;
    private boolean working;
    private Instant nextTurnAt;
    private int emitted;
    private double cost;
    private long promptTokens;
    private long completionTokens;
    private long cacheReadTokens;
    private long reasoningTokens;
    private long lastTurnTokens;
    /** In confirmation mode: the action waiting for the user's yes or no, and its step; null when none waits. */
    private ObjectNode waitingAction;

    private AgentStep waitingStep;
    /** How many times it has stopped for a confirmation: picks the next risky step. */
    private int confirmations;
    /** A run that ends late ({@link #endFrom}): from its first turn at or after {@code lateAt}; null when none. */
    private Instant lateAt;

    private Outcome lateOutcome;

    AgentScript(Random random, String model, Outcome outcome, int turns) {
        this.random = random;
        this.ids = new IdSource(random);
        this.events = new EventJson(ids);
        this.model = model;
        this.outcome = outcome;
        this.turnsLeft = outcome == Outcome.RUN_FOREVER ? Integer.MAX_VALUE : turns;
    }

    /**
     * The opening of a conversation: the whole state (the app server stores it first), the system
     * prompt, the user's first message, and the start of the run.
     */
    void open(Instant at, String userText, boolean run) {
        ObjectNode systemPrompt = events.systemPrompt(at);
        schedule(at, events.fullState(at, systemPrompt, model, "idle"));
        schedule(at, systemPrompt);
        if (userText == null) {
            return;
        }
        Instant messageAt = at.plusMillis(200);
        schedule(messageAt, events.message(messageAt, "user", userText));
        if (run && outcome != Outcome.IDLE) {
            Instant runningAt = at.plusMillis(400);
            schedule(runningAt, events.executionStatus(runningAt, "running"));
            working = true;
            nextTurnAt = at.plusMillis(1500 + random.nextInt(1500));
        }
    }

    /**
     * From its first turn planned at or after {@code at}, the run heads for {@code ending} instead
     * of its own outcome: a long run that fails or starts looping while someone watches.
     */
    void endFrom(Instant at, Outcome ending) {
        lateAt = at;
        lateOutcome = ending;
    }

    /** Hands over, in order, every event whose time has come by {@code now}. */
    void emitUntil(Instant now, BiConsumer<Instant, ObjectNode> emit) {
        while (true) {
            if (pending.isEmpty()) {
                if (!working) {
                    return;
                }
                planTurn();
                continue;
            }
            Pending next = pending.peekFirst();
            if (next.at.isAfter(now)) {
                return;
            }
            pending.removeFirst();
            emitted++;
            if (firstEventIds.size() < 6) {
                firstEventIds.add(next.event.get("id").asText());
            }
            emit.accept(next.at, next.event);
        }
    }

    /** When this agent's next event is due at the earliest; null while it waits for someone. */
    Instant nextDueAt() {
        return pending.isEmpty() ? working ? nextTurnAt : null : pending.peekFirst().at;
    }

    /** The sandbox came back at {@code at}: nothing planned may happen before it is up again. */
    void resumeAt(Instant at) {
        Instant earliest = at.plus(RESUME_DELAY);
        Instant first = pending.isEmpty() ? nextTurnAt : pending.peekFirst().at;
        if (first == null || !first.isBefore(earliest)) {
            return;
        }
        Duration shift = Duration.between(first, earliest);
        for (Pending p : pending) {
            p.at = p.at.plus(shift);
            p.event.put("timestamp", WireTime.naive(p.at));
        }
        if (nextTurnAt != null) {
            nextTurnAt = nextTurnAt.plus(shift);
        }
    }

    /** A user message at {@code now}; with {@code run} the agent (re)starts working on it. */
    List<ObjectNode> userMessage(Instant now, String text, boolean run, String executionStatus) {
        List<ObjectNode> out = new ArrayList<>();
        out.add(events.message(now, "user", text));
        if (run && !"running".equals(executionStatus)) {
            out.add(events.executionStatus(now, "running"));
            continueWork(now);
        } else if (run && !working) {
            // The agent was wrapping up (its outcome not yet visible); the new message keeps it going.
            continueWork(now);
        }
        return out;
    }

    /** The user pauses ({@code PauseEvent}) or interrupts ({@code InterruptEvent}) a running conversation. */
    List<ObjectNode> stop(Instant now, String kind) {
        pending.clear();
        working = false;
        return List.of(events.userAction(now, kind), events.executionStatus(now, "paused"));
    }

    /**
     * {@code /run}, and an approval (the real server's is a run): in confirmation mode the action
     * that waits runs first, and the agent stops again at its next risky step a few turns later.
     */
    List<ObjectNode> run(Instant now) {
        continueWork(now);
        return List.of(events.executionStatus(now, "running"));
    }

    /**
     * The user rejected what waits: as the real agent server does, the status goes idle and the
     * action is answered by a {@code UserRejectObservation} with the reason; the agent does not
     * run again until it is sent a message (then it works toward its next confirmation).
     */
    List<ObjectNode> reject(Instant now, String reason) {
        if (waitingAction == null) {
            return List.of();
        }
        ObjectNode rejection = events.rejection(now, waitingStep, waitingAction, reason);
        waitingAction = null;
        return List.of(events.executionStatus(now, "idle"), rejection);
    }

    private void continueWork(Instant now) {
        pending.clear();
        working = true;
        if (turnsLeft == 0) {
            if (outcome != Outcome.WAIT_FOR_CONFIRMATION) { // which waits again, however often it is woken
                outcome = Outcome.FINISH;
            }
            turnsLeft = 2 + random.nextInt(3);
        }
        nextTurnAt = now.plusMillis(1500);
        if (waitingAction != null) {
            // As the real agent's next step does (an approval is a run): what waits runs first.
            Instant observedAt = now.plusMillis(800);
            schedule(observedAt, events.observation(observedAt, waitingStep, waitingAction));
            Instant statsAt = schedule(observedAt.plusMillis(50), stats(observedAt.plusMillis(50)));
            waitingAction = null;
            nextTurnAt = statsAt.plusMillis(1500);
        }
    }

    private void planTurn() {
        Instant t = nextTurnAt;
        if (outcome == Outcome.RUN_FOREVER && emitted >= MAX_EVENTS) {
            outcome = Outcome.FINISH;
            turnsLeft = 0;
        }
        if (lateAt != null && !t.isBefore(lateAt)) {
            // A stuck agent repeats its step until the detector sees the loop; an error ends the run now.
            outcome = lateOutcome;
            turnsLeft = lateOutcome == Outcome.STUCK ? STUCK_REPEATS : 0;
            lateAt = null;
        }
        if (turnsLeft == 0) {
            planOutcome(t);
            working = false;
            return;
        }
        if (outcome != Outcome.RUN_FOREVER) {
            turnsLeft--;
        }
        turn++;
        if (random.nextInt(6) == 0) {
            t = schedule(t, events.message(t, "agent", Playbook.remark(random))).plusMillis(400 + random.nextInt(1100));
        }
        if (turn == 3 || random.nextInt(25) == 0) {
            // As agent server 1.58.2 closes a tool call it cannot run: an ActionEvent without "action",
            // then an AgentErrorEvent with the same tool_call_id and no action_id.
            String callId = toolCallId();
            schedule(
                    t,
                    events.failedAction(
                            t,
                            "file_editor",
                            callId,
                            "{\"command\": \"str_replace\", \"path\": \"" + SandboxFiles.PROJECT
                                    + "/tests/test_api.py\", \"old_str\": \"timeout=1"));
            Instant errorAt = t.plusMillis(4);
            t = schedule(
                            errorAt,
                            events.agentError(
                                    errorAt,
                                    "file_editor",
                                    callId,
                                    "Error validating tool"
                                            + " 'file_editor': Unterminated string starting at: line 1 column 97 (char 96)."))
                    .plusMillis(600 + random.nextInt(900));
        }
        boolean stuckNow = outcome == Outcome.STUCK && turnsLeft < STUCK_REPEATS;
        t = act(t, stuckNow ? Playbook.STUCK_STEP : Playbook.step(random));
        if (turn == 2 || random.nextInt(5) == 0) {
            t = schedule(t.plusMillis(200), events.hook(t.plusMillis(200), random.nextInt(8) != 0));
        }
        if (turn == 4 || random.nextInt(30) == 0) {
            t = schedule(t.plusMillis(300), events.futureEvent(t.plusMillis(300)));
        }
        if (outcome == Outcome.RUN_FOREVER && turn % 60 == 0) {
            t = schedule(t.plusMillis(100), events.condensation(t.plusMillis(100), firstEventIds));
        }
        double slowdown = Math.max(1.0, emitted / (double) SLOWDOWN_FROM_EVENTS);
        nextTurnAt = t.plusMillis((long) ((1500 + random.nextInt(2500)) * slowdown));
    }

    private void planOutcome(Instant t) {
        switch (outcome) {
            case FINISH, RUN_FOREVER -> {
                Instant end = act(t, new AgentStep.Finish(Playbook.FINISH_MESSAGE));
                schedule(end.plusMillis(100), events.executionStatus(end.plusMillis(100), "finished"));
            }
            case PAUSE -> {
                schedule(t, events.userAction(t, "PauseEvent"));
                schedule(t.plusMillis(50), events.executionStatus(t.plusMillis(50), "paused"));
            }
            case WAIT_FOR_CONFIRMATION -> {
                // The action stays without an observation until someone answers it (respond_to_confirmation).
                waitingStep = Playbook.riskyStep(confirmations++);
                waitingAction = events.action(t, waitingStep, toolCallId());
                schedule(t, waitingAction);
                chargeLlmCall();
                schedule(t.plusMillis(50), stats(t.plusMillis(50)));
                schedule(t.plusMillis(100), events.executionStatus(t.plusMillis(100), "waiting_for_confirmation"));
            }
            case ERROR -> {
                schedule(
                        t,
                        events.conversationError(
                                t,
                                "LLMContextWindowExceedError",
                                "Conversation history exceeds"
                                        + " the model's context window (200000 tokens) even after condensation."));
                schedule(t.plusMillis(50), events.executionStatus(t.plusMillis(50), "error"));
            }
            case STUCK -> schedule(t, events.executionStatus(t, "stuck"));
            case IDLE -> {
                // Nothing: an idle conversation waits for its first message.
            }
        }
    }

    /** Plans an action, its observation and the stats after it; returns the time of the last of them. */
    private Instant act(Instant t, AgentStep step) {
        ObjectNode action = events.action(t, step, toolCallId());
        if (turn == 1) {
            // The LLM's text streams before its tool call; one delta stands for the many.
            schedule(t, events.streamingDelta(t, action, step.thought().isEmpty() ? step.summary() : step.thought()));
        }
        schedule(t, action);
        chargeLlmCall();
        Instant observedAt = t.plusMillis(500 + random.nextInt(2500));
        schedule(observedAt, events.observation(observedAt, step, action));
        Instant statsAt = observedAt.plusMillis(50);
        return schedule(statsAt, stats(statsAt));
    }

    private ObjectNode stats(Instant at) {
        ObjectNode metrics = Json.object()
                .put("model_name", model)
                .put("accumulated_cost", Math.round(cost * 1_000_000) / 1_000_000.0);
        metrics.putObject("accumulated_token_usage")
                .put("model", model)
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("cache_read_tokens", cacheReadTokens)
                .put("cache_write_tokens", 0)
                .put("reasoning_tokens", reasoningTokens)
                .put("context_window", CONTEXT_WINDOW)
                .put("per_turn_token", lastTurnTokens)
                .put("response_id", "");
        ObjectNode value = Json.object();
        value.putObject("usage_to_metrics").set("agent", metrics);
        return events.stateUpdate(at, "stats", value);
    }

    private void chargeLlmCall() {
        long prompt = 3_000 + random.nextInt(9_000);
        long completion = 80 + random.nextInt(620);
        long cached = prompt * 7 / 10;
        promptTokens += prompt;
        completionTokens += completion;
        cacheReadTokens += cached;
        reasoningTokens += random.nextInt(200);
        lastTurnTokens = prompt + completion;
        // Sonnet-like prices: $3 per million prompt tokens (a tenth for cache reads), $15 per million completion
        // tokens.
        cost += ((prompt - cached) * 3.0 + cached * 0.3 + completion * 15.0) / 1_000_000;
    }

    private String toolCallId() {
        return "toolu_" + ids.base62(24);
    }

    private Instant schedule(Instant at, ObjectNode event) {
        pending.addLast(new Pending(at, event));
        return at;
    }
}

package dev.ohtop.demo;

import dev.ohtop.demo.AgentScript.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The conversations a demo world starts with. The newest ones cover every sandbox status and
 * every execution status, so the first page of a list shows them all; the rest are older, mostly
 * finished on paused sandboxes, spread over weeks so that paging has several pages.
 */
final class WorldCatalog {
    /** One of the hand-picked newest conversations; sandboxes are shared by letter. */
    private record Special(
            String sandbox,
            SandboxStatus sandboxStatus,
            Outcome outcome,
            int turns,
            Duration age,
            String repository,
            String branch,
            String agentKind,
            Outcome lateEnding) {
        Special(
                String sandbox,
                SandboxStatus sandboxStatus,
                Outcome outcome,
                int turns,
                Duration age,
                String repository,
                String branch,
                String agentKind) {
            this(sandbox, sandboxStatus, outcome, turns, age, repository, branch, agentKind, null);
        }
    }

    private static final List<Special> SPECIALS = List.of(
            new Special(
                    "A",
                    SandboxStatus.RUNNING,
                    Outcome.RUN_FOREVER,
                    0,
                    Duration.ofMinutes(12),
                    "acme/api",
                    "main",
                    "llm"),
            // Gets stuck about 3 minutes after the demo starts (it would have finished then).
            new Special(
                    "A", SandboxStatus.RUNNING, Outcome.STUCK, 45, Duration.ofMinutes(1), "acme/web", "develop", "llm"),
            new Special(
                    "B",
                    SandboxStatus.RUNNING,
                    Outcome.RUN_FOREVER,
                    0,
                    Duration.ofMinutes(25),
                    null,
                    null,
                    "llm",
                    Outcome.ERROR),
            new Special(
                    "C",
                    SandboxStatus.RUNNING,
                    Outcome.IDLE,
                    0,
                    Duration.ofMinutes(40),
                    "octo-org/payments-service",
                    "main",
                    "llm"),
            new Special("C", SandboxStatus.RUNNING, Outcome.PAUSE, 6, Duration.ofHours(1), "acme/infra", "main", "llm"),
            new Special(
                    "D",
                    SandboxStatus.RUNNING,
                    Outcome.WAIT_FOR_CONFIRMATION,
                    5,
                    Duration.ofMinutes(90),
                    "acme/api",
                    "fix/flaky-timeout",
                    "llm"),
            new Special(
                    "D",
                    SandboxStatus.RUNNING,
                    Outcome.FINISH,
                    8,
                    Duration.ofHours(2),
                    "octo-org/mobile-app",
                    "main",
                    "acp"),
            new Special(
                    "E",
                    SandboxStatus.RUNNING,
                    Outcome.ERROR,
                    7,
                    Duration.ofHours(3),
                    "octo-org/data-pipeline",
                    "main",
                    "llm"),
            new Special("E", SandboxStatus.RUNNING, Outcome.STUCK, 6, Duration.ofHours(4), "acme/api", "main", "llm"),
            new Special(
                    "F", SandboxStatus.STARTING, Outcome.FINISH, 60, Duration.ofHours(5), "acme/web", "main", "llm"),
            new Special("G", SandboxStatus.PAUSED, Outcome.FINISH, 8, Duration.ofHours(6), "acme/infra", "main", "llm"),
            new Special(
                    "H",
                    SandboxStatus.ERROR,
                    Outcome.FINISH,
                    5,
                    Duration.ofHours(8),
                    "octo-org/payments-service",
                    "develop",
                    "llm"),
            new Special("I", SandboxStatus.MISSING, Outcome.FINISH, 4, Duration.ofDays(2), null, null, "llm"));

    /** How long the agent of a conversation on a non-running sandbox ran before the sandbox stopped. */
    private static final Duration HISTORY = Duration.ofHours(1);

    private static final Duration INTERRUPTED_HISTORY = Duration.ofMinutes(4);
    /** The STARTING sandbox of the catalogue is up this long after the demo starts. */
    static final Duration FIRST_START = Duration.ofSeconds(15);

    /**
     * A running conversation with a late ending meets it this long after the demo starts: after the
     * STARTING sandbox's conversation has finished, so a watcher hears of one thing at a time.
     */
    static final Duration LATE_ENDING = Duration.ofSeconds(130);

    private static final Duration MISSING_AFTER = Duration.ofDays(14);

    private final DemoWorld world;
    private final Random random;
    private final Instant now;
    /** Final statuses, applied once every history has been written while the sandboxes still ran. */
    private final Map<Sandbox, SandboxStatus> finalStatus = new LinkedHashMap<>();

    WorldCatalog(DemoWorld world, Random random, Instant now) {
        this.world = world;
        this.random = random;
        this.now = now;
    }

    void populate(int conversationCount) {
        int specials = Math.min(conversationCount, SPECIALS.size());
        addSpecials(specials);
        addOlder(conversationCount - specials);
        finalStatus.forEach(this::settle);
    }

    private void addSpecials(int count) {
        Map<String, Sandbox> byLetter = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Special special = SPECIALS.get(i);
            Sandbox sandbox = byLetter.computeIfAbsent(special.sandbox(), letter -> sandboxFor(special, count));
            Instant createdAt = now.minus(special.age());
            String title = special.outcome() == Outcome.IDLE ? null : Playbook.TITLES.get(i);
            Conversation conversation = add(
                    sandbox,
                    createdAt,
                    special.outcome(),
                    special.turns(),
                    title,
                    origin(special.repository(), special.branch(), special.agentKind(), "gui", null));
            if (i == 0) {
                addSubConversations(sandbox, conversation);
            }
            if (special.lateEnding() != null) {
                conversation.agent.endFrom(now.plus(LATE_ENDING), special.lateEnding());
            }
        }
    }

    private Sandbox sandboxFor(Special first, int count) {
        Duration oldest = first.age();
        for (int i = 0; i < count; i++) {
            if (SPECIALS.get(i).sandbox().equals(first.sandbox())
                    && SPECIALS.get(i).age().compareTo(oldest) > 0) {
                oldest = SPECIALS.get(i).age();
            }
        }
        return sandbox(now.minus(oldest).minusSeconds(30), first.sandboxStatus());
    }

    /** Delegated work of the first conversation: hidden from search unless sub-conversations are asked for. */
    private void addSubConversations(Sandbox sandbox, Conversation parent) {
        add(
                sandbox,
                now.minus(Duration.ofMinutes(10)),
                Outcome.FINISH,
                5,
                "Write regression test for client timeout",
                origin("acme/api", "main", "llm", "openhands_api", parent.id));
        add(
                sandbox,
                now.minus(Duration.ofMinutes(5)),
                Outcome.FINISH,
                40,
                "Check other clients for short timeouts",
                origin("acme/api", "main", "llm", "openhands_api", parent.id));
    }

    private void addOlder(int count) {
        Instant newest = now.minus(Duration.ofDays(2)).minus(Duration.ofHours(3));
        int made = 0;
        while (made < count) {
            int groupSize = Math.min(count - made, 1 + random.nextInt(3));
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < groupSize; i++) {
                newest = newest.minus(Duration.ofMinutes(180 + random.nextInt(360)));
                times.add(newest);
            }
            Instant oldest = times.get(times.size() - 1);
            boolean gone = Duration.between(oldest, now).compareTo(MISSING_AFTER) > 0;
            Sandbox sandbox = sandbox(oldest.minusSeconds(5), gone ? SandboxStatus.MISSING : SandboxStatus.PAUSED);
            for (Instant createdAt : times) {
                addOld(sandbox, createdAt, made++);
            }
        }
    }

    private void addOld(Sandbox sandbox, Instant createdAt, int index) {
        Outcome outcome = index % 9 == 4
                ? Outcome.RUN_FOREVER
                : index % 11 == 5 ? Outcome.ERROR : index % 13 == 6 ? Outcome.STUCK : Outcome.FINISH;
        String repository =
                random.nextInt(5) == 0 ? null : Playbook.REPOSITORIES.get(random.nextInt(Playbook.REPOSITORIES.size()));
        String branch = repository == null ? null : Playbook.BRANCHES.get(random.nextInt(Playbook.BRANCHES.size()));
        String trigger = index % 10 == 3 ? "openhands_api" : index % 10 == 7 ? "slack" : "gui";
        // Some conversations are never renamed: they keep "Conversation abcde".
        String title = index % 6 == 2 ? null : Playbook.TITLES.get((index + SPECIALS.size()) % Playbook.TITLES.size());
        Conversation conversation = add(
                sandbox,
                createdAt,
                outcome,
                2 + random.nextInt(9),
                title,
                origin(repository, branch, "llm", trigger, null));
        conversation.reportsMetrics = index % 7 != 3;
        if (index % 8 == 1) {
            conversation.tags.put("team", "platform");
        }
    }

    private Conversation add(
            Sandbox sandbox, Instant createdAt, Outcome outcome, int turns, String title, ConversationOrigin origin) {
        String task = title == null ? null : title + ". Run the tests before and after your change.";
        Conversation conversation = world.createConversation(
                createdAt, sandbox.id, origin, title, outcome, turns, outcome == Outcome.IDLE ? null : task, true);
        if (finalStatus.get(sandbox) != SandboxStatus.RUNNING) {
            Duration ran = outcome == Outcome.RUN_FOREVER || outcome == Outcome.FINISH && turns > 20
                    ? INTERRUPTED_HISTORY
                    : HISTORY;
            Instant until = createdAt.plus(ran);
            conversation.advanceTo(until.isBefore(now) ? until : now);
        }
        return conversation;
    }

    private Sandbox sandbox(Instant createdAt, SandboxStatus status) {
        Sandbox sandbox = world.createSandbox(createdAt);
        finalStatus.put(sandbox, status);
        return sandbox;
    }

    private void settle(Sandbox sandbox, SandboxStatus status) {
        sandbox.status = status;
        switch (status) {
            case STARTING -> sandbox.runningFrom = now.plus(FIRST_START);
            case ERROR -> sandbox.statusDetail = "Sandbox exited unexpectedly (OOMKilled)";
            default -> {
                // RUNNING, PAUSED and MISSING need nothing more.
            }
        }
    }

    private ConversationOrigin origin(
            String repository, String branch, String agentKind, String trigger, String parentId) {
        String model = Playbook.MODELS.get(random.nextInt(Playbook.MODELS.size()));
        List<Integer> prNumbers = "openhands_api".equals(trigger) && parentId == null ? List.of(812) : List.of();
        return new ConversationOrigin(
                repository,
                branch,
                repository == null ? null : "github",
                model,
                agentKind,
                trigger,
                prNumbers,
                parentId);
    }
}

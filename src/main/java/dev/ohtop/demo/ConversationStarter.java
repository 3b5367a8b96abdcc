package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ohtop.demo.AgentScript.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Takes start tasks through Cloud's steps, one every {@link StartTask#STEP} of clock time:
 * WORKING, WAITING_FOR_SANDBOX, PREPARING_REPOSITORY (a sandbox is chosen or created here),
 * RUNNING_SETUP_SCRIPT, SETTING_UP_GIT_HOOKS, SETTING_UP_SKILLS, STARTING_CONVERSATION, READY (the
 * conversation exists, running its initial message, 14 s after the request).
 *
 * <p>To see a start fail, ask for a {@code selected_repository} containing the word "fail" (any
 * case, e.g. {@code acme/fail-repo}): the task goes to ERROR with a {@code detail} when it would
 * have cloned the repository. Asking for an unknown {@code sandbox_id} fails too.
 */
final class ConversationStarter {
    private static final String DEFAULT_MODEL = Playbook.MODELS.get(0);
    private static final int MAX_TITLE = 60;

    private final DemoWorld world;
    private final Random random;

    ConversationStarter(DemoWorld world, Random random) {
        this.world = world;
        this.random = random;
    }

    /** Takes the task's next step, at the time it was due. */
    void step(StartTask task) {
        Instant at = task.nextStepAt();
        switch (task.status) {
            case WAITING_FOR_SANDBOX -> {
                Sandbox sandbox = sandboxFor(task, at);
                if (sandbox == null) {
                    fail(
                            task,
                            at,
                            "Sandbox not found: "
                                    + task.request.path("sandbox_id").asText());
                    return;
                }
                task.sandboxId = sandbox.id;
            }
            case PREPARING_REPOSITORY -> {
                String repository = task.request.path("selected_repository").asText("");
                if (repository.toLowerCase(Locale.ROOT).contains("fail")) {
                    fail(
                            task,
                            at,
                            "Failed to clone repository " + repository
                                    + ": remote: Repository not found. (git exit code 128)");
                    return;
                }
            }
            case STARTING_CONVERSATION -> {
                task.conversationId = openConversation(task, at).id;
                task.agentServerUrl = world.agentServerUrl(task.sandboxId).toString();
            }
            default -> {
                // The other steps only take time.
            }
        }
        task.status = task.status.next();
        task.updatedAt = at;
    }

    private static void fail(StartTask task, Instant at, String detail) {
        task.status = StartTask.Status.ERROR;
        task.detail = detail;
        task.updatedAt = at;
    }

    /** The sandbox asked for (woken up if need be), else a new one; null when the one asked for does not exist. */
    private Sandbox sandboxFor(StartTask task, Instant at) {
        String wanted = text(task.request, "sandbox_id");
        if (wanted == null) {
            return world.createSandbox(at);
        }
        Sandbox sandbox = world.sandbox(wanted);
        if (sandbox == null || sandbox.status == SandboxStatus.MISSING) {
            return null;
        }
        if (!sandbox.isRunning()) {
            world.bringUp(sandbox, at);
        }
        return sandbox;
    }

    private Conversation openConversation(StartTask task, Instant at) {
        ObjectNode request = task.request;
        String repository = text(request, "selected_repository");
        String gitProvider = text(request, "git_provider");
        String model = text(request, "llm_model");
        List<Integer> prNumbers = new ArrayList<>();
        request.path("pr_number").forEach(n -> prNumbers.add(n.asInt()));
        ConversationOrigin origin = new ConversationOrigin(
                repository,
                text(request, "selected_branch"),
                gitProvider != null ? gitProvider : repository == null ? null : "github",
                model != null ? model : DEFAULT_MODEL,
                "llm",
                "openhands_api",
                prNumbers,
                IdSource.normalizeHex(text(request, "parent_conversation_id")));
        JsonNode message = request.path("initial_message");
        String firstMessage = message.isObject() ? DemoWorld.messageText(message) : null;
        String title = text(request, "title");
        Conversation conversation = world.createConversation(
                at,
                task.sandboxId,
                origin,
                title,
                Outcome.FINISH,
                6 + random.nextInt(6),
                firstMessage,
                message.path("run").asBoolean(true));
        if (title == null && firstMessage != null) {
            conversation.titleOnFirstAction = titleFrom(firstMessage);
        }
        return conversation;
    }

    private static String titleFrom(String message) {
        String firstLine = message.strip().lines().findFirst().orElse("").strip();
        return firstLine.length() <= MAX_TITLE ? firstLine : firstLine.substring(0, MAX_TITLE - 1) + "…";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

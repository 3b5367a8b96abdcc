package dev.ohtop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * A request to start a conversation, working through Cloud's start-up steps with the clock.
 * Steps, transitions and failures are decided by {@link DemoWorld}; this holds where it is.
 */
final class StartTask {
    enum Status {
        WORKING,
        WAITING_FOR_SANDBOX,
        PREPARING_REPOSITORY,
        RUNNING_SETUP_SCRIPT,
        SETTING_UP_GIT_HOOKS,
        SETTING_UP_SKILLS,
        STARTING_CONVERSATION,
        READY,
        ERROR;

        boolean isFinal() {
            return this == READY || this == ERROR;
        }

        Status next() {
            return values()[ordinal() + 1];
        }
    }

    /** Each step takes this long, so a start takes 14 s of clock time from WORKING to READY. */
    static final Duration STEP = Duration.ofSeconds(2);

    final String id;
    final String createdByUserId;
    final ObjectNode request;
    final Instant createdAt;
    Status status = Status.WORKING;
    String detail;
    String conversationId;
    String sandboxId;
    String agentServerUrl;
    Instant updatedAt;

    StartTask(String id, String createdByUserId, ObjectNode request, Instant createdAt) {
        this.id = id;
        this.createdByUserId = createdByUserId;
        this.request = request;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    Instant nextStepAt() {
        return updatedAt.plus(STEP);
    }
}

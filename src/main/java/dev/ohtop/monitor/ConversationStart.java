package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.StartConversationRequest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A new delegated conversation: its start task followed to READY ({@link StartTaskTracker}), then
 * the new conversation read once (on the worker), so its events can open.
 */
public final class ConversationStart {
    /**
     * @param task         the start task's progress
     * @param conversation the new conversation once read at READY, or null
     * @param problem      why it could not be read at READY, or null
     */
    public record StartProgress(StartTaskTracker.StartSnapshot task, ConversationRow conversation, String problem) {}

    /** What the user wrote; blank parts are left to Cloud's defaults. */
    public record Form(String task, String repository, String branch, String title) {}

    private final CloudClient cloud;
    private final Executor worker;
    private final Runnable onChange;
    private final StartTaskTracker tracker;
    private boolean reading;
    private volatile ConversationRow conversation;
    private volatile String problem;

    /** @param onChange runs on the scheduler or the worker whenever the progress changes */
    public ConversationStart(
            CloudClient cloud,
            Form form,
            ScheduledExecutorService scheduler,
            Executor worker,
            Clock clock,
            Runnable onChange) {
        this.cloud = Objects.requireNonNull(cloud);
        this.worker = Objects.requireNonNull(worker);
        this.onChange = Objects.requireNonNull(onChange);
        StartConversationRequest request = StartConversationRequest.of(
                form.task(), blankToNull(form.repository()), blankToNull(form.branch()), blankToNull(form.title()));
        this.tracker = new StartTaskTracker(cloud, request, scheduler, clock, this::changed);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public StartProgress snapshot() {
        return new StartProgress(tracker.snapshot(), conversation, problem);
    }

    /** Sends the start request and returns at once. */
    public void start() {
        tracker.start();
    }

    /** Stops following the task (the conversation may still start on Cloud). */
    public void cancel() {
        tracker.cancel();
    }

    private void changed() {
        StartTaskTracker.StartSnapshot s = tracker.snapshot();
        if (s.state() == StartTaskTracker.State.READY && firstRead()) {
            read(s.appConversationId());
        }
        onChange.run();
    }

    private synchronized boolean firstRead() {
        boolean first = !reading;
        reading = true;
        return first;
    }

    private void read(String id) {
        try {
            worker.execute(() -> {
                try {
                    List<AppConversation> found = cloud.getConversations(List.of(id));
                    if (found.isEmpty() || found.get(0) == null) {
                        problem = "the conversation " + id + " is not readable yet; it will show in the list";
                    } else {
                        conversation = ConversationRow.of(found.get(0), true);
                    }
                } catch (ApiException e) {
                    problem = "could not read the new conversation " + id + ": " + e.getMessage();
                }
                onChange.run();
            });
        } catch (RejectedExecutionException e) {
            problem = "shutting down";
        }
    }
}

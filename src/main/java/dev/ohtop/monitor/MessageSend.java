package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.MessageRequest;
import dev.ohtop.api.SendMessageResult;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * A message to one conversation's agent (the app server's send-message, or attached the agent
 * server's own {@code POST /api/conversations/{id}/events}), sent on the worker. A refusal
 * because the sandbox is paused (409) names the sandbox, so a screen can offer to resume it and
 * send again.
 */
public final class MessageSend {
    /** Where a message goes; null or a success is sent, a result saying no is not. */
    @FunctionalInterface
    public interface Route {
        SendMessageResult send(String conversationId, MessageRequest message) throws IOException;
    }

    public enum State {
        NOT_SENT,
        SENDING,
        SENT
    }

    /**
     * @param problem       why the last try was not sent, or null
     * @param pausedSandbox the sandbox to resume when the last try was refused because it is paused, or null
     */
    public record MessageSnapshot(State state, String problem, String pausedSandbox) {}

    private final Route route;
    /** The conversation as the list last saw it: its sandbox may change while the message is written. */
    private final Supplier<ConversationRow> conversation;

    private final Executor worker;
    private final Runnable onChange;
    private volatile MessageSnapshot snapshot = new MessageSnapshot(State.NOT_SENT, null, null);

    /** @param onChange runs on the worker once the server has answered */
    public MessageSend(CloudClient cloud, Supplier<ConversationRow> conversation, Executor worker, Runnable onChange) {
        this(cloud::sendMessage, conversation, worker, onChange);
    }

    /** @param onChange runs on the worker once the server has answered */
    public MessageSend(Route route, Supplier<ConversationRow> conversation, Executor worker, Runnable onChange) {
        this.route = Objects.requireNonNull(route);
        this.conversation = Objects.requireNonNull(conversation);
        this.worker = Objects.requireNonNull(worker);
        this.onChange = Objects.requireNonNull(onChange);
    }

    public MessageSnapshot snapshot() {
        return snapshot;
    }

    /** Sends {@code text} unless a send is under way or done; returns at once. */
    public synchronized void send(String text) {
        if (snapshot.state() != State.NOT_SENT) {
            return;
        }
        snapshot = new MessageSnapshot(State.SENDING, null, null);
        try {
            worker.execute(() -> {
                snapshot = answer(text);
                onChange.run();
            });
        } catch (RejectedExecutionException e) {
            snapshot = notSent("shutting down", null);
        }
    }

    private MessageSnapshot answer(String text) {
        ConversationRow row = conversation.get();
        try {
            SendMessageResult result = route.send(row.id(), MessageRequest.userText(text));
            if (result != null && Boolean.FALSE.equals(result.success())) {
                return notSent(result.message() == null ? "the server said no" : result.message(), null);
            }
            return new MessageSnapshot(State.SENT, null, null);
        } catch (ApiException e) {
            ConversationRow now = conversation.get(); // it may have been resumed or moved meanwhile
            String sandbox =
                    now.conversation() == null ? null : now.conversation().sandboxId();
            if (e.isStatus(409) && sandbox != null && mentionsPaused(e)) {
                return notSent("the sandbox is paused", sandbox);
            }
            if (e.mayHaveTakenEffect()) {
                return new MessageSnapshot(
                        State.NOT_SENT, "no clear answer (" + e.getMessage() + "): the message may have arrived", null);
            }
            return notSent(e.getMessage(), null);
        } catch (IOException e) {
            return notSent(e.getMessage(), null);
        }
    }

    private static MessageSnapshot notSent(String why, String pausedSandbox) {
        return new MessageSnapshot(State.NOT_SENT, "not sent: " + why, pausedSandbox);
    }

    private static boolean mentionsPaused(ApiException e) {
        String words = (e.detail() == null ? "" : e.detail()) + " " + e.getMessage();
        return words.toLowerCase(Locale.ROOT).contains("paused");
    }
}

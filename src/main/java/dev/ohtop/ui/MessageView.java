package dev.ohtop.ui;

import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.MessageRequest;
import dev.ohtop.api.SendMessageResult;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.ConversationRow;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * A message to the selected conversation's agent (the app server's send-message). The text is
 * kept until the server took it: a failure leaves it there to send again, and a paused sandbox
 * (409) brings the offer to resume it and then send.
 */
final class MessageView implements View, Chrome.Status {
    private enum Sending { NO, YES, SENT }

    /** The conversation as the list last saw it: its sandbox may be paused or resumed while this is open. */
    private final Supplier<ConversationRow> conversation;
    private final CloudClient cloud;
    private final Executor worker;
    private final ResumeOffer resume;
    private final Runnable redraw;
    private final TextField text = new TextField("Message", true);
    private Question discard;
    private volatile Sending sending = Sending.NO;
    private volatile String problem;
    /** Set when the server refused because the sandbox is paused: what to resume. */
    private volatile String pausedSandbox;

    MessageView(Supplier<ConversationRow> conversation, CloudClient cloud, Executor worker, ResumeOffer resume,
                Runnable redraw) {
        this.conversation = conversation;
        this.cloud = cloud;
        this.worker = worker;
        this.resume = resume;
        this.redraw = redraw;
    }

    private ConversationRow row() {
        return conversation.get();
    }

    @Override
    public Scope scope() {
        return Scope.COMPOSE;
    }

    @Override
    public String title() {
        return "message to " + row().shortId();
    }

    @Override
    public void draw(Canvas canvas, Instant now) {
        resume.settle();
        offerResumeIfPaused();
        int c = canvas.text(1, 0, "Message to ", Theme.TITLE);
        canvas.text(c, 0, row().title(), Theme.TITLE);
        Theme.Badge box = Theme.sandbox(row().sandboxStatus());
        canvas.text(1, 1, "sandbox " + box.text(), box.style());
        int bottomRows = (resume.hasLine() ? 1 : 0) + (discard == null ? 0 : 1);
        int height = Math.max(1, canvas.height() - 4 - bottomRows);
        List<String> lines = text.rows(canvas.width() - 4, height, sending == Sending.NO);
        for (int r = 0; r < height; r++) {
            canvas.text(1, 3 + r, "▏", Theme.DIM);
            canvas.text(3, 3 + r, r < lines.size() ? lines.get(r) : "", Style.NORMAL);
        }
        if (resume.hasLine()) {
            resume.draw(canvas.rows(canvas.height() - bottomRows, 1), now);
        }
        if (discard != null) {
            discard.draw(canvas.rows(canvas.height() - 1, 1));
        }
    }

    private void offerResumeIfPaused() {
        String paused = pausedSandbox;
        if (paused != null) {
            pausedSandbox = null;
            resume.offer(paused, this::sendNow);
        }
    }

    @Override
    public String status(Instant now) {
        if (sending == Sending.YES) {
            return "sending…";
        }
        return problem != null ? problem : "Enter: new line";
    }

    @Override
    public boolean statusIsProblem() {
        return problem != null && sending != Sending.YES;
    }

    @Override
    public Step onKey(KeyStroke key) {
        if (resume.active()) {
            resume.onKey(key);
            return Step.STAY;
        }
        if (discard != null) {
            Question.Answer answer = discard.on(key);
            if (answer == Question.Answer.ASKING) {
                return Step.STAY;
            }
            discard = null;
            return answer == Question.Answer.YES ? Step.BACK : Step.STAY;
        }
        if (sending != Sending.NO) {
            return Step.PASS;
        }
        return text.on(key) == TextField.Result.IGNORED ? Step.PASS : Step.STAY;
    }

    @Override
    public boolean offers(Action action) {
        return action != Action.COMPOSE_NEXT_FIELD && action != Action.COMPOSE_PREVIOUS_FIELD; // one field
    }

    @Override
    public Step on(Action action) {
        if (action == Action.COMPOSE_SEND) {
            if (text.isBlank()) {
                return new Step.Flash("nothing to send: write the message first");
            }
            if (sending == Sending.NO) {
                sendNow();
            }
            return Step.STAY;
        }
        if (action == Action.BACK && !text.isBlank() && sending != Sending.SENT) {
            discard = new Question("discard this message?");
            return Step.HANDLED;
        }
        return Step.STAY;
    }

    /** Ctrl+C stops a resume or says no to a question; a typed message is kept (Esc asks before dropping one). */
    @Override
    public String interrupt() {
        String stopped = resume.interrupt();
        if (stopped != null) {
            return stopped;
        }
        if (discard != null) {
            discard = null;
            return "answered no";
        }
        return "the message is kept";
    }

    /** Once the server took it, the screen closes and says so. */
    @Override
    public Step next() {
        return sending == Sending.SENT ? new Step.Done("message sent to " + row().shortId()) : Step.STAY;
    }

    private void sendNow() {
        sending = Sending.YES;
        problem = null;
        String body = text.text().strip();
        try {
            worker.execute(() -> {
                try {
                    SendMessageResult result = cloud.sendMessage(row().id(), MessageRequest.userText(body));
                    if (result != null && Boolean.FALSE.equals(result.success())) {
                        fail("not sent: " + (result.message() == null ? "the server said no" : result.message()));
                    } else {
                        sending = Sending.SENT;
                    }
                } catch (ApiException e) {
                    if (e.isStatus(409) && row().conversation() != null && row().conversation().sandboxId() != null
                            && mentionsPaused(e)) {
                        pausedSandbox = row().conversation().sandboxId();
                        fail("not sent: the sandbox is paused");
                    } else {
                        fail("not sent: " + e.getMessage());
                    }
                }
                redraw.run();
            });
        } catch (RejectedExecutionException e) {
            fail("not sent: shutting down");
        }
    }

    private static boolean mentionsPaused(ApiException e) {
        String words = (e.detail() == null ? "" : e.detail()) + " " + e.getMessage();
        return words.toLowerCase(java.util.Locale.ROOT).contains("paused");
    }

    private void fail(String why) {
        problem = why;
        sending = Sending.NO;
    }
}

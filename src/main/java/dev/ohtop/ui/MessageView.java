package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.MessageSend;
import dev.ohtop.monitor.MessageSend.MessageSnapshot;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A message to the selected conversation's agent (the app server's send-message). The text is
 * kept until the server took it: a failure leaves it there to send again, and a paused sandbox
 * (409) brings the offer to resume it and then send.
 */
final class MessageView implements View, Chrome.Status {
    /** The conversation as the list last saw it: its sandbox may be paused or resumed while this is open. */
    private final Supplier<ConversationRow> conversation;

    private final MessageSend message;
    private final ResumeOffer resume;
    private final TextField text = new TextField("Message", true);
    private Question discard;

    /**
     * @param sends makes the message's sender, given what to run when the server has answered
     * @param ui    the UI thread's hand-off: the answer is taken there
     */
    MessageView(
            Supplier<ConversationRow> conversation,
            Function<Runnable, MessageSend> sends,
            ResumeOffer resume,
            Executor ui) {
        this.conversation = conversation;
        this.resume = resume;
        this.message = sends.apply(() -> ui.execute(this::answered));
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
        MessageSnapshot sent = message.snapshot();
        int c = canvas.text(1, 0, "Message to ", Theme.TITLE);
        canvas.text(c, 0, row().title(), Theme.TITLE);
        Theme.Badge box = Theme.sandbox(row().sandboxStatus());
        if (!box.text().isEmpty()) {
            canvas.text(1, 1, "sandbox " + box.text(), box.style());
        }
        int bottomRows = (resume.hasLine() ? 1 : 0) + (discard == null ? 0 : 1);
        int height = Math.max(1, canvas.height() - 4 - bottomRows);
        List<String> lines = text.rows(canvas.width() - 4, height, sent.state() == MessageSend.State.NOT_SENT);
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

    /** On the UI thread once the server has answered: a paused sandbox brings the offer to resume it, then send. */
    private void answered() {
        String paused = message.snapshot().pausedSandbox();
        if (paused != null) {
            resume.offer(paused, this::sendNow);
        }
    }

    @Override
    public String status(Instant now) {
        MessageSnapshot sent = message.snapshot();
        if (sent.state() == MessageSend.State.SENDING) {
            return "sending…";
        }
        return sent.problem() != null ? sent.problem() : "Enter: new line";
    }

    @Override
    public boolean statusIsProblem() {
        MessageSnapshot sent = message.snapshot();
        return sent.problem() != null && sent.state() != MessageSend.State.SENDING;
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
        if (message.snapshot().state() != MessageSend.State.NOT_SENT) {
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
            sendNow(); // once: a send under way or done ignores it
            return Step.STAY;
        }
        if (action == Action.BACK && !text.isBlank() && message.snapshot().state() != MessageSend.State.SENT) {
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
        resume.settle(); // a resume that finished sends the message it waited for: here, never in draw
        return message.snapshot().state() == MessageSend.State.SENT
                ? new Step.Done("message sent to " + row().shortId())
                : Step.STAY;
    }

    private void sendNow() {
        message.send(text.text().strip());
    }
}

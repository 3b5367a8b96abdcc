package dev.ohtop.ui;

import dev.ohtop.api.CloudClient;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.ConversationRow;

import java.time.Instant;
import java.util.concurrent.Executor;

/** PLACEHOLDER: send a message (being written). */
final class MessageView implements View {
    private final ConversationRow row;

    MessageView(ConversationRow row, CloudClient cloud, Executor worker, ResumeOffer resume, Runnable redraw) {
        this.row = row;
    }

    @Override
    public Scope scope() {
        return Scope.COMPOSE;
    }

    @Override
    public String title() {
        return "message to " + row.shortId();
    }

    @Override
    public void draw(Canvas canvas, Instant now) {
    }

    @Override
    public Step on(Action action) {
        return Step.STAY;
    }
}

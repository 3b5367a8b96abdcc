package dev.ohtop.ui;

import dev.ohtop.api.CloudClient;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.Poller;
import dev.ohtop.monitor.SandboxBoard;

import java.time.Instant;
import java.util.concurrent.Executor;

/** PLACEHOLDER: the sandboxes screen (being written). */
final class SandboxesView implements View {
    private final Poller poller;

    SandboxesView(SandboxBoard sandboxes, Poller poller, ConversationBoard conversations, CloudClient cloud,
                  Executor worker, Runnable redraw, boolean readonly) {
        this.poller = poller;
    }

    @Override
    public Scope scope() {
        return Scope.SANDBOXES;
    }

    @Override
    public String title() {
        return "sandboxes";
    }

    @Override
    public void draw(Canvas canvas, Instant now) {
        canvas.text(1, 0, "sandboxes: not written yet", Theme.DIM);
    }

    @Override
    public Step on(Action action) {
        return Step.STAY;
    }

    @Override
    public void closed() {
        poller.close();
    }
}

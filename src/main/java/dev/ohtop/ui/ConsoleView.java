package dev.ohtop.ui;

import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.SandboxConsole;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executor;

/** PLACEHOLDER: the bash console screen (being written). */
final class ConsoleView implements View {
    private final ConversationRow row;

    ConsoleView(ConversationRow row, SandboxConsole console, ResumeOffer resume, Executor worker, Path localDir) {
        this.row = row;
    }

    @Override
    public Scope scope() {
        return Scope.CONSOLE;
    }

    @Override
    public String title() {
        return "console of " + row.shortId();
    }

    @Override
    public void draw(Canvas canvas, Instant now) {
        canvas.text(1, 0, "console: not written yet", Theme.DIM);
    }

    @Override
    public Step on(Action action) {
        return Step.STAY;
    }
}

package dev.ohtop.ui;

import dev.ohtop.api.CloudClient;
import dev.ohtop.api.StartConversationRequest;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.StartTaskTracker;

import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** PLACEHOLDER: the new conversation form (being written). */
final class NewConversationView implements View {
    NewConversationView(ConversationBoard board, Function<StartConversationRequest, StartTaskTracker> trackers,
                        CloudClient cloud, Executor worker, Function<ConversationRow, View> openEvents,
                        Runnable redraw) {
    }

    @Override
    public Scope scope() {
        return Scope.COMPOSE;
    }

    @Override
    public String title() {
        return "new conversation";
    }

    @Override
    public void draw(Canvas canvas, Instant now) {
    }

    @Override
    public Step on(Action action) {
        return Step.STAY;
    }
}

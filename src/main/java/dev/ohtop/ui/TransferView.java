package dev.ohtop.ui;

import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.Transfer;

import java.nio.file.Path;
import java.time.Instant;

/** PLACEHOLDER: the file transfer screen (being written). */
final class TransferView implements View {
    /** Makes the transfer from the paths as typed (the remote one is ignored for a trajectory). */
    @FunctionalInterface
    interface Starter {
        Transfer make(String typedRemote, Path local);
    }

    private final ConversationRow row;

    TransferView(Transfer.Kind kind, ConversationRow row, Starter starter, ResumeOffer resume, Path localDir) {
        this.row = row;
    }

    @Override
    public Scope scope() {
        return Scope.TRANSFER;
    }

    @Override
    public String title() {
        return "transfer for " + row.shortId();
    }

    @Override
    public void draw(Canvas canvas, Instant now) {
        canvas.text(1, 0, "transfer: not written yet", Theme.DIM);
    }

    @Override
    public Step on(Action action) {
        return Step.STAY;
    }
}

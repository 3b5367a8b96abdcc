package dev.ohtop.monitor;

import dev.ohtop.api.BashOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How far one started command's output has been read: each look asks the sandbox for the pieces
 * after the last one taken and gives back only those, in order, so a piece is never shown twice
 * however the looks overlap. The piece with an exit code is the end. The console and
 * {@code ohtop exec} follow a command with it.
 */
public final class OutputCursor {
    private final String commandId;
    /** The order of the last piece taken; -1 before the first. */
    private int lastOrder = -1;

    public OutputCursor(String commandId) {
        this.commandId = Objects.requireNonNull(commandId);
    }

    public String commandId() {
        return commandId;
    }

    /** The pieces not taken yet, oldest first (none when nothing new came); blocks on the network. */
    public List<BashOutput> next(SandboxConsole.Agent agent) throws IOException {
        int after = lastOrder;
        List<BashOutput> got = agent.call(client -> client.bashOutputsAfter(commandId, after));
        List<BashOutput> fresh = new ArrayList<>(got.size());
        for (BashOutput piece : got) {
            if (piece.orderOrZero() > lastOrder) {
                lastOrder = piece.orderOrZero();
                fresh.add(piece);
            }
        }
        return fresh;
    }
}

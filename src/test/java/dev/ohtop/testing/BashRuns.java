package dev.ohtop.testing;

import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.BashOutput;
import dev.ohtop.api.BashRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A command run to its end on an agent server, for the contract tests: what the server answers
 * (the demo's and the real one's), whole. ohtop itself never waits on a command like this; its
 * console starts one and follows its pieces on a poller ({@code SandboxConsole}).
 */
public final class BashRuns {
    /** Longer than any command a contract test runs. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private BashRuns() {}

    /** Runs a command and returns the execute answer: the server joins every piece into it. */
    public static BashResult run(AgentServerClient agent, BashRequest request) throws ApiException {
        BashOutput answer = agent.executeBash(request);
        if (answer == null) {
            throw new AssertionError("an empty answer to execute_bash_command");
        }
        return gather(answer.commandId(), List.of(answer));
    }

    /**
     * Polls a started command until a piece with an exit code arrives, handing each new piece
     * to {@code onPiece} in order as it comes.
     */
    public static BashResult await(
            AgentServerClient agent, String commandId, Duration pollEvery, Consumer<BashOutput> onPiece)
            throws ApiException, InterruptedException {
        List<BashOutput> pieces = new ArrayList<>();
        int lastOrder = -1;
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            for (BashOutput piece : agent.bashOutputsAfter(commandId, lastOrder)) {
                if (piece.orderOrZero() > lastOrder) {
                    pieces.add(piece);
                    lastOrder = piece.orderOrZero();
                    onPiece.accept(piece);
                }
            }
            if (!pieces.isEmpty() && pieces.get(pieces.size() - 1).isFinal()) {
                return gather(commandId, pieces);
            }
            if (System.nanoTime() > giveUpAt) {
                throw new AssertionError("the server never reported the end of command " + commandId);
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }

    /** Joins pieces by order (each order once) into one result. */
    private static BashResult gather(String commandId, List<BashOutput> pieces) {
        Map<Integer, BashOutput> byOrder = new LinkedHashMap<>();
        pieces.stream()
                .sorted(Comparator.comparingInt(BashOutput::orderOrZero))
                .forEach(p -> byOrder.putIfAbsent(p.orderOrZero(), p));
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Integer exit = null;
        for (BashOutput p : byOrder.values()) {
            if (p.stdout() != null) {
                out.append(p.stdout());
            }
            if (p.stderr() != null) {
                err.append(p.stderr());
            }
            if (p.exitCode() != null) {
                exit = p.exitCode();
            }
        }
        return new BashResult(commandId, exit == null ? BashResult.TIMED_OUT : exit, out.toString(), err.toString());
    }
}

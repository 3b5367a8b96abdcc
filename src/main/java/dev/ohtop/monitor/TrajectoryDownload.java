package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.TransferListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * A conversation's trajectory to a local zip, as a {@link Transfer} (progress, cancel, overwrite
 * confirmation). The app server's zip comes first; when that fails, the agent server's own
 * trajectory route is tried if the conversation's sandbox can be reached. A cancel never falls back.
 */
public final class TrajectoryDownload {
    private TrajectoryDownload() {}

    /** @param target the zip file to write (replaced only after {@link Transfer#confirmOverwrite()}) */
    public static Transfer of(
            CloudClient cloud,
            SandboxAccess access,
            String conversationId,
            Path target,
            ExecutorService worker,
            Clock clock,
            Runnable onChange) {
        return download(conversationId, target, worker, clock, onChange, (local, listener) -> {
            try {
                cloud.downloadTrajectory(conversationId, local, listener);
            } catch (IOException fromApp) {
                if (listener.cancelled() || isCancel(fromApp) || !(fromApp instanceof ApiException)) {
                    throw fromApp; // a cancel, or a local problem the other route would hit too
                }
                try {
                    fromAgentServer(access, conversationId, local, listener);
                } catch (IOException fromAgent) {
                    if (listener.cancelled() || isCancel(fromAgent)) {
                        throw fromAgent;
                    }
                    throw new BothRoutesFailed(
                            "the app server could not give the trajectory (" + fromApp.getMessage()
                                    + ") nor could the agent server (" + fromAgent.getMessage() + ")",
                            fromAgent);
                }
            }
        });
    }

    /** Attached to an agent server: its own zip of the conversation, the one route there is. */
    public static Transfer fromAgentServer(
            SandboxAccess access,
            String conversationId,
            Path target,
            ExecutorService worker,
            Clock clock,
            Runnable onChange) {
        return download(
                conversationId,
                target,
                worker,
                clock,
                onChange,
                (local, listener) -> fromAgentServer(access, conversationId, local, listener));
    }

    /** How one route writes the zip to {@code local}. */
    @FunctionalInterface
    private interface Route {
        void write(Path local, TransferListener listener) throws IOException;
    }

    /** A trajectory transfer into {@code target}, by {@code route}. */
    private static Transfer download(
            String conversationId, Path target, ExecutorService worker, Clock clock, Runnable onChange, Route route) {
        Path local = target.toAbsolutePath().normalize();
        return new Transfer(
                Transfer.Kind.TRAJECTORY,
                conversationId,
                local,
                (remote, listener) -> route.write(local, listener),
                worker,
                clock,
                onChange);
    }

    /** The agent server's own zip of the conversation, to {@code local}. */
    private static void fromAgentServer(
            SandboxAccess access, String conversationId, Path local, TransferListener listener) throws IOException {
        access.call(agent -> {
            agent.downloadTrajectory(conversationId, local, listener);
            return null;
        });
    }

    /** Neither server could give the trajectory; the message names both reasons. */
    static final class BothRoutesFailed extends IOException {
        BothRoutesFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static boolean isCancel(IOException e) {
        return e instanceof ApiException api && api.failure() == ApiException.Failure.CANCELLED;
    }
}

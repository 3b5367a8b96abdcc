package dev.ohtop.monitor;

import dev.ohtop.api.AgentEndpoint;
import java.io.IOException;

/**
 * Where a conversation's agent server is and the key it takes now: in Cloud the app server says
 * ({@link SandboxAccess}); attached to one agent server, it is fixed ({@link #fixed}).
 */
public interface AgentServerAddress {
    /**
     * The agent server as last found, looked up when not held. Blocks on the network: call it on
     * a worker. {@link SandboxNotReadyException} when the sandbox is paused, starting or gone.
     */
    AgentEndpoint endpoint() throws IOException;

    /** Drops what is held, so the next {@link #endpoint()} looks again (the key may have changed). */
    void forget();

    /** One agent server that does not move. */
    static AgentServerAddress fixed(AgentEndpoint endpoint) {
        return new AgentServerAddress() {
            @Override
            public AgentEndpoint endpoint() {
                return endpoint;
            }

            @Override
            public void forget() {}
        };
    }
}

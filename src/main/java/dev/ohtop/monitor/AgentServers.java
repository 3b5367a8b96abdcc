package dev.ohtop.monitor;

import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.AgentServerLocator;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.CloudClient;
import java.util.List;
import java.util.Objects;

/**
 * Where a conversation's agent server is: asked afresh by everything that talks to one (consoles,
 * transfers, messages, pause and run, the live events socket). Through Cloud the app server says
 * (its record of the conversation, then of its sandbox); attached ({@code --agent-server}) it is
 * always the one given.
 */
@FunctionalInterface
public interface AgentServers {

    /**
     * Whether asking again may give a fresh session key (a resumed sandbox gets a new one): worth
     * a second try after a 401. Attached, the key is the one the user gave.
     */
    default boolean keysRenew() {
        return true;
    }

    /**
     * Where the agent server is now, or why it cannot be reached (a paused sandbox, one starting);
     * blocks on the network (call it on a worker).
     *
     * @throws ApiException when the app server cannot say, or does not know the conversation (404)
     */
    AgentServerLocation locate(String conversationId) throws ApiException;

    /** Through the app server: the conversation's record, then its sandbox's. */
    static AgentServers throughCloud(CloudClient cloud) {
        Objects.requireNonNull(cloud);
        return conversationId -> {
            List<AppConversation> found = cloud.getConversations(List.of(conversationId));
            AppConversation conversation = found.isEmpty() ? null : found.get(0);
            if (conversation == null) {
                throw new ApiException(
                        ApiException.Failure.HTTP_STATUS,
                        404,
                        "GET /api/v1/app-conversations",
                        "no such conversation: " + conversationId,
                        null,
                        null);
            }
            return new AgentServerLocator(cloud).locate(conversation);
        };
    }

    /** Attached: every conversation is on the one agent server given. */
    static AgentServers attached(AgentEndpoint endpoint) {
        AgentServerLocation here = new AgentServerLocation.Available(Objects.requireNonNull(endpoint));
        return new AgentServers() {
            @Override
            public AgentServerLocation locate(String conversationId) {
                return here;
            }

            @Override
            public boolean keysRenew() {
                return false;
            }
        };
    }
}

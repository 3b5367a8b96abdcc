package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.ConversationQuery;
import dev.ohtop.api.Page;
import dev.ohtop.api.SandboxInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where the {@link ConversationBoard} reads conversations from: the app server's search (Cloud or
 * self-hosted), or one agent server's ({@link AgentServerConversations}). Each method is one
 * question the board asks; every answer blocks on the network.
 */
public interface ConversationSource {

    /** The server the list comes from, for the header and the listing. */
    URI server();

    /** The newest created conversations. */
    Page<AppConversation> newest(int limit) throws ApiException;

    /** Every conversation, newest created first, a page at a time ({@code pageId} null for the first). */
    Page<AppConversation> page(String pageId, int limit) throws ApiException;

    /** The newest of those created before {@code before}: the next older page. */
    Page<AppConversation> createdBefore(Instant before, int limit) throws ApiException;

    /** Conversations whose title contains {@code text}, a page at a time. */
    Page<AppConversation> titled(String text, String pageId, int limit) throws ApiException;

    /** The conversations of one sandbox. */
    Page<AppConversation> inSandbox(String sandboxId, int limit) throws ApiException;

    /** The first page of sandboxes (none where there are no sandboxes to ask about). */
    Page<SandboxInfo> sandboxes(int limit) throws ApiException;

    /** Conversations by id, in the order asked, null for unknown ones; at most {@link CloudClient#MAX_BATCH}. */
    List<AppConversation> get(List<String> ids) throws ApiException;

    /** How many conversations there are in all. */
    int count() throws ApiException;

    /** The app server's conversation and sandbox searches. */
    static ConversationSource cloud(CloudClient cloud) {
        Objects.requireNonNull(cloud);
        return new ConversationSource() {
            @Override
            public URI server() {
                return cloud.baseUrl();
            }

            @Override
            public Page<AppConversation> newest(int limit) throws ApiException {
                return cloud.searchConversations(ConversationQuery.all(), null, limit);
            }

            @Override
            public Page<AppConversation> page(String pageId, int limit) throws ApiException {
                return cloud.searchConversations(ConversationQuery.all(), pageId, limit);
            }

            @Override
            public Page<AppConversation> createdBefore(Instant before, int limit) throws ApiException {
                return cloud.searchConversations(
                        new ConversationQuery(null, null, before, null, null, null, null), null, limit);
            }

            @Override
            public Page<AppConversation> titled(String text, String pageId, int limit) throws ApiException {
                return cloud.searchConversations(ConversationQuery.all().withTitleContains(text), pageId, limit);
            }

            @Override
            public Page<AppConversation> inSandbox(String sandboxId, int limit) throws ApiException {
                return cloud.searchConversations(ConversationQuery.inSandbox(sandboxId), null, limit);
            }

            @Override
            public Page<SandboxInfo> sandboxes(int limit) throws ApiException {
                return cloud.searchSandboxes(null, limit);
            }

            @Override
            public List<AppConversation> get(List<String> ids) throws ApiException {
                return cloud.getConversations(ids);
            }

            @Override
            public int count() throws ApiException {
                return cloud.countConversations(ConversationQuery.all());
            }
        };
    }
}

package dev.ohtop.monitor;

import dev.ohtop.api.AgentConversationInfo;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.Page;
import dev.ohtop.api.SandboxInfo;
import dev.ohtop.api.Timestamps;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One agent server's conversations ({@code --agent-server}) as the board reads them: its
 * {@code /api/conversations/search}, batch get and count. An agent server has no sandboxes, no
 * filter by creation time and no title search, so older pages and title matches are found by
 * reading its pages in order (one server holds few conversations; at most {@link #MAX_PAGES}
 * pages are read for one answer). Its records become rows with no sandbox, so a sandbox column
 * shows nothing rather than a wrong word.
 */
public final class AgentServerConversations implements ConversationSource {
    /** Pages read at most for one older page or title search: 10,000 conversations. */
    static final int MAX_PAGES = 100;

    private static final int PAGE = 100;

    private final AgentServerClient agent;
    private final URI server;

    public AgentServerConversations(AgentServerClient agent, URI server) {
        this.agent = Objects.requireNonNull(agent);
        this.server = Objects.requireNonNull(server);
    }

    @Override
    public URI server() {
        return server;
    }

    @Override
    public Page<AppConversation> newest(int limit) throws ApiException {
        Page<AgentConversationInfo> page = agent.searchConversations(null, limit);
        return new Page<>(rows(page.items()), page.nextPageId());
    }

    @Override
    public Page<AppConversation> page(String pageId, int limit) throws ApiException {
        Page<AgentConversationInfo> page = agent.searchConversations(pageId, limit);
        return new Page<>(rows(page.items()), page.nextPageId());
    }

    @Override
    public Page<AppConversation> createdBefore(Instant before, int limit) throws ApiException {
        return scan(c -> c.createdAt() != null && c.createdAt().isBefore(before), limit);
    }

    /** All matches at once (case aside, as the list's own filter matches): there is no next page. */
    @Override
    public Page<AppConversation> titled(String text, String pageId, int limit) throws ApiException {
        String lower = text.toLowerCase(Locale.ROOT);
        Page<AppConversation> found = scan(
                c -> c.title() != null && c.title().toLowerCase(Locale.ROOT).contains(lower), Integer.MAX_VALUE);
        return new Page<>(found.items(), null);
    }

    @Override
    public Page<AppConversation> inSandbox(String sandboxId, int limit) {
        return new Page<>(List.of(), null);
    }

    @Override
    public Page<SandboxInfo> sandboxes(int limit) {
        return new Page<>(List.of(), null);
    }

    @Override
    public List<AppConversation> get(List<String> ids) throws ApiException {
        return rows(agent.getConversations(ids));
    }

    @Override
    public int count() throws ApiException {
        return agent.countConversations();
    }

    private interface Wanted {
        boolean test(AppConversation c);
    }

    /**
     * The first {@code limit} conversations that are {@code wanted}, newest created first, reading
     * pages until there are that many or none is left; the answer has a next page when more remain.
     */
    private Page<AppConversation> scan(Wanted wanted, int limit) throws ApiException {
        List<AppConversation> found = new ArrayList<>();
        String pageId = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            Page<AgentConversationInfo> page = agent.searchConversations(pageId, PAGE);
            for (AppConversation c : rows(page.items())) {
                if (c != null && wanted.test(c)) {
                    if (found.size() == limit) {
                        return new Page<>(found, "more"); // only whether there is more matters to the board
                    }
                    found.add(c);
                }
            }
            pageId = page.nextPageId();
            if (pageId == null) {
                break;
            }
        }
        return new Page<>(found, pageId == null ? null : "more");
    }

    private static List<AppConversation> rows(List<AgentConversationInfo> items) {
        List<AppConversation> rows = new ArrayList<>(items.size());
        for (AgentConversationInfo c : items) {
            rows.add(c == null ? null : row(c));
        }
        return rows;
    }

    /** The agent server's record in the shape the board holds: no sandbox, no repository, no key. */
    static AppConversation row(AgentConversationInfo c) {
        return new AppConversation(
                c.id(),
                null,
                null,
                null,
                null,
                null,
                c.title(),
                null,
                null,
                c.model(),
                null,
                c.metrics(),
                null,
                null,
                null,
                null,
                Timestamps.parse(c.createdAt()),
                Timestamps.parse(c.updatedAt()),
                ConversationRow.NO_SANDBOX,
                c.executionStatus(),
                null,
                null);
    }
}

package dev.ohtop.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.Json;
import dev.ohtop.api.Page;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.presentation.Ages;
import dev.ohtop.presentation.Costs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code ohtop ls}: the newest conversations, running first, in one request. */
final class Ls implements Command {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    @Override
    public String name() {
        return "ls";
    }

    @Override
    public String synopsis() {
        return "ls [--running] [--json] [--limit N]";
    }

    @Override
    public String summary() {
        return "the newest conversations, running first (also: ohtop --list)";
    }

    @Override
    public String details() {
        return """
                Lists the newest conversations (50 unless --limit says), the running ones first, then
                the most recently updated: sandbox status, execution status, id (its first 8 digits:
                any unique prefix names it in the other commands), repository@branch, title, cost,
                age and model. On a terminal long values are cut to their columns; in a pipe they are
                whole. One request to the server.

                --json prints one JSON array of the conversations with the server's field names (id,
                title, sandbox_id, sandbox_status, execution_status, selected_repository,
                selected_branch, llm_model, metrics, created_at, updated_at, conversation_url, ...;
                absent fields are left out, the session key always). When more conversations exist
                than were listed, stderr says so.""";
    }

    @Override
    public List<Flag> flags() {
        return List.of(
                Flag.toggle("--running", "only the running ones (among the newest N)"),
                Flag.toggle("--json", "the server's fields as one JSON array"),
                Flag.value(
                        "--limit",
                        "N",
                        "how many of the newest to read, 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")"));
    }

    @Override
    public boolean changes() {
        return false;
    }

    @Override
    public void check(Args args) throws CommandFailure {
        args.operands(0, "no operands");
        args.number("--limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    @Override
    public int run(Args args, Session session) throws CommandFailure {
        Page<AppConversation> page;
        try {
            page = session.account().lookups().newest(args.number("--limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
        } catch (ApiException e) {
            throw CommandFailure.from(e);
        }
        List<AppConversation> shown = new ArrayList<>();
        for (AppConversation c : page.items()) {
            if (c != null && c.id() != null && (!args.has("--running") || "running".equals(c.executionStatus()))) {
                shown.add(c);
            }
        }
        shown.sort(Comparator.comparing((AppConversation c) -> ConversationRow.of(c, false), ConversationRow.ORDER));
        if (args.has("--json")) {
            json(shown, session);
        } else {
            table(shown, session.clock().instant(), session);
        }
        if (page.nextPageId() != null) {
            session.say("more conversations exist; these are from the newest "
                    + page.items().size());
        }
        return Exit.OK;
    }

    /**
     * Columns as wide as their widest value (on a terminal, cut to their caps). Written at once:
     * printed piece by piece, stdout made one system call per cell (thousands per list).
     */
    private static void table(List<AppConversation> shown, Instant now, Session session) {
        Table table = new Table("SANDBOX", "STATUS", "ID", "REPOSITORY", "TITLE", ">COST", ">AGE", "MODEL");
        for (AppConversation c : shown) {
            ConversationRow r = ConversationRow.of(c, false);
            table.add(
                    session.cell(r.sandboxStatus(), 8),
                    session.cell(r.executionStatus(), 24),
                    session.cell(r.shortId(), 8),
                    session.cell(r.repoAtBranch(), 32),
                    session.cell(r.title(), 48),
                    Costs.cell(r.cost()).strip(),
                    Ages.since(r.updatedAt(), now).strip(),
                    session.cell(r.model(), 40));
        }
        session.out().print(table.text());
        session.out().flush();
    }

    /** In the table's order; the session key left out (it opens the sandbox). */
    private static void json(List<AppConversation> shown, Session session) throws CommandFailure {
        List<AppConversation> keyless = shown.stream().map(Ls::withoutKey).toList();
        try {
            session.out().println(Json.MAPPER.writeValueAsString(keyless));
        } catch (JsonProcessingException e) {
            throw CommandFailure.server("could not write the conversations as JSON: " + e.getOriginalMessage());
        }
    }

    private static AppConversation withoutKey(AppConversation c) {
        return new AppConversation(
                c.id(),
                c.createdByUserId(),
                c.sandboxId(),
                c.selectedRepository(),
                c.selectedBranch(),
                c.gitProvider(),
                c.title(),
                c.trigger(),
                c.prNumber(),
                c.llmModel(),
                c.agentKind(),
                c.metrics(),
                c.parentConversationId(),
                c.subConversationIds(),
                c.isPublic(),
                c.tags(),
                c.createdAt(),
                c.updatedAt(),
                c.sandboxStatus(),
                c.executionStatus(),
                c.conversationUrl(),
                null);
    }
}

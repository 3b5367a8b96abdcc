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
     * Written at once: printed piece by piece, stdout made one system call per cell (thousands per
     * list). Padded by hand, as {@code %-8s %-10s %-8s %-24s %-40s %8s %5s  %s%n} would: a
     * Formatter's first use (its locale's digits) cost a command 10 ms.
     */
    private static void table(List<AppConversation> shown, Instant now, Session session) {
        StringBuilder table = new StringBuilder();
        row(table, "SANDBOX", "STATUS", "ID", "REPOSITORY", "TITLE", "COST", "AGE", "MODEL");
        for (AppConversation c : shown) {
            ConversationRow r = ConversationRow.of(c, false);
            row(
                    table,
                    session.cell(r.sandboxStatus(), 8),
                    session.cell(r.executionStatus(), 10),
                    session.cell(r.shortId(), 8),
                    session.cell(r.repoAtBranch(), 24),
                    session.cell(r.title(), 40),
                    Costs.cell(r.cost()),
                    Ages.since(r.updatedAt(), now),
                    session.cell(r.model(), 30));
        }
        session.out().print(table);
        session.out().flush();
    }

    private static void row(
            StringBuilder table,
            String sandbox,
            String status,
            String id,
            String repository,
            String title,
            String cost,
            String age,
            String model) {
        left(table, sandbox, 8).append(' ');
        left(table, status, 10).append(' ');
        left(table, id, 8).append(' ');
        left(table, repository, 24).append(' ');
        left(table, title, 40).append(' ');
        right(table, cost, 8).append(' ');
        right(table, age, 5).append("  ");
        table.append(model).append(System.lineSeparator());
    }

    /** {@code text} then spaces up to {@code width} characters, as {@code %-Ns}. */
    private static StringBuilder left(StringBuilder table, String text, int width) {
        String s = String.valueOf(text);
        table.append(s);
        return spaces(table, width - s.length());
    }

    /** Spaces then {@code text}, {@code width} characters in all, as {@code %Ns}. */
    private static StringBuilder right(StringBuilder table, String text, int width) {
        String s = String.valueOf(text);
        return spaces(table, width - s.length()).append(s);
    }

    private static StringBuilder spaces(StringBuilder table, int count) {
        for (int i = 0; i < count; i++) {
            table.append(' ');
        }
        return table;
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

package dev.ohtop.monitor;

import dev.ohtop.api.AppConversation;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/**
 * One line of the conversation list. Text fields are the server's, not yet made safe for a
 * terminal: the UI does that when it draws them.
 *
 * @param changed      true when the conversation is new or differs from the previous refresh;
 *                     it stays true for one refresh only
 * @param conversation everything the server said, e.g. to find its agent server
 */
public record ConversationRow(
        String id,
        String title,
        String executionStatus,
        String sandboxStatus,
        String repository,
        String branch,
        String model,
        Double cost,
        Instant createdAt,
        Instant updatedAt,
        boolean changed,
        AppConversation conversation) {

    /** The sandbox status of a conversation that has no sandbox (an agent server's own): nothing to show. */
    public static final String NO_SANDBOX = "";

    /**
     * Running first, newest created first among them: a running conversation's updated_at moves
     * with each step its agent takes, so ordering running rows by it swapped them on nearly every
     * refresh; their creation time never changes. The rest, most recently updated first (they
     * change rarely, and when one does the user wants to see it near the top). The id breaks ties.
     */
    public static final Comparator<ConversationRow> ORDER = Comparator.comparing((ConversationRow r) -> !r.running())
            .thenComparing(
                    r -> r.running() ? r.createdAt() : r.updatedAt(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ConversationRow::id, Comparator.nullsLast(Comparator.naturalOrder()));

    public static ConversationRow of(AppConversation c, boolean changed) {
        return new ConversationRow(
                c.id(),
                c.title(),
                c.executionStatus(),
                c.sandboxStatus(),
                c.selectedRepository(),
                c.selectedBranch(),
                c.model(),
                c.cost(),
                c.createdAt(),
                c.updatedAt(),
                changed,
                c);
    }

    /** The agent is working right now (execution status {@code running}). */
    public boolean running() {
        return "running".equals(executionStatus);
    }

    /** {@code owner/repo@branch}, {@code owner/repo}, or "" when there is no repository. */
    public String repoAtBranch() {
        if (repository == null || repository.isEmpty()) {
            return "";
        }
        return branch == null || branch.isEmpty() ? repository : repository + "@" + branch;
    }

    /** The first 8 characters of the id, enough to tell conversations apart on screen. */
    public String shortId() {
        return shortId(id);
    }

    /** The first 8 hex digits of a conversation id (dashed or not). */
    static String shortId(String id) {
        String hex = id == null ? "" : id.replace("-", "");
        return hex.length() <= 8 ? hex : hex.substring(0, 8);
    }

    /** Whether the row's title, repository or id contains {@code lowerCaseText}. */
    boolean mentions(String lowerCaseText) {
        return contains(title, lowerCaseText)
                || contains(repository, lowerCaseText)
                || contains(id, lowerCaseText)
                || contains(id == null ? null : id.replace("-", ""), lowerCaseText);
    }

    private static boolean contains(String field, String lowerCaseText) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(lowerCaseText);
    }
}

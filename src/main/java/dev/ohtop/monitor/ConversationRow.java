package dev.ohtop.monitor;

import dev.ohtop.api.AppConversation;
import java.time.Instant;
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

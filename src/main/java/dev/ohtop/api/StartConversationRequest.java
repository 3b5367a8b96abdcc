package dev.ohtop.api;

/** Body of {@code POST /app-conversations}; every field optional, nulls are not sent. */
public record StartConversationRequest(
        MessageRequest initialMessage,
        String selectedRepository,
        String selectedBranch,
        String title,
        String llmModel,
        String gitProvider,
        String sandboxId,
        String parentConversationId,
        String agentType) {

    /** The common case: a task in words, optionally on a repository and branch. */
    public static StartConversationRequest of(String message, String repository, String branch, String title) {
        return new StartConversationRequest(
                message == null || message.isBlank() ? null : MessageRequest.userText(message),
                blankToNull(repository),
                blankToNull(branch),
                blankToNull(title),
                null,
                null,
                null,
                null,
                null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

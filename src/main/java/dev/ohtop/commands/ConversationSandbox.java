package dev.ohtop.commands;

import dev.ohtop.api.AppConversation;

/**
 * The sandbox a conversation runs in, as its record names it ({@code sandbox_id},
 * {@code sandbox_status}): what {@code pause}, {@code resume} and {@code send --resume} act on.
 */
record ConversationSandbox(AppConversation conversation, String id, String status) {

    /** The conversation {@code typed} names and its sandbox; exit 4 when either is not there. */
    static ConversationSandbox of(Session session, String typed) throws CommandFailure {
        AppConversation c = session.conversation(typed);
        if (c.sandboxId() == null || c.sandboxId().isBlank()) {
            throw CommandFailure.notFound("the conversation " + session.line(c.id()) + " has no sandbox");
        }
        return new ConversationSandbox(c, c.sandboxId(), c.sandboxStatus());
    }

    boolean is(String wanted) {
        return wanted.equals(status);
    }

    /** "the sandbox S of conversation C", for messages. */
    String named(Session session) {
        return "the sandbox " + session.line(id) + " of conversation " + session.line(conversation.id());
    }
}

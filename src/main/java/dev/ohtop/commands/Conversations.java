package dev.ohtop.commands;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.Page;
import dev.ohtop.monitor.ConversationSource;
import dev.ohtop.terminal.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Finds the conversation a command names: a whole id (asked for directly, one request) or any
 * prefix of one, as the list shows it (with or without dashes, any case). A prefix is looked for
 * through every conversation, newest first, since the servers cannot search by id: it is unique
 * only when no other conversation starts with it.
 */
final class Conversations {
    /** A whole conversation id: 32 hex digits (Cloud's are written without dashes, an agent server's with). */
    private static final int WHOLE = 32;

    private static final int PAGE = 100;
    /** Candidates named when a prefix fits several. */
    static final int CANDIDATES = 10;
    /** Pages read before saying the search takes a while. */
    private static final int QUIET_PAGES = 5;

    private final ConversationSource source;
    private final Consumer<String> say;

    Conversations(ConversationSource source, Consumer<String> say) {
        this.source = source;
        this.say = say;
    }

    /** The one conversation {@code typed} names, freshly read. */
    AppConversation find(String typed) throws CommandFailure {
        String hex = typed.strip().replace("-", "").toLowerCase(Locale.ROOT);
        if (hex.isEmpty() || !hex.matches("[0-9a-f]+") || hex.length() > WHOLE) {
            throw CommandFailure.usage(
                    "'" + Args.quote(typed) + "' is not a conversation id (hex digits, as " + "`ohtop ls` shows them)");
        }
        try {
            if (hex.length() == WHOLE) {
                List<AppConversation> got = source.get(List.of(typed.strip()));
                if (got.isEmpty() || got.get(0) == null) {
                    throw CommandFailure.notFound("no conversation " + Args.quote(typed));
                }
                return got.get(0);
            }
            return byPrefix(hex, typed);
        } catch (ApiException e) {
            throw CommandFailure.from(e);
        }
    }

    private AppConversation byPrefix(String hex, String typed) throws ApiException, CommandFailure {
        List<AppConversation> found = new ArrayList<>();
        String pageId = null;
        int pages = 0;
        do {
            Page<AppConversation> page = source.page(pageId, PAGE);
            for (AppConversation c : page.items()) {
                if (c != null
                        && c.id() != null
                        && c.id().replace("-", "").toLowerCase(Locale.ROOT).startsWith(hex)) {
                    found.add(c);
                }
            }
            pageId = page.nextPageId();
            if (++pages == QUIET_PAGES && pageId != null && found.size() <= 1) {
                say.accept("looking through every conversation for ids starting with " + Args.quote(typed)
                        + " (a whole id is found at once)");
            }
        } while (pageId != null && found.size() <= CANDIDATES);
        if (found.isEmpty()) {
            throw CommandFailure.notFound("no conversation id starts with " + Args.quote(typed));
        }
        if (found.size() > 1) {
            throw CommandFailure.notFound(ambiguous(typed, found));
        }
        return found.get(0);
    }

    private static String ambiguous(String typed, List<AppConversation> found) {
        StringBuilder text = new StringBuilder(Args.quote(typed) + " fits "
                + (found.size() > CANDIDATES ? "more than " + CANDIDATES : found.size()) + " conversations; give more "
                + "of the id:");
        for (AppConversation c : found.subList(0, Math.min(found.size(), CANDIDATES))) {
            text.append("\n  ")
                    .append(TerminalText.safeLine(c.id()))
                    .append("  ")
                    .append(TerminalText.safe(c.title() == null ? "" : c.title(), 60));
        }
        return text.toString();
    }
}

package dev.ohtop.keymap;

import java.util.List;
import java.util.Locale;

/**
 * Where a binding applies. A screen sees its own scope first, then {@link #GLOBAL}; a key bound
 * in a screen's scope shadows the same key in GLOBAL for that screen only.
 */
public enum Scope {
    GLOBAL,
    /** What can be done to the selected conversation, from the conversations and the events screens. */
    CONVERSATION,
    CONVERSATIONS,
    EVENTS,
    DETAIL,
    HELP,
    CHECKLIST,
    /** The bash console: a text-entry screen, so its own keys are Ctrl, F or movement keys. */
    CONSOLE,
    TRANSFER,
    SANDBOXES,
    /** The new-conversation and send-message forms. */
    COMPOSE;

    /**
     * The scopes a screen looks a key up in, its own first: the conversations and events screens
     * both act on a selected conversation, so they share {@link #CONVERSATION}'s bindings.
     */
    public List<Scope> chain() {
        return switch (this) {
            case GLOBAL -> List.of(GLOBAL);
            case CONVERSATIONS, EVENTS -> List.of(this, CONVERSATION, GLOBAL);
            default -> List.of(this, GLOBAL);
        };
    }

    /**
     * Whether one key may not do two things in these scopes: they are the same or some screen
     * looks in both (GLOBAL excepted: a screen may shadow a global key on purpose).
     */
    public boolean overlaps(Scope other) {
        if (this == GLOBAL || other == GLOBAL) {
            return this == other;
        }
        return this == other || chain().contains(other) || other.chain().contains(this);
    }

    /**
     * Whether only an action that changes something opens this screen (the console runs commands,
     * the forms start conversations and send messages), so {@code --readonly} never shows it.
     */
    public boolean opensOnlyToChange() {
        return this == CONSOLE || this == COMPOSE;
    }

    /** The name used in key files: {@code conversations}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The actions worth a hint in this screen's footer, most important first. The footer shows as
     * many as fit, so the order matters more than the length.
     */
    public List<Action> footerActions() {
        return switch (this) {
            case GLOBAL -> List.of(Action.HELP, Action.QUIT);
            case CONVERSATION -> List.of(Action.OPEN_CONSOLE, Action.DOWNLOAD, Action.UPLOAD, Action.SEND_MESSAGE);
            case CONVERSATIONS ->
                List.of(
                        Action.OPEN,
                        Action.FILTER,
                        Action.TOGGLE_RUNNING_ONLY,
                        Action.OPEN_CONSOLE,
                        Action.DOWNLOAD,
                        Action.UPLOAD,
                        Action.SEND_MESSAGE,
                        Action.NEW_CONVERSATION,
                        Action.OPEN_SANDBOXES,
                        Action.HELP,
                        Action.QUIT);
            case EVENTS ->
                List.of(
                        Action.APPROVE, // offered only while an action waits for confirmation
                        Action.REJECT,
                        Action.SHOW_DETAIL,
                        Action.TOGGLE_FOLLOW,
                        Action.SEARCH,
                        Action.FILTER_KINDS,
                        Action.FILTER_SOURCES,
                        Action.TOGGLE_ERRORS_ONLY,
                        Action.JUMP_TO_PAIR,
                        Action.OPEN_CONSOLE,
                        Action.SEND_MESSAGE,
                        Action.DOWNLOAD,
                        Action.UPLOAD,
                        Action.BACK,
                        Action.HELP);
            case DETAIL -> List.of(Action.DETAIL_JUMP_TO_PAIR, Action.BACK, Action.HELP);
            case HELP -> List.of(Action.BACK, Action.QUIT);
            case CHECKLIST ->
                List.of(Action.CHECK_TOGGLE, Action.CHECK_ALL, Action.CHECK_NONE, Action.CHECK_APPLY, Action.BACK);
            case CONSOLE ->
                List.of(
                        Action.CONSOLE_STOP_WAITING,
                        Action.CONSOLE_SET_TIMEOUT,
                        Action.CONSOLE_SAVE_OUTPUT,
                        Action.CONSOLE_CLEAR_OUTPUT,
                        Action.BACK,
                        Action.HELP);
            case TRANSFER -> List.of(Action.TRANSFER_NEXT_FIELD, Action.TRANSFER_CANCEL, Action.BACK, Action.HELP);
            case SANDBOXES ->
                List.of(Action.PAUSE_SANDBOX, Action.RESUME_SANDBOX, Action.REFRESH, Action.BACK, Action.HELP);
            case COMPOSE -> List.of(Action.COMPOSE_SEND, Action.COMPOSE_NEXT_FIELD, Action.BACK, Action.HELP);
        };
    }

    public static Scope fromFileName(String name) {
        for (Scope s : values()) {
            if (s.fileName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}

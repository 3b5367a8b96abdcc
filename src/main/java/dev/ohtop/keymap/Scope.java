package dev.ohtop.keymap;

import java.util.List;
import java.util.Locale;

/**
 * Where a binding applies. A screen sees its own scope first, then {@link #GLOBAL}; a key bound
 * in a screen's scope shadows the same key in GLOBAL for that screen only.
 */
public enum Scope {
    GLOBAL,
    CONVERSATIONS,
    EVENTS,
    DETAIL,
    HELP,
    CHECKLIST;

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
            case CONVERSATIONS -> List.of(Action.OPEN, Action.FILTER, Action.TOGGLE_RUNNING_ONLY, Action.REFRESH,
                    Action.HELP, Action.QUIT);
            case EVENTS -> List.of(Action.SHOW_DETAIL, Action.TOGGLE_FOLLOW, Action.SEARCH, Action.FILTER_KINDS,
                    Action.FILTER_SOURCES, Action.TOGGLE_ERRORS_ONLY, Action.JUMP_TO_PAIR, Action.BACK, Action.HELP);
            case DETAIL -> List.of(Action.DETAIL_JUMP_TO_PAIR, Action.BACK, Action.HELP);
            case HELP -> List.of(Action.BACK, Action.QUIT);
            case CHECKLIST -> List.of(Action.CHECK_TOGGLE, Action.CHECK_ALL, Action.CHECK_NONE, Action.CHECK_APPLY,
                    Action.BACK);
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

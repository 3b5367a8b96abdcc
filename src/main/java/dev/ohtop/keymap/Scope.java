package dev.ohtop.keymap;

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

    public static Scope fromFileName(String name) {
        for (Scope s : values()) {
            if (s.fileName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}

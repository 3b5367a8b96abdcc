package dev.ohtop.keymap;

import java.util.Locale;

/**
 * Everything a user can do with a key, each in the scope where it applies. The key files, the
 * key handling, the help screen, the footer hints and the read-only filter all come from this
 * one list, so they can never disagree.
 */
public enum Action {
    // global: available on every screen unless the screen binds the key itself
    QUIT(Scope.GLOBAL, "quit ohtop", false),
    HELP(Scope.GLOBAL, "show the keys", false),
    BACK(Scope.GLOBAL, "go back / close", false),
    REFRESH(Scope.GLOBAL, "refresh now", false),
    UP(Scope.GLOBAL, "move up", false),
    DOWN(Scope.GLOBAL, "move down", false),
    PAGE_UP(Scope.GLOBAL, "page up", false),
    PAGE_DOWN(Scope.GLOBAL, "page down", false),
    TOP(Scope.GLOBAL, "go to the top", false),
    BOTTOM(Scope.GLOBAL, "go to the bottom", false),

    // conversations (home)
    OPEN(Scope.CONVERSATIONS, "open the conversation's events", false),
    TOGGLE_RUNNING_ONLY(Scope.CONVERSATIONS, "running only / all", false),
    FILTER(Scope.CONVERSATIONS, "filter by title, repo or id", false),
    CLEAR_FILTER(Scope.CONVERSATIONS, "clear the filter", false),

    // events (the tail of one conversation)
    SHOW_DETAIL(Scope.EVENTS, "open the event's detail", false),
    TOGGLE_FOLLOW(Scope.EVENTS, "follow new events on/off", false),
    FILTER_KINDS(Scope.EVENTS, "choose event kinds", false),
    FILTER_SOURCES(Scope.EVENTS, "choose event sources", false),
    TOGGLE_ERRORS_ONLY(Scope.EVENTS, "errors only on/off", false),
    TOGGLE_MESSAGES(Scope.EVENTS, "show/hide messages", false),
    TOGGLE_ACTIONS(Scope.EVENTS, "show/hide actions and observations", false),
    TOGGLE_STATE_UPDATES(Scope.EVENTS, "show/hide state updates", false),
    SEARCH(Scope.EVENTS, "search event text", false),
    NEXT_MATCH(Scope.EVENTS, "next match", false),
    PREVIOUS_MATCH(Scope.EVENTS, "previous match", false),
    JUMP_TO_PAIR(Scope.EVENTS, "jump between action and observation", false),

    // detail (one event)
    DETAIL_JUMP_TO_PAIR(Scope.DETAIL, "show the paired action/observation", false),

    // checklist (kind / source chooser)
    CHECK_TOGGLE(Scope.CHECKLIST, "tick / untick", false),
    CHECK_ALL(Scope.CHECKLIST, "tick all", false),
    CHECK_NONE(Scope.CHECKLIST, "untick all", false),
    CHECK_APPLY(Scope.CHECKLIST, "apply", false);

    private final Scope scope;
    private final String description;
    private final boolean changesSomething;

    Action(Scope scope, String description, boolean changesSomething) {
        this.scope = scope;
        this.description = description;
        this.changesSomething = changesSomething;
    }

    public Scope scope() {
        return scope;
    }

    /** A few words for the help screen and footer. */
    public String description() {
        return description;
    }

    /** One or two words for the footer: "follow", "kinds", "detail". */
    public String hint() {
        return switch (this) {
            case QUIT -> "quit";
            case HELP -> "help";
            case BACK -> "back";
            case REFRESH -> "refresh";
            case OPEN -> "open";
            case TOGGLE_RUNNING_ONLY -> "running only";
            case FILTER -> "filter";
            case CLEAR_FILTER -> "clear filter";
            case SHOW_DETAIL -> "detail";
            case TOGGLE_FOLLOW -> "follow";
            case FILTER_KINDS -> "kinds";
            case FILTER_SOURCES -> "sources";
            case TOGGLE_ERRORS_ONLY -> "errors only";
            case TOGGLE_MESSAGES -> "messages";
            case TOGGLE_ACTIONS -> "actions";
            case TOGGLE_STATE_UPDATES -> "state updates";
            case SEARCH -> "search";
            case NEXT_MATCH -> "next";
            case PREVIOUS_MATCH -> "previous";
            case JUMP_TO_PAIR, DETAIL_JUMP_TO_PAIR -> "pair";
            case CHECK_TOGGLE -> "tick";
            case CHECK_ALL -> "all";
            case CHECK_NONE -> "none";
            case CHECK_APPLY -> "apply";
            default -> description();
        };
    }

    /** True for actions that change something on the server: hidden and refused under --readonly. */
    public boolean changesSomething() {
        return changesSomething;
    }

    /** The name used in key files: {@code toggle-follow}. */
    public String fileName() {
        String n = name().toLowerCase(Locale.ROOT).replace('_', '-');
        return n.startsWith(scope.fileName() + "-") ? n.substring(scope.fileName().length() + 1) : n;
    }

    public static Action fromFileName(Scope scope, String name) {
        for (Action a : values()) {
            if (a.scope == scope && a.fileName().equals(name)) {
                return a;
            }
        }
        return null;
    }
}

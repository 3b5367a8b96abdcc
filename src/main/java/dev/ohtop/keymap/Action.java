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
    COMMAND(Scope.GLOBAL, "type a command: an action by name (:sandboxes, :new, :q)", false),

    // the selected conversation (from the conversations and the events screens)
    OPEN_CONSOLE(Scope.CONVERSATION, "open a bash console in the sandbox", true),
    UPLOAD(Scope.CONVERSATION, "upload a file to the sandbox", true),
    DOWNLOAD(Scope.CONVERSATION, "download a file from the sandbox", false),
    DOWNLOAD_TRAJECTORY(Scope.CONVERSATION, "download the trajectory (zip)", false),
    SEND_MESSAGE(Scope.CONVERSATION, "send a message to the agent", true),
    PAUSE_AGENT(Scope.CONVERSATION, "pause the agent (its agent server's pause)", true),
    RUN_AGENT(Scope.CONVERSATION, "run the agent again (its agent server's run)", true),

    // conversations (home)
    OPEN(Scope.CONVERSATIONS, "open the conversation's events", false),
    TOGGLE_RUNNING_ONLY(Scope.CONVERSATIONS, "running only / all", false),
    TOGGLE_WAITING(
            Scope.CONVERSATIONS, "only what waits for you: confirmation, error, stuck, newly finished / all", false),
    FILTER(Scope.CONVERSATIONS, "filter by title, repo or id", false),
    CLEAR_FILTER(Scope.CONVERSATIONS, "clear the filter", false),
    NEW_CONVERSATION(Scope.CONVERSATIONS, "start a new conversation", true),
    OPEN_SANDBOXES(Scope.CONVERSATIONS, "list the sandboxes", false),

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
    APPROVE(Scope.EVENTS, "approve the action(s) the agent waits to have confirmed (asks first if HIGH risk)", true),
    REJECT(Scope.EVENTS, "reject the action(s) the agent waits to have confirmed (asks for a reason)", true),

    // detail (one event)
    DETAIL_JUMP_TO_PAIR(Scope.DETAIL, "show the paired action/observation", false),

    // checklist (kind / source chooser)
    CHECK_TOGGLE(Scope.CHECKLIST, "tick / untick", false),
    CHECK_ALL(Scope.CHECKLIST, "tick all", false),
    CHECK_NONE(Scope.CHECKLIST, "untick all", false),
    CHECK_APPLY(Scope.CHECKLIST, "apply", false),

    // bash console (typing goes to the command line; Up/Down recall history, PageUp/PageDown scroll)
    CONSOLE_STOP_WAITING(Scope.CONSOLE, "stop waiting for the command", false),
    CONSOLE_SET_TIMEOUT(Scope.CONSOLE, "set the command timeout", false),
    CONSOLE_SAVE_OUTPUT(Scope.CONSOLE, "save the output to a local file", false),
    CONSOLE_CLEAR_OUTPUT(Scope.CONSOLE, "clear the output", false),

    // file transfer (typing goes to the path fields; Enter starts)
    TRANSFER_NEXT_FIELD(Scope.TRANSFER, "next field", false),
    TRANSFER_CANCEL(Scope.TRANSFER, "cancel the transfer", false),

    // sandboxes
    PAUSE_SANDBOX(Scope.SANDBOXES, "pause the sandbox", true),
    RESUME_SANDBOX(Scope.SANDBOXES, "resume the sandbox", true),

    // new conversation and message forms (typing goes to the fields)
    COMPOSE_SEND(Scope.COMPOSE, "send the message or start the conversation", true),
    COMPOSE_NEXT_FIELD(Scope.COMPOSE, "next field", false),
    COMPOSE_PREVIOUS_FIELD(Scope.COMPOSE, "previous field", false);

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
            case COMMAND -> "command";
            case OPEN -> "open";
            case TOGGLE_RUNNING_ONLY -> "running only";
            case TOGGLE_WAITING -> "waiting";
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
            case APPROVE -> "approve";
            case REJECT -> "reject";
            case CHECK_TOGGLE -> "tick";
            case CHECK_ALL -> "all";
            case CHECK_NONE -> "none";
            case CHECK_APPLY -> "apply";
            case OPEN_CONSOLE -> "console";
            case UPLOAD -> "upload";
            case DOWNLOAD -> "download";
            case DOWNLOAD_TRAJECTORY -> "trajectory";
            case SEND_MESSAGE -> "message";
            case PAUSE_AGENT -> "pause agent";
            case RUN_AGENT -> "run agent";
            case NEW_CONVERSATION -> "new";
            case OPEN_SANDBOXES -> "sandboxes";
            case CONSOLE_STOP_WAITING -> "stop waiting";
            case CONSOLE_SET_TIMEOUT -> "timeout";
            case CONSOLE_SAVE_OUTPUT -> "save";
            case CONSOLE_CLEAR_OUTPUT -> "clear";
            case TRANSFER_NEXT_FIELD, COMPOSE_NEXT_FIELD -> "next field";
            case COMPOSE_PREVIOUS_FIELD -> "previous field";
            case TRANSFER_CANCEL -> "cancel";
            case PAUSE_SANDBOX -> "pause";
            case RESUME_SANDBOX -> "resume";
            case COMPOSE_SEND -> "send";
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
        return n.startsWith(scope.fileName() + "-")
                ? n.substring(scope.fileName().length() + 1)
                : n;
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

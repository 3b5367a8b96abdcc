package dev.ohtop.presentation;

import java.util.Collection;
import java.util.List;

/** Event kinds as the events screen names them: {@code ConversationStateUpdateEvent} -> {@code StateUpdate}. */
public final class EventKinds {
    private EventKinds() {}

    /** Kind names without the noise; {@code ?} for an event without one. */
    public static String shortKind(String kind) {
        if (kind == null) {
            return "?";
        }
        if (kind.equals("UserRejectObservation")) {
            return "Rejected"; // the user's no to an action in confirmation mode; cut to the column it read
            // "UserRejectObservat"
        }
        String k = kind.startsWith("Conversation") && kind.length() > "ConversationEvent".length()
                ? kind.substring("Conversation".length())
                : kind;
        return k.endsWith("Event") && k.length() > "Event".length() ? k.substring(0, k.length() - "Event".length()) : k;
    }

    /** Several kinds, short and sorted: the filter line's "hidden kinds". */
    public static List<String> shortKinds(Collection<String> kinds) {
        return kinds.stream().map(EventKinds::shortKind).sorted().toList();
    }

    /** A kind in the checklist: as the table's column names it, then in full when that differs. */
    public static String label(String kind) {
        String shown = shortKind(kind);
        return shown.equals(kind) ? kind : String.format("%-18s %s", shown, kind);
    }
}

package dev.ohtop.ui;

import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a line typed after {@code :} asks for: an action by its key-file name
 * ({@code open-sandboxes}), its footer word ({@code sandboxes}, {@code new}, {@code console};
 * spaces or dashes alike) or the unique beginning of one ({@code sand}, {@code q}). The names
 * of the screen in front come first, so {@code pair} is the detail's on the detail screen.
 */
final class Commands {
    /** What a typed line came to. */
    sealed interface Resolved {
        /** Nothing was typed. */
        record Nothing() implements Resolved {}

        record Run(Action action) implements Resolved {}

        /** No action, or several: what to tell the user. */
        record Unknown(String message) implements Resolved {}
    }

    private Commands() {
    }

    static Resolved resolve(String typed, Scope screen) {
        String name = normal(typed.strip().startsWith(":") ? typed.strip().substring(1) : typed);
        if (name.isEmpty()) {
            return new Resolved.Nothing();
        }
        List<Action> exact = matching(name, false);
        List<Action> found = exact.isEmpty() ? matching(name, true) : exact;
        List<Action> here = found.stream().filter(a -> screen.chain().contains(a.scope())).toList();
        List<Action> chosen = here.isEmpty() ? found : here;
        if (chosen.size() == 1) {
            return new Resolved.Run(chosen.get(0));
        }
        if (chosen.isEmpty()) {
            return new Resolved.Unknown("no command :" + name + " (the help, ?, lists what there is)");
        }
        return new Resolved.Unknown(":" + name + " could be " + String.join(", ",
                chosen.stream().map(a -> ":" + a.fileName()).distinct().limit(5).toList()));
    }

    /**
     * Tab on the command line: what was typed, carried on as far as every name of the screen in
     * front (or, failing those, of any screen) that begins with it agrees.
     */
    static String complete(String typed, Scope screen) {
        String name = normal(typed);
        List<String> here = namesBeginning(name, a -> screen.chain().contains(a.scope()));
        List<String> all = here.isEmpty() ? namesBeginning(name, a -> true) : here;
        if (all.isEmpty()) {
            return typed;
        }
        String common = all.get(0);
        for (String other : all) {
            int i = 0;
            while (i < common.length() && i < other.length() && common.charAt(i) == other.charAt(i)) {
                i++;
            }
            common = common.substring(0, i);
        }
        return common.length() > name.length() ? common : typed;
    }

    private static List<String> namesBeginning(String name, java.util.function.Predicate<Action> which) {
        return Arrays.stream(Action.values()).filter(a -> a != Action.COMMAND).filter(which)
                .flatMap(Commands::names).filter(n -> n.startsWith(name)).distinct().toList();
    }

    private static List<Action> matching(String name, boolean byBeginning) {
        return Arrays.stream(Action.values()).filter(a -> a != Action.COMMAND)
                .filter(a -> names(a).anyMatch(n -> byBeginning ? n.startsWith(name) : n.equals(name))).toList();
    }

    private static Stream<String> names(Action action) {
        Stream<String> own = Stream.of(action.fileName(), normal(action.hint()));
        return action == Action.OPEN ? Stream.concat(own, Stream.of("events")) : own;
    }

    private static String normal(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
    }
}

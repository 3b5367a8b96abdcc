package dev.ohtop.ui;

import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a line typed after {@code :} asks for: an action by its key-file name
 * ({@code open-sandboxes}), its footer word ({@code sandboxes}, {@code new}, {@code console};
 * spaces or dashes alike) or the unique beginning of one ({@code sand}, {@code q}). The names
 * of the screen in front come first, so {@code pair} is the detail's on the detail screen. A
 * screen's name ({@code conversations}, {@code sandboxes}, {@code help}) goes there from any
 * screen, as in k9s.
 */
final class Commands {
    /** What a typed line came to. */
    sealed interface Resolved {
        /** Nothing was typed. */
        record Nothing() implements Resolved {}

        record Run(Action action) implements Resolved {}

        /** A screen by name: go there, from whichever screen is in front. */
        record GoTo(Scope screen) implements Resolved {}

        /** No action, or several: what to tell the user. */
        record Unknown(String message) implements Resolved {}
    }

    /** The screens a name reaches from anywhere, and what each is. */
    static final Map<String, Scope> SCREENS = screens();

    private static Map<String, Scope> screens() {
        Map<String, Scope> screens = new LinkedHashMap<>();
        screens.put("conversations", Scope.CONVERSATIONS);
        screens.put("sandboxes", Scope.SANDBOXES);
        screens.put("help", Scope.HELP);
        return java.util.Collections.unmodifiableMap(screens);
    }

    private Commands() {}

    static Resolved resolve(String typed, Scope screen) {
        String name = normal(typed.strip().startsWith(":") ? typed.strip().substring(1) : typed);
        if (name.isEmpty()) {
            return new Resolved.Nothing();
        }
        if (SCREENS.containsKey(name)) {
            return new Resolved.GoTo(SCREENS.get(name));
        }
        List<Action> exact = matching(name, false);
        List<Action> found = exact.isEmpty() ? matching(name, true) : exact;
        List<Action> here =
                found.stream().filter(a -> screen.chain().contains(a.scope())).toList();
        List<Action> chosen = here.isEmpty() ? found : here;
        // A screen's name by its beginning, unless an action chosen already opens that screen.
        List<String> screens = !exact.isEmpty()
                ? List.of()
                : SCREENS.keySet().stream()
                        .filter(n -> n.startsWith(name))
                        .filter(n -> chosen.stream().noneMatch(a -> SCREENS.get(n) == screenOpenedBy(a)))
                        .toList();
        if (chosen.size() + screens.size() == 1) {
            return chosen.isEmpty() ? new Resolved.GoTo(SCREENS.get(screens.get(0))) : runOrGo(chosen.get(0));
        }
        if (chosen.isEmpty()) {
            return new Resolved.Unknown("no command :" + name + " (the help, ?, lists what there is)");
        }
        return new Resolved.Unknown(":" + name + " could be "
                + String.join(
                        ", ",
                        Stream.concat(screens.stream(), chosen.stream().map(Action::fileName))
                                .map(n -> ":" + n)
                                .distinct()
                                .limit(5)
                                .toList()));
    }

    /** The screen an action opens wherever it is asked for by name, or null. */
    private static Scope screenOpenedBy(Action action) {
        return switch (action) {
            case OPEN_SANDBOXES -> Scope.SANDBOXES;
            case HELP -> Scope.HELP;
            default -> null;
        };
    }

    private static Resolved runOrGo(Action action) {
        Scope screen = screenOpenedBy(action);
        return screen == null ? new Resolved.Run(action) : new Resolved.GoTo(screen);
    }

    /**
     * What Tab shows on the command line when what is typed is not yet one name: every name that
     * begins with it (the screen in front's first, as {@link #complete} does), each once.
     */
    static List<String> candidates(String typed, Scope screen) {
        String name = normal(typed);
        List<String> here = namesBeginning(name, a -> screen.chain().contains(a.scope()));
        return here.isEmpty() ? namesBeginning(name, a -> true) : here;
    }

    /** The shortest name an action answers to on the command line ({@code console}, {@code running-only}). */
    static String name(Action action) {
        return names(action).reduce((a, b) -> b.length() < a.length() ? b : a).orElse(action.fileName());
    }

    /**
     * Tab on the command line: what was typed, carried on as far as every name of the screen in
     * front (or, failing those, of any screen) that begins with it agrees.
     */
    static String complete(String typed, Scope screen) {
        String name = normal(typed);
        List<String> all = candidates(typed, screen);
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

    /** The screens' names, then the actions' (of {@code which}), that begin with {@code name}. */
    private static List<String> namesBeginning(String name, java.util.function.Predicate<Action> which) {
        Stream<String> actions = Arrays.stream(Action.values())
                .filter(a -> a != Action.COMMAND)
                .filter(which)
                .flatMap(Commands::names);
        return Stream.concat(SCREENS.keySet().stream(), actions)
                .filter(n -> n.startsWith(name))
                .distinct()
                .toList();
    }

    private static List<Action> matching(String name, boolean byBeginning) {
        return Arrays.stream(Action.values())
                .filter(a -> a != Action.COMMAND)
                .filter(a -> names(a).anyMatch(n -> byBeginning ? n.startsWith(name) : n.equals(name)))
                .toList();
    }

    private static Stream<String> names(Action action) {
        Stream<String> own = Stream.of(action.fileName(), normal(action.hint()));
        return action == Action.OPEN ? Stream.concat(own, Stream.of("events")) : own;
    }

    private static String normal(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
    }
}

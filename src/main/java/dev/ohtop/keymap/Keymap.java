package dev.ohtop.keymap;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys in force: which action a key does on a screen, and which keys do an action. Key
 * handling, the help screen and the footer all read it, so they cannot disagree. Immutable, so
 * any thread may read it.
 */
public final class Keymap {

    private final String source;
    private final Map<Action, List<Key>> keys;
    private final Map<Scope, Map<Key, Action>> actions;
    private final List<String> warnings;

    Keymap(String source, Map<Action, List<Key>> keys, List<String> warnings) {
        this.source = source;
        Map<Action, List<Key>> copy = new EnumMap<>(Action.class);
        Map<Scope, Map<Key, Action>> byScope = new EnumMap<>(Scope.class);
        for (Scope scope : Scope.values()) {
            byScope.put(scope, new HashMap<>());
        }
        keys.forEach((action, list) -> {
            if (!list.isEmpty()) {
                copy.put(action, List.copyOf(list));
                list.forEach(k -> byScope.get(action.scope()).put(k, action));
            }
        });
        byScope.replaceAll((scope, map) -> Map.copyOf(map));
        this.keys = copy;
        this.actions = byScope;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads a key file, or a preset when no file has that name ({@code default}, {@code vim},
     * {@code emacs}). A file lists only what it changes: without an {@code extends} line it
     * extends {@code default}.
     *
     * @throws KeymapException listing every problem found, each with its file and line
     */
    public static Keymap load(String nameOrPath) throws KeymapException {
        return KeymapLoader.load(nameOrPath);
    }

    /** The presets shipped with ohtop, for {@code --help}. */
    public static List<String> presets() {
        return KeymapLoader.PRESETS;
    }

    /** What a key does on a screen: the screen's own binding first, then the global one. */
    public Optional<Action> actionFor(Scope screen, KeyStroke stroke) {
        return Key.of(stroke).flatMap(key -> Optional.ofNullable(actions.get(screen).get(key))
                .or(() -> Optional.ofNullable(actions.get(Scope.GLOBAL).get(key))));
    }

    /** Every key bound to the action, in the order the key file lists them; empty when unbound. */
    public List<Key> keysFor(Action action) {
        return keys.getOrDefault(action, List.of());
    }

    /**
     * The keys that do the action on this screen: a global action loses the keys the screen
     * binds to something of its own.
     */
    public List<Key> keysFor(Scope screen, Action action) {
        if (action.scope() != Scope.GLOBAL && action.scope() != screen) {
            return List.of();
        }
        List<Key> effective = new ArrayList<>(keysFor(action));
        if (action.scope() == Scope.GLOBAL && screen != Scope.GLOBAL) {
            effective.removeIf(actions.get(screen)::containsKey);
        }
        return List.copyOf(effective);
    }

    /** The bound actions of one scope, in the order of {@link Action}: one section of the help screen. */
    public List<Binding> bindings(Scope scope) {
        List<Binding> list = new ArrayList<>();
        for (Action action : Action.values()) {
            if (action.scope() == scope && keys.containsKey(action)) {
                list.add(new Binding(action, keysFor(action)));
            }
        }
        return List.copyOf(list);
    }

    /** Everything a key can do on this screen: its own actions, then the global ones it leaves reachable. */
    public List<Binding> onScreen(Scope screen) {
        List<Binding> list = new ArrayList<>();
        for (Scope scope : screen == Scope.GLOBAL ? List.of(Scope.GLOBAL) : List.of(screen, Scope.GLOBAL)) {
            for (Action action : Action.values()) {
                List<Key> effective = action.scope() == scope ? keysFor(screen, action) : List.of();
                if (!effective.isEmpty()) {
                    list.add(new Binding(action, effective));
                }
            }
        }
        return List.copyOf(list);
    }

    /** The few hints the screen's footer shows, most important first; unbound actions are left out. */
    public List<Binding> footer(Scope screen) {
        List<Binding> list = new ArrayList<>();
        for (Action action : screen.footerActions()) {
            List<Key> effective = keysFor(screen, action);
            if (!effective.isEmpty()) {
                list.add(new Binding(action, effective));
            }
        }
        return List.copyOf(list);
    }

    /** Bindings that load but may not work everywhere (Ctrl+S, Ctrl+Z, a screen hiding q): for the UI to show. */
    public List<String> warnings() {
        return warnings;
    }

    /** Where the bindings came from: {@code preset vim} or the user's file path. */
    public String source() {
        return source;
    }

    /** The same keymap without the actions that change something, for {@code --readonly}. */
    public Keymap withoutChanging() {
        Map<Action, List<Key>> kept = new EnumMap<>(Action.class);
        keys.forEach((action, list) -> {
            if (!action.changesSomething()) {
                kept.put(action, list);
            }
        });
        return new Keymap(source, kept, warnings);
    }

    @Override
    public String toString() {
        return "Keymap[" + source + "]";
    }
}

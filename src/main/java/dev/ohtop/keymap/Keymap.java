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
    /** Under --readonly: the bindings taken away, so a key for one of them can be refused out loud. */
    private final Map<Action, List<Key>> refused;

    private final boolean readonly;

    Keymap(String source, Map<Action, List<Key>> keys, List<String> warnings) {
        this(source, keys, warnings, Map.of(), false);
    }

    private Keymap(
            String source,
            Map<Action, List<Key>> keys,
            List<String> warnings,
            Map<Action, List<Key>> refused,
            boolean readonly) {
        this.refused = Map.copyOf(refused);
        this.readonly = readonly;
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

    /** What a key does on a screen: the first binding along the screen's {@link Scope#chain()}. */
    public Optional<Action> actionFor(Scope screen, KeyStroke stroke) {
        Optional<Key> key = Key.of(stroke);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        for (Scope scope : screen.chain()) {
            Action action = actions.get(scope).get(key.get());
            if (action != null) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    /** Under --readonly, whether {@code action} is refused however it is asked for (a key, a command). */
    public boolean refuses(Action action) {
        return readonly && action.changesSomething();
    }

    /**
     * Under --readonly, the action a key would have done on this screen had it not been taken
     * away (so the user hears why nothing happened); empty otherwise.
     */
    public Optional<Action> refusedFor(Scope screen, KeyStroke stroke) {
        Optional<Key> key = Key.of(stroke);
        if (key.isEmpty() || refused.isEmpty() || actionFor(screen, stroke).isPresent()) {
            return Optional.empty();
        }
        return refused.entrySet().stream()
                .filter(e -> screen.chain().contains(e.getKey().scope())
                        && e.getValue().contains(key.get()))
                .map(Map.Entry::getKey)
                .findFirst();
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
        List<Scope> chain = screen.chain();
        int depth = chain.indexOf(action.scope());
        if (depth < 0) {
            return List.of();
        }
        List<Key> effective = new ArrayList<>(keysFor(action));
        for (Scope nearer : chain.subList(0, depth)) {
            effective.removeIf(actions.get(nearer)::containsKey);
        }
        return List.copyOf(effective);
    }

    /**
     * How a hint on this screen names the key for an action ("End resumes", the footer's keys): the
     * first key that does it here; when none does, the command that does ({@code :bottom}).
     */
    public String keyName(Scope screen, Action action) {
        List<Key> effective = keysFor(screen, action);
        return effective.isEmpty() ? ":" + action.fileName() : effective.get(0).display();
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
        for (Scope scope : screen.chain()) {
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

    /**
     * The same keymap without the actions that change something, for {@code --readonly}; the keys
     * of screens that only such an action opens go too, since those screens never show.
     */
    public Keymap withoutChanging() {
        Map<Action, List<Key>> kept = new EnumMap<>(Action.class);
        Map<Action, List<Key>> taken = new EnumMap<>(Action.class);
        keys.forEach((action, list) -> {
            if (action.changesSomething()) {
                taken.put(action, list);
            } else if (!action.scope().opensOnlyToChange()) {
                kept.put(action, list);
            }
        });
        return new Keymap(source, kept, warnings, taken, true);
    }

    @Override
    public String toString() {
        return "Keymap[" + source + "]";
    }
}

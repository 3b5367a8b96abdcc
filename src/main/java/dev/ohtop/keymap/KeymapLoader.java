package dev.ohtop.keymap;

import dev.ohtop.keymap.KeyFile.Entry;
import dev.ohtop.keymap.KeymapException.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a preset name or a file path into a {@link Keymap}: follows {@code extends} (a file without
 * one extends {@code default}), lays each file over its parent, and checks that no screen sees one
 * key bound to two actions.
 */
final class KeymapLoader {

    static final List<String> PRESETS = List.of("default", "vim", "emacs");
    private static final String ROOT = "default";
    private static final Pattern PRESET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Set<Action> VITAL = Set.of(Action.QUIT, Action.HELP, Action.BACK);

    /** A preset on the classpath ({@code path} null) or a file of the user's. */
    private record Source(String presetName, Path path) {
        String label() {
            return path == null ? "preset " + presetName : path.toString();
        }

        // Identity for cycle detection: the same file reached by two spellings is one file.
        String identity() {
            if (path == null) {
                return "preset:" + presetName;
            }
            try {
                return path.toRealPath().toString();
            } catch (IOException e) {
                return path.toAbsolutePath().normalize().toString();
            }
        }
    }

    /** A file laid over its parents: the bindings in force and what went wrong on the way. */
    private record Layered(Map<Action, Entry> entries, List<Problem> problems) {}

    private KeymapLoader() {}

    static Keymap load(String nameOrPath) throws KeymapException {
        Source source = userFile(nameOrPath);
        if (source == null) {
            source = preset(nameOrPath);
        }
        if (source == null) {
            throw new KeymapException(List.of(new Problem(
                    nameOrPath,
                    0,
                    "no such key file, and no preset of that name (presets: " + String.join(", ", PRESETS) + ")")));
        }
        Layered layered = layer(source, List.of());
        if (!layered.problems().isEmpty()) {
            throw new KeymapException(layered.problems());
        }
        return build(source.label(), layered.entries());
    }

    private static Keymap build(String label, Map<Action, Entry> entries) {
        Map<Action, List<Key>> keys = new EnumMap<>(Action.class);
        for (Entry e : entries.values()) {
            keys.put(e.action(), e.keys());
        }
        // Ctrl+C always quits, whatever the file says, so a user can never lock themselves in.
        List<Key> quit = new ArrayList<>(keys.getOrDefault(Action.QUIT, List.of()));
        if (!quit.contains(Key.CTRL_C)) {
            quit.add(Key.CTRL_C);
        }
        keys.put(Action.QUIT, quit);
        return new Keymap(label, keys, warnings(entries));
    }

    private static Layered layer(Source source, List<Source> chain) {
        KeyFile file;
        try {
            file = KeyFile.read(source.label(), lines(source));
        } catch (java.nio.file.AccessDeniedException e) {
            return new Layered(Map.of(), List.of(new Problem(source.label(), 0, "cannot read it: permission denied")));
        } catch (java.nio.charset.CharacterCodingException e) {
            return new Layered(Map.of(), List.of(new Problem(source.label(), 0, "cannot read it: not text (UTF-8)")));
        } catch (IOException | UncheckedIOException e) {
            return new Layered(Map.of(), List.of(new Problem(source.label(), 0, "cannot read it: " + e.getMessage())));
        }
        List<Problem> problems = new ArrayList<>(file.problems);
        Map<Action, Entry> entries = new LinkedHashMap<>();
        List<Source> deeper = new ArrayList<>(chain);
        deeper.add(source);
        String target = file.parent != null
                ? file.parent.target()
                : source.path() == null && ROOT.equals(source.presetName()) ? "none" : ROOT;
        int line = file.parent != null ? file.parent.line() : 0;
        if (!target.equals("none")) {
            Source parent = parentOf(source, target);
            if (parent == null) {
                problems.add(new Problem(
                        source.label(),
                        line,
                        "extends " + KeyFile.quoted(target) + ", which is neither a preset ("
                                + String.join(", ", PRESETS) + ") nor a file next to this one"));
            } else if (deeper.stream().anyMatch(s -> s.identity().equals(parent.identity()))) {
                problems.add(new Problem(
                        source.label(),
                        line,
                        "extends " + KeyFile.quoted(target) + ", which leads back here: " + cycle(deeper, parent)));
            } else {
                Layered inherited = layer(parent, deeper);
                problems.addAll(inherited.problems());
                entries.putAll(inherited.entries());
            }
        }
        Map<Action, Entry> own = new LinkedHashMap<>();
        for (Entry e : file.entries) {
            own.put(e.action(), e);
        }
        problems.addAll(conflicts(entries, own));
        entries.putAll(own);
        entries.values().removeIf(e -> e.keys().isEmpty());
        return new Layered(entries, problems);
    }

    /**
     * Keys bound to two actions in one scope, reported on this file's line. Inherited bindings
     * were already checked among themselves, so every conflict involves one of this file's.
     */
    private static List<Problem> conflicts(Map<Action, Entry> inherited, Map<Action, Entry> own) {
        List<Problem> problems = new ArrayList<>();
        Map<Action, Entry> merged = new LinkedHashMap<>(inherited);
        merged.keySet().removeAll(own.keySet());
        Map<Scope, Map<Key, Entry>> owners = new EnumMap<>(Scope.class);
        for (Entry e : merged.values()) {
            for (Key k : e.keys()) {
                owners.computeIfAbsent(e.action().scope(), s -> new HashMap<>()).put(k, e);
            }
        }
        for (Entry e : own.values()) {
            for (Key k : e.keys()) {
                Entry other = ownerIn(owners, e.action().scope(), k);
                owners.computeIfAbsent(e.action().scope(), s -> new HashMap<>()).putIfAbsent(k, e);
                if (other != null) {
                    problems.add(new Problem(
                            e.origin().file(),
                            e.origin().line(),
                            k.display()
                                    + " is already bound to " + KeyFile.fullName(other.action()) + " (" + other.origin()
                                    + "); bind that to another key or to none"));
                }
            }
        }
        return problems;
    }

    /** Who already has the key in this scope or in one a screen reads together with it. */
    private static Entry ownerIn(Map<Scope, Map<Key, Entry>> owners, Scope scope, Key key) {
        for (Map.Entry<Scope, Map<Key, Entry>> byScope : owners.entrySet()) {
            Entry owner = byScope.getValue().get(key);
            if (owner != null && byScope.getKey().overlaps(scope)) {
                return owner;
            }
        }
        return null;
    }

    private static List<String> warnings(Map<Action, Entry> entries) {
        List<String> warnings = new ArrayList<>();
        Map<Key, Entry> global = new HashMap<>();
        for (Entry e : entries.values()) {
            if (e.action().scope() == Scope.GLOBAL) {
                e.keys().forEach(k -> global.put(k, e));
            }
        }
        for (Entry e : entries.values()) {
            for (Key k : e.keys()) {
                k.caution().ifPresent(c -> warnings.add(e.origin() + ": " + c));
                Entry shadowed = e.action().scope() == Scope.GLOBAL ? null : global.get(k);
                if (shadowed != null && VITAL.contains(shadowed.action())) {
                    warnings.add(e.origin() + ": on the " + e.action().scope().fileName() + " screen " + k.display()
                            + " does " + KeyFile.fullName(e.action()) + ", not " + KeyFile.fullName(shadowed.action()));
                }
            }
        }
        return warnings;
    }

    private static String cycle(List<Source> chain, Source closing) {
        StringBuilder text = new StringBuilder();
        boolean inCycle = false;
        for (Source s : chain) {
            inCycle |= s.identity().equals(closing.identity());
            if (inCycle) {
                text.append(s.label()).append(" -> ");
            }
        }
        return text.append(closing.label()).toString();
    }

    /** A file next to the child's (only for files: presets cannot reach the user's disk), else a preset. */
    private static Source parentOf(Source child, String target) {
        if (child.path() != null) {
            try {
                Path sibling = child.path().resolveSibling(target);
                if (Files.isRegularFile(sibling)) {
                    return new Source(null, sibling);
                }
            } catch (InvalidPathException e) {
                // not a path: perhaps a preset
            }
        }
        return preset(target);
    }

    private static Source userFile(String nameOrPath) {
        try {
            Path path = Path.of(nameOrPath);
            return Files.isRegularFile(path) ? new Source(null, path) : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Source preset(String name) {
        if (!PRESET_NAME.matcher(name).matches() || KeymapLoader.class.getResource(resource(name)) == null) {
            return null;
        }
        return new Source(name, null);
    }

    private static String resource(String presetName) {
        return "/keymaps/" + presetName + ".keys";
    }

    private static List<String> lines(Source source) throws IOException {
        if (source.path() != null) {
            return Files.readAllLines(source.path(), StandardCharsets.UTF_8);
        }
        try (InputStream in = KeymapLoader.class.getResourceAsStream(resource(source.presetName()))) {
            if (in == null) {
                throw new IOException("missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .toList();
        }
    }
}

package dev.ohtop.keymap;

import dev.ohtop.keymap.KeymapException.Problem;
import dev.ohtop.terminal.TerminalText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One key file as written: its {@code extends} line, its bindings, and every problem found on its
 * own lines. Resolving {@code extends} and checking conflicts across files is {@link KeymapLoader}'s
 * job.
 */
final class KeyFile {

    /** Where a binding was written, for messages about it. */
    record Origin(String file, int line) {
        @Override
        public String toString() {
            return file + " line " + line;
        }
    }

    /** One {@code scope.action = keys} line; no keys means {@code none}. */
    record Entry(Action action, List<Key> keys, Origin origin) {}

    record Extends(String target, int line) {}

    /** Columns of a quoted value: the longest action name fits (34), an API key (40 and more) does not. */
    private static final int QUOTED = 36;

    private static final Pattern EXTENDS = Pattern.compile("extends\\s+(\\S.*)");

    final String name;
    final Extends parent;
    final List<Entry> entries;
    final List<Problem> problems;

    private KeyFile(String name, Extends parent, List<Entry> entries, List<Problem> problems) {
        this.name = name;
        this.parent = parent;
        this.entries = List.copyOf(entries);
        this.problems = List.copyOf(problems);
    }

    static KeyFile read(String name, List<String> lines) {
        Extends parent = null;
        List<Entry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<Action, Integer> seen = new EnumMap<>(Action.class);
        boolean started = false;
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = withoutComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher extendsLine = EXTENDS.matcher(line);
            if (extendsLine.matches()) {
                if (started) {
                    problems.add(new Problem(name, number, "`extends` must be the first line that is not a comment"));
                } else {
                    parent = new Extends(extendsLine.group(1).strip(), number);
                }
            } else {
                Entry entry = binding(name, number, line, problems);
                if (entry != null) {
                    Integer earlier = seen.putIfAbsent(entry.action(), number);
                    if (earlier != null) {
                        problems.add(new Problem(
                                name, number, fullName(entry.action()) + " is already set on line " + earlier));
                    } else {
                        entries.add(entry);
                    }
                }
            }
            started = true;
        }
        return new KeyFile(name, parent, entries, problems);
    }

    /**
     * Something the file says, as a message quotes it: inert (an escape sequence in a key file must
     * not reach the terminal) and cut, so a secret pasted by mistake is not echoed whole. Every
     * valid name and key is shorter than the cut.
     */
    static String quoted(String written) {
        return "`" + cut(written) + "`";
    }

    private static String cut(String written) {
        return TerminalText.safe(written.strip(), QUOTED);
    }

    static String fullName(Action action) {
        return action.scope().fileName() + "." + action.fileName();
    }

    // '#' always starts a comment: the '#' key is written Hash.
    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** The entry on this line, or null after adding what is wrong with it to {@code problems}. */
    private static Entry binding(String file, int number, String line, List<Problem> problems) {
        int equals = line.indexOf('=');
        String left = equals < 0 ? line : line.substring(0, equals).strip();
        String right = equals < 0 ? "" : line.substring(equals + 1).strip();
        int dot = left.indexOf('.');
        if (equals < 0 || dot < 0 || left.indexOf('.', dot + 1) >= 0 || left.contains(" ")) {
            problems.add(new Problem(file, number, "expected `scope.action = Key, Key` or `extends NAME`"));
            return null;
        }
        if (right.isEmpty()) {
            problems.add(new Problem(file, number, "no keys after `=` (write `none` to unbind " + cut(left) + ")"));
            return null;
        }
        Action action = action(left.substring(0, dot), left.substring(dot + 1), problems, file, number);
        List<Key> keys = keys(right, action, problems, file, number);
        return action == null || keys == null ? null : new Entry(action, keys, new Origin(file, number));
    }

    private static Action action(String scopeName, String actionName, List<Problem> problems, String file, int number) {
        Scope scope = Scope.fromFileName(scopeName);
        if (scope == null) {
            List<String> scopes = new ArrayList<>();
            for (Scope s : Scope.values()) {
                scopes.add(s.fileName());
            }
            problems.add(new Problem(
                    file,
                    number,
                    "unknown scope " + quoted(scopeName) + didYouMean(Spelling.closest(scopeName, scopes))
                            + "; scopes are " + String.join(", ", scopes)));
            return null;
        }
        Action action = Action.fromFileName(scope, actionName);
        if (action == null) {
            problems.add(new Problem(
                    file,
                    number,
                    "unknown action " + quoted(scopeName + "." + actionName)
                            + didYouMean(nearestAction(scopeName + "." + actionName, actionName))));
        }
        return action;
    }

    private static String nearestAction(String typed, String actionName) {
        List<String> all = new ArrayList<>();
        for (Action a : Action.values()) {
            all.add(fullName(a));
        }
        // A whole word of an action's name wins over spelling: global.follow means events.toggle-follow.
        String word = actionName.toLowerCase(Locale.ROOT);
        for (String candidate : all) {
            String name = candidate.substring(candidate.indexOf('.') + 1);
            if (name.equals(word) || List.of(name.split("-")).contains(word)) {
                return candidate;
            }
        }
        return Spelling.closest(typed, all);
    }

    private static String didYouMean(String near) {
        return near == null ? "" : " (did you mean " + near + "?)";
    }

    /** The keys listed, empty for {@code none}, or null when any is wrong. */
    private static List<Key> keys(String list, Action action, List<Problem> problems, String file, int number) {
        String[] items = list.split(",", -1);
        if (items.length == 1 && items[0].strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        Set<Key> keys = new LinkedHashSet<>();
        boolean ok = true;
        for (String item : items) {
            String notation = item.strip();
            String problem = null;
            if (notation.isEmpty()) {
                problem = "empty key in the list (write the comma key as Comma)";
            } else if (notation.equalsIgnoreCase("none")) {
                problem = "`none` unbinds and cannot be listed with keys";
            } else {
                try {
                    Key key = Key.parse(notation);
                    if (key.equals(Key.CTRL_C) && action != null && action != Action.QUIT) {
                        problem = "Ctrl+C always quits ohtop; it cannot be bound to " + fullName(action);
                    }
                    keys.add(key);
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            if (problem != null) {
                problems.add(new Problem(file, number, problem));
                ok = false;
            }
        }
        return ok ? List.copyOf(keys) : null;
    }
}

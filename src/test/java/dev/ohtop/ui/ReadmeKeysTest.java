package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.keymap.Binding;
import dev.ohtop.keymap.Key;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's keys table is the default keymap, generated, so it cannot drift from what the
 * keys do (the help screen comes from the same keymap).
 *
 * <p>To regenerate the table after changing {@code keymaps/default.keys} or an action's wording:
 * <pre>mvn -q -B test -Dtest=ReadmeKeysTest -Dohtop.writeReadme=true</pre>
 * which rewrites the part of {@code README.md} between the markers, then checks it as usual.
 */
class ReadmeKeysTest {
    static final String BEGIN = "<!-- keys:begin -->";
    static final String END = "<!-- keys:end -->";
    private static final Path README = Path.of(System.getProperty("basedir", "."), "README.md");

    /** The table: one row per binding, screen by screen in the help screen's order and names. */
    static String table(Keymap keymap) {
        StringBuilder out = new StringBuilder("| screen | keys | action |\n|---|---|---|\n");
        for (Scope scope : Scope.values()) {
            for (Binding binding : keymap.bindings(scope)) {
                out.append("| ")
                        .append(HelpView.title(scope))
                        .append(" | ")
                        .append(binding.keys().stream()
                                .map(ReadmeKeysTest::code)
                                .collect(Collectors.joining(", ")))
                        .append(" | ")
                        .append(cell(binding.action().description()))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    /** A key as inline code in a table cell: a pipe must be escaped even there, a backtick needs a longer fence. */
    private static String code(Key key) {
        String text = cell(key.display());
        return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** The README's text between the markers, without the line breaks next to them. */
    static String section(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md has " + BEGIN + " then " + END);
        return readme.substring(begin + BEGIN.length(), end).strip() + "\n";
    }

    static String withSection(String readme, String table) {
        int begin = readme.indexOf(BEGIN) + BEGIN.length();
        int end = readme.indexOf(END);
        // Blank lines around the table, so Markdown never takes it for part of the comments.
        return readme.substring(0, begin) + "\n\n" + table + "\n" + readme.substring(end);
    }

    @Test
    void theReadmeKeysTableIsTheDefaultKeymap() throws Exception {
        String table = table(Keymap.load("default"));
        String readme = Files.readString(README);
        if (Boolean.getBoolean("ohtop.writeReadme") && !section(readme).equals(table)) {
            Files.writeString(README, withSection(readme, table));
            readme = Files.readString(README);
        }
        assertEquals(
                table,
                section(readme),
                "README.md's keys table is not the default keymap; regenerate it with "
                        + "mvn -q -B test -Dtest=ReadmeKeysTest -Dohtop.writeReadme=true");
    }

    @Test
    void theTableNamesEveryScreenAndEveryKeyOfEveryBinding() throws Exception {
        Keymap keymap = Keymap.load("default");
        String table = table(keymap);
        assertTrue(table.contains("| Everywhere | `q`, `Ctrl+C` | quit ohtop |"), table);
        assertTrue(table.contains("| Everywhere | `r`, `F5` | refresh now |"), table);
        assertTrue(table.contains("| Events | `/` | search event text |"), table);
        assertTrue(table.contains("| Kind / source chooser | `Space` | tick / untick |"), table);
        long rows = table.lines().count() - 2;
        long bindings = java.util.Arrays.stream(Scope.values())
                .mapToLong(s -> keymap.bindings(s).size())
                .sum();
        assertEquals(bindings, rows);
    }
}

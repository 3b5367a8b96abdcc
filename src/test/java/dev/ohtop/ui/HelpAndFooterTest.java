package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Binding;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The help screen and the footer say what the keymap in force says, for presets and a user's own file. */
class HelpAndFooterTest {

    /** A terminal tall enough to show the whole help at once. */
    private static VirtualOhtop tall(Keymap keys) throws Exception {
        return VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().size(120, 100).keys(keys));
    }

    /** The help's sections as shown: title, then the key lines under it, up to a blank line. */
    private static List<List<String>> sections(VirtualOhtop ohtop) {
        List<List<String>> sections = new ArrayList<>();
        List<String> current = null;
        List<String> lines = ohtop.lines();
        for (int row = 1; row < lines.size() - 2; row++) {
            String line = lines.get(row).stripTrailing();
            if (line.isEmpty()) {
                current = null;
            } else if (current == null) {
                current = new ArrayList<>();
                current.add(line.strip());
                sections.add(current);
            } else {
                current.add(line);
            }
        }
        return sections;
    }

    private static List<String> section(VirtualOhtop ohtop, String title) {
        return sections(ohtop).stream()
                .filter(s -> s.get(0).equals(title))
                .findFirst()
                .orElseGet(() -> fail("no section \"" + title + "\" in the help:\n" + ohtop.text()));
    }

    /** Each key line shows all of a binding's keys, then its description, in the keymap's order. */
    private static void assertSectionIs(List<Binding> bindings, List<String> section, String what) {
        List<String> keyLines = section.subList(1, section.size());
        assertEquals(bindings.size(), keyLines.size(), what + ": one line per binding\n" + String.join("\n", section));
        for (int i = 0; i < bindings.size(); i++) {
            Binding b = bindings.get(i);
            Pattern line = Pattern.compile("^ +" + Pattern.quote(b.keysText()) + " {2,}"
                    + Pattern.quote(b.action().description()) + "$");
            assertTrue(
                    line.matcher(keyLines.get(i)).matches(),
                    what + ": expected " + b.keysText() + " then \""
                            + b.action().description() + "\" but the line is\n" + keyLines.get(i));
        }
    }

    private static void assertHelpMatches(VirtualOhtop ohtop, Keymap keys, Scope over) {
        ohtop.press(Action.HELP).untilShows("help (preset");
        List<List<String>> sections = sections(ohtop);
        assertEquals(HelpView.title(over), sections.get(0).get(0), "the screen's own keys come first");
        assertSectionIs(keys.onScreen(over), sections.get(0), HelpView.title(over) + " (" + keys.source() + ")");
        for (Scope scope : Scope.values()) {
            if (!over.chain().contains(scope)
                    && scope != Scope.GLOBAL
                    && !keys.bindings(scope).isEmpty()) {
                assertSectionIs(
                        keys.bindings(scope),
                        section(ohtop, HelpView.title(scope)),
                        HelpView.title(scope) + " (" + keys.source() + ")");
            }
        }
        ohtop.press(Action.BACK).until("help closed", o -> !o.header().contains("help ("));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "vim", "emacs"})
    void helpOnEveryScreenListsEveryBindingOfTheKeymapWithAllItsKeys(String preset) throws Exception {
        Keymap keys = VirtualOhtop.keymap(preset);
        try (VirtualOhtop ohtop = tall(keys)) {
            ohtop.untilShows("30 total");
            assertHelpMatches(ohtop, keys, Scope.CONVERSATIONS);

            ohtop.press(Action.OPEN).until("the events, all fetched", VirtualOhtop::eventsCaughtUp);
            assertHelpMatches(ohtop, keys, Scope.EVENTS);

            ohtop.press(Action.FILTER_KINDS).untilShows("Choose kinds");
            assertHelpMatches(ohtop, keys, Scope.CHECKLIST);
            ohtop.press(Action.BACK).until("the events", o -> o.header().contains("events of"));

            ohtop.press(Action.SHOW_DETAIL).untilShows("raw JSON");
            assertHelpMatches(ohtop, keys, Scope.DETAIL);
        }
    }

    @Test
    void helpShowsTheKeymapsSourceAndClosesWithItsOwnKey() throws Exception {
        Keymap keys = VirtualOhtop.keymap("vim");
        try (VirtualOhtop ohtop = tall(keys)) {
            ohtop.untilShows("30 total").press(Action.HELP).untilShows("help (preset vim)");
            ohtop.press(Action.HELP).untilShows("30 total");
            assertFalse(ohtop.header().contains("help ("));
        }
    }

    /** What the footer should say on a screen: the keymap's hints, first key and a word or two each. */
    private static String footerFor(Keymap keys, Scope scope, Action... notOffered) {
        return keys.footer(scope).stream()
                .filter(b -> !java.util.List.of(notOffered).contains(b.action()))
                .map(b -> b.keys().get(0).display() + " " + b.action().hint())
                .collect(Collectors.joining("  "));
    }

    @Test
    void aNarrowFooterDropsHintsButNeverTheWayOut() throws Exception {
        try (VirtualOhtop ohtop =
                VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().size(60, 24))) {
            ohtop.untilShows("30 total");
            assertTrue(ohtop.footer().startsWith(" Enter open"), ohtop.footer());
            assertTrue(ohtop.footer().stripTrailing().endsWith("? help  q quit"), ohtop.footer());
            assertFalse(
                    ohtop.footer().contains("S sandboxes"), "the least important hints go first: " + ohtop.footer());
            ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
            assertTrue(ohtop.footer().stripTrailing().endsWith("Esc back  ? help"), ohtop.footer());
        }
    }

    @Test
    void footerHintsComeFromTheKeymapOnEveryScreen() throws Exception {
        Keymap keys = VirtualOhtop.keymap("default");
        // Wide enough for every hint: what a narrower footer drops is the next test's business.
        try (VirtualOhtop ohtop =
                VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().size(180, 40))) {
            ohtop.untilShows("30 total");
            assertEquals(footerFor(keys, Scope.CONVERSATIONS), ohtop.footer().strip());
            ohtop.press(KeyType.Enter).until("the events, all fetched", VirtualOhtop::eventsCaughtUp);
            // approve and reject only while the agent waits for confirmation, which this one does not
            assertEquals(
                    footerFor(keys, Scope.EVENTS, Action.APPROVE, Action.REJECT),
                    ohtop.footer().strip());
            ohtop.type("k").untilShows("Choose kinds");
            assertEquals(footerFor(keys, Scope.CHECKLIST), ohtop.footer().strip());
            ohtop.press(KeyType.Escape).press(KeyType.Enter).untilShows("raw JSON");
            assertEquals(footerFor(keys, Scope.DETAIL), ohtop.footer().strip());
            ohtop.type("?").untilShows("help (");
            assertEquals(footerFor(keys, Scope.HELP), ohtop.footer().strip());
        }
    }

    @Test
    void aBindingChangedInTheUsersKeyFileChangesTheFooterAndTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.keys");
        Files.writeString(file, """
                # only what I want different
                conversations.toggle-running-only = R
                global.help = F2
                events.toggle-follow = F
                """);
        Keymap keys = Keymap.load(file.toString());
        try (VirtualOhtop ohtop =
                VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().keys(keys))) {
            ohtop.untilShows("30 total");
            String footer = ohtop.footer();
            assertTrue(footer.contains("R running only"), footer);
            assertTrue(footer.contains("F2 help"), footer);
            assertFalse(footer.contains("a running only") || footer.contains("? help"), footer);

            ohtop.type("a").settle();
            assertFalse(ohtop.shows("running only:"), "a does nothing now");
            ohtop.type("R").untilShows("[running only: 3 shown]");

            ohtop.press(KeyType.Enter).until("the events, all fetched", VirtualOhtop::eventsCaughtUp);
            assertTrue(ohtop.footer().contains("F follow"), ohtop.footer());
            ohtop.type("F").untilShows("not following");

            ohtop.press(KeyType.F2).untilShows("help (" + file);
            assertTrue(
                    ohtop.shows("F                  follow new events on/off")
                            || ohtop.text().matches("(?s).*\\n +F +follow new events on/off.*"),
                    ohtop.text());
        }
    }
}

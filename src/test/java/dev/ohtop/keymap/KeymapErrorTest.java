package dev.ohtop.keymap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.keymap.KeymapException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeymapErrorTest {

    @TempDir
    Path dir;

    Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    List<Problem> problemsLoading(Path path) {
        return assertThrows(KeymapException.class, () -> Keymap.load(path.toString()))
                .problems();
    }

    Problem onlyProblem(String... lines) throws IOException {
        Path mine = file("mine.keys", lines);
        List<Problem> problems = problemsLoading(mine);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(mine.toString(), problems.get(0).file());
        return problems.get(0);
    }

    @Test
    void everyMistakeInAFileIsReportedAtOnceWithItsLine() throws IOException {
        Path mine = file(
                "mine.keys",
                "# my keys",
                "evnts.toggle-follow = F",
                "events.toggle-folow = F",
                "global.refresh = PgDown",
                "global.refresh = Ctrl+H",
                "global.help ?",
                "events.search = Ctrl+C",
                "global.help = F1",
                "global.help = ?");
        KeymapException e = assertThrows(KeymapException.class, () -> Keymap.load(mine.toString()));

        assertEquals(
                List.of(2, 3, 4, 5, 6, 7, 9),
                e.problems().stream().map(Problem::line).toList());
        assertEquals(
                String.join(
                        "\n",
                        mine + " line 2: unknown scope `evnts` (did you mean events?);"
                                + " scopes are global, conversation, conversations, events, detail, help, checklist, console, transfer, sandboxes, compose",
                        mine + " line 3: unknown action `events.toggle-folow` (did you mean events.toggle-follow?)",
                        mine + " line 4: unknown key `PgDown` (did you mean PageDown?)",
                        mine + " line 5: terminals cannot deliver `Ctrl+H`: it arrives as Backspace",
                        mine + " line 6: expected `scope.action = Key, Key` or `extends NAME`",
                        mine + " line 7: Ctrl+C always quits ohtop; it cannot be bound to events.search",
                        mine + " line 9: global.help is already set on line 8"),
                e.getMessage());
    }

    @Test
    void anActionInTheWrongScopeSuggestsTheRightOne() throws IOException {
        Problem p = onlyProblem("global.follow = F");
        assertEquals("unknown action `global.follow` (did you mean events.toggle-follow?)", p.message());
    }

    @Test
    void aKeyBoundTwiceOnOneScreenNamesBothBindings() throws IOException {
        Problem p = onlyProblem("", "events.toggle-follow = k");
        assertEquals(2, p.line());
        assertTrue(
                p.message().startsWith("k is already bound to events.filter-kinds (preset default line "), p.message());
    }

    @Test
    void twoActionsOfOneFileOnTheSameKeyAreAConflictOnTheLaterLine() throws IOException {
        Path mine = file("mine.keys", "extends none", "events.toggle-follow = x", "events.search = y, x");
        Problem p = problemsLoading(mine).get(0);
        assertEquals(3, p.line());
        assertEquals(
                "x is already bound to events.toggle-follow (" + mine + " line 2); bind that to another key or to none",
                p.message());
    }

    @Test
    void aKeyOfTheSelectedConversationCannotAlsoDoSomethingOnTheEventsScreen() throws IOException {
        // The events screen reads its own keys and the selected conversation's: b would do two things there.
        Problem p = onlyProblem("", "events.toggle-follow = b");
        assertTrue(
                p.message().startsWith("b is already bound to conversation.open-console (preset default line "),
                p.message());
    }

    @Test
    void theSameKeyInTwoScreensIsNoConflict() throws IOException, KeymapException {
        Keymap keys = Keymap.load(file("mine.keys", "detail.jump-to-pair = v", "events.jump-to-pair = v")
                .toString());
        assertEquals(List.of(Key.of('v')), keys.keysFor(Action.JUMP_TO_PAIR));
    }

    @Test
    void anUndeliverableCombinationIsRefusedWithTheReason() throws IOException {
        assertEquals(
                "terminals cannot deliver `Ctrl+M`: it arrives as Enter",
                onlyProblem("events.show-detail = Ctrl+M").message());
        assertEquals(
                "terminals cannot deliver `Shift+F5`: terminals do not send modifiers with F5 reliably"
                        + " (only Shift+Tab is); bind the plain key or a letter",
                onlyProblem("global.refresh = Shift+F5").message());
    }

    @Test
    void badListSyntaxIsReported() throws IOException {
        assertEquals(
                "no keys after `=` (write `none` to unbind global.refresh)",
                onlyProblem("global.refresh =").message());
        assertEquals(
                "empty key in the list (write the comma key as Comma)",
                onlyProblem("global.refresh = r,,F5").message());
        assertEquals(
                "`none` unbinds and cannot be listed with keys",
                onlyProblem("global.refresh = r, none").message());
        assertEquals(
                "`extends` must be the first line that is not a comment",
                onlyProblem("global.refresh = r", "extends vim").message());
    }

    @Test
    void aMissingExtendsTargetIsReportedOnItsLine() throws IOException {
        Problem p = onlyProblem("# mine", "extends vimm");
        assertEquals(2, p.line());
        assertEquals(
                "extends `vimm`, which is neither a preset (default, vim, emacs) nor a file next to this one",
                p.message());
    }

    @Test
    void anExtendsCycleIsReported() throws IOException {
        Path a = file("a.keys", "extends b.keys");
        Path b = file("b.keys", "extends a.keys");
        List<Problem> problems = problemsLoading(a);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(
                new Problem(b.toString(), 1, "extends `a.keys`, which leads back here: " + a + " -> " + b + " -> " + a),
                problems.get(0));
    }

    @Test
    void mistakesInTheExtendedFileAreReportedWithThatFilesName() throws IOException {
        Path base = file("base.keys", "global.refresh = Ctrl+1");
        Path mine = file("mine.keys", "extends base.keys", "global.help = ??");
        List<Problem> problems = problemsLoading(mine);
        assertEquals(
                List.of(base + " line 1", mine + " line 2"),
                problems.stream()
                        .map(p -> p.file() + " line " + p.line())
                        .sorted()
                        .toList());
    }

    @Test
    void anUnknownPresetOrMissingFileSaysWhatExists() {
        KeymapException e = assertThrows(KeymapException.class, () -> Keymap.load("vi"));
        assertEquals("vi: no such key file, and no preset of that name (presets: default, vim, emacs)", e.getMessage());
        assertThrows(KeymapException.class, () -> Keymap.load("../keymaps/default"));
    }
}

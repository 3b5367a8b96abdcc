package dev.ohtop.keymap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.DefaultKeyDecodingProfile;
import com.googlecode.lanterna.input.InputDecoder;
import com.googlecode.lanterna.input.KeyStroke;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeymapTest {

    @TempDir
    Path dir;

    /** What Lanterna makes of the bytes a terminal sends for a key press. */
    static KeyStroke typed(String bytes) {
        InputDecoder decoder = new InputDecoder(new StringReader(bytes));
        decoder.addProfile(new DefaultKeyDecodingProfile());
        try {
            return decoder.getNextCharacter(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void defaultKeysResolveWhatATerminalSends() throws KeymapException {
        Keymap keys = Keymap.load("default");
        assertEquals(Optional.of(Action.QUIT), keys.actionFor(Scope.CONVERSATIONS, typed("q")));
        assertEquals(Optional.of(Action.QUIT), keys.actionFor(Scope.EVENTS, typed("\u0003")));
        assertEquals(Optional.of(Action.HELP), keys.actionFor(Scope.DETAIL, typed("?")));
        assertEquals(Optional.of(Action.HELP), keys.actionFor(Scope.DETAIL, typed("\u001bOP")));
        assertEquals(Optional.of(Action.BACK), keys.actionFor(Scope.EVENTS, typed("\u001b")));
        assertEquals(Optional.of(Action.OPEN), keys.actionFor(Scope.CONVERSATIONS, typed("\n")));
        assertEquals(Optional.of(Action.SHOW_DETAIL), keys.actionFor(Scope.EVENTS, typed("\n")));
        assertEquals(Optional.of(Action.CHECK_APPLY), keys.actionFor(Scope.CHECKLIST, typed("\n")));
        assertEquals(Optional.of(Action.REFRESH), keys.actionFor(Scope.CONVERSATIONS, typed("\u001b[15~")));
        assertEquals(Optional.of(Action.DOWN), keys.actionFor(Scope.EVENTS, typed("\u001b[B")));
        assertEquals(Optional.of(Action.UP), keys.actionFor(Scope.EVENTS, typed("\u001bOA")));
        assertEquals(Optional.of(Action.PAGE_DOWN), keys.actionFor(Scope.EVENTS, typed("\u001b[6~")));
        assertEquals(Optional.of(Action.BOTTOM), keys.actionFor(Scope.EVENTS, typed("\u001b[F")));
        assertEquals(Optional.of(Action.PREVIOUS_MATCH), keys.actionFor(Scope.EVENTS, typed("N")));
        assertEquals(Optional.of(Action.NEXT_MATCH), keys.actionFor(Scope.EVENTS, typed("n")));
        assertEquals(Optional.of(Action.CHECK_NONE), keys.actionFor(Scope.CHECKLIST, typed("n")));
        assertEquals(Optional.of(Action.CHECK_TOGGLE), keys.actionFor(Scope.CHECKLIST, typed(" ")));
        assertEquals(Optional.empty(), keys.actionFor(Scope.CONVERSATIONS, typed("x")));
        // both screens that have a selected conversation reach its actions
        assertEquals(Optional.of(Action.OPEN_CONSOLE), keys.actionFor(Scope.CONVERSATIONS, typed("b")));
        assertEquals(Optional.of(Action.OPEN_CONSOLE), keys.actionFor(Scope.EVENTS, typed("b")));
        assertEquals(Optional.empty(), keys.actionFor(Scope.DETAIL, typed("b")));
        assertEquals(Optional.empty(), keys.actionFor(Scope.CONVERSATIONS, typed("\u0012")));
    }

    @Test
    void vimKeysResolveCtrlAndLetterStrokes() throws KeymapException {
        Keymap keys = Keymap.load("vim");
        assertEquals(Optional.of(Action.UP), keys.actionFor(Scope.EVENTS, typed("k")));
        assertEquals(Optional.of(Action.FILTER_KINDS), keys.actionFor(Scope.EVENTS, typed("K")));
        assertEquals(Optional.of(Action.PAGE_DOWN), keys.actionFor(Scope.EVENTS, typed("\u0006")));
        assertEquals(Optional.of(Action.PAGE_UP), keys.actionFor(Scope.EVENTS, typed("\u0015")));
        assertEquals(Optional.of(Action.BOTTOM), keys.actionFor(Scope.CHECKLIST, typed("G")));
        assertEquals(Optional.of(Action.TOP), keys.actionFor(Scope.CHECKLIST, typed("g")));
    }

    @Test
    void emacsKeysResolveAltStrokes() throws KeymapException {
        Keymap keys = Keymap.load("emacs");
        assertEquals(Optional.of(Action.PAGE_UP), keys.actionFor(Scope.EVENTS, typed("\u001bv")));
        assertEquals(Optional.of(Action.PAGE_DOWN), keys.actionFor(Scope.EVENTS, typed("\u0016")));
        assertEquals(Optional.of(Action.TOP), keys.actionFor(Scope.EVENTS, typed("\u001b<")));
        assertEquals(Optional.of(Action.BOTTOM), keys.actionFor(Scope.EVENTS, typed("\u001b>")));
        assertEquals(Optional.of(Action.BACK), keys.actionFor(Scope.DETAIL, typed("\u0007")));
        assertEquals(Optional.of(Action.SEARCH), keys.actionFor(Scope.EVENTS, typed("\u001bs")));
        assertEquals(Optional.empty(), keys.actionFor(Scope.EVENTS, typed("v")));
    }

    @Test
    void shiftTabFromTheTerminalResolvesItsBinding() throws IOException, KeymapException {
        Keymap keys = Keymap.load(
                file("mine.keys", "checklist.check-none = Shift+Tab").toString());
        assertEquals(Optional.of(Action.CHECK_NONE), keys.actionFor(Scope.CHECKLIST, typed("\u001b[Z")));
        assertEquals(Optional.empty(), keys.actionFor(Scope.CHECKLIST, typed("\t")));
    }

    @Test
    void aScreenBindingShadowsTheGlobalOneOnThatScreenOnly() throws IOException, KeymapException {
        Keymap keys = Keymap.load(file("mine.keys", "events.toggle-follow = r").toString());
        assertEquals(Optional.of(Action.TOGGLE_FOLLOW), keys.actionFor(Scope.EVENTS, typed("r")));
        assertEquals(Optional.of(Action.REFRESH), keys.actionFor(Scope.CONVERSATIONS, typed("r")));
        assertEquals(List.of(Key.parse("F5")), keys.keysFor(Scope.EVENTS, Action.REFRESH));
        assertEquals(List.of(Key.parse("r"), Key.parse("F5")), keys.keysFor(Action.REFRESH));
        assertEquals(List.of(), keys.warnings());
    }

    @Test
    void aScreenHidingQuitHelpOrBackIsWarnedAbout() throws IOException, KeymapException {
        Path mine = file("mine.keys", "# mine", "events.toggle-follow = q");
        Keymap keys = Keymap.load(mine.toString());
        assertEquals(Optional.of(Action.TOGGLE_FOLLOW), keys.actionFor(Scope.EVENTS, typed("q")));
        assertEquals(
                List.of(mine + " line 2: on the events screen q does events.toggle-follow, not global.quit"),
                keys.warnings());
    }

    @Test
    void aUserFileOverridesOnlyWhatItListsAndNoneUnbinds() throws IOException, KeymapException {
        Path mine = file(
                "mine.keys", "events.toggle-follow = F   # capital, so f is free", "conversations.clear-filter = none");
        Keymap keys = Keymap.load(mine.toString());
        Keymap defaults = Keymap.load("default");

        assertEquals(List.of(Key.parse("F")), keys.keysFor(Action.TOGGLE_FOLLOW));
        assertEquals(Optional.empty(), keys.actionFor(Scope.EVENTS, typed("f")));
        assertEquals(List.of(), keys.keysFor(Action.CLEAR_FILTER));
        for (Action action : Action.values()) {
            if (action != Action.TOGGLE_FOLLOW && action != Action.CLEAR_FILTER) {
                assertEquals(defaults.keysFor(action), keys.keysFor(action), action.toString());
            }
        }
        assertEquals(mine.toString(), keys.source());
    }

    @Test
    void aUserFileCanBuildOnAnotherPresetOrOnAFileNextToIt() throws IOException, KeymapException {
        file("base.keys", "extends vim", "global.refresh = Ctrl+R");
        Keymap keys = Keymap.load(
                file("mine.keys", "extends base.keys", "global.top = none").toString());
        assertEquals(Optional.of(Action.REFRESH), keys.actionFor(Scope.EVENTS, typed("\u0012")));
        assertEquals(Optional.of(Action.DOWN), keys.actionFor(Scope.EVENTS, typed("j")));
        assertEquals(List.of(), keys.keysFor(Action.TOP));
    }

    @Test
    void ctrlCQuitsEvenWhenQuitIsUnbound() throws IOException, KeymapException {
        Keymap keys = Keymap.load(file("mine.keys", "global.quit = none").toString());
        assertEquals(Optional.of(Action.QUIT), keys.actionFor(Scope.DETAIL, typed("\u0003")));
        assertEquals(List.of(Key.CTRL_C), keys.keysFor(Action.QUIT));
    }

    @Test
    void ctrlZLoadsWithAWarningAndCtrlSWithout() throws IOException, KeymapException {
        Path mine = file("mine.keys", "events.search = Ctrl+S, /\nevents.toggle-follow = Ctrl+Z, f");
        Keymap keys = Keymap.load(mine.toString());
        assertEquals(Optional.of(Action.SEARCH), keys.actionFor(Scope.EVENTS, typed("\u0013")));
        assertEquals(1, keys.warnings().size(), keys.warnings().toString());
        assertTrue(
                keys.warnings().get(0).startsWith(mine + " line 2: Ctrl+Z is kept by ohtop"),
                keys.warnings().get(0));
    }

    @Test
    void theHelpScreenListsEachScopeInTheOrderOfTheActions() throws KeymapException {
        Keymap keys = Keymap.load("default");
        List<Binding> global = keys.bindings(Scope.GLOBAL);
        assertEquals(Action.QUIT, global.get(0).action());
        assertEquals("q, Ctrl+C", global.get(0).keysText());
        assertEquals("r, F5", global.get(3).keysText());
        assertEquals(List.of(), keys.bindings(Scope.HELP));
        assertEquals(Action.SHOW_DETAIL, keys.onScreen(Scope.EVENTS).get(0).action());
        assertEquals(Action.QUIT, keys.onScreen(Scope.HELP).get(0).action());
    }

    @Test
    void theFooterShowsTheScreensMostImportantKeysFirst() throws KeymapException {
        List<Binding> footer = Keymap.load("default").footer(Scope.CONVERSATIONS);
        assertEquals(
                List.of("Enter open the conversation's events", "/ filter by title, repo or id"),
                footer.subList(0, 2).stream()
                        .map(b -> b.keysText() + " " + b.action().description())
                        .toList());
    }

    @Test
    void readOnlyKeepsEveryActionThatChangesNothingOnAScreenItCanOpen() throws KeymapException {
        Keymap keys = Keymap.load("default");
        Keymap readOnly = keys.withoutChanging();
        for (Action action : Action.values()) {
            boolean kept = !action.changesSomething() && !action.scope().opensOnlyToChange();
            assertEquals(kept ? keys.keysFor(action) : List.of(), readOnly.keysFor(action), action.name());
        }
        assertEquals(List.of(), readOnly.bindings(Scope.CONSOLE));
        assertFalse(readOnly.bindings(Scope.TRANSFER).isEmpty(), "a download opens the transfer screen");
    }
}

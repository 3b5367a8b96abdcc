package dev.ohtop.keymap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PresetTest {

    static List<String> presets() {
        return Keymap.presets();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void presetLoadsWithoutErrorsOrWarnings(String preset) throws KeymapException {
        Keymap keymap = Keymap.load(preset);
        assertEquals("preset " + preset, keymap.source());
        assertEquals(List.of(), keymap.warnings());
    }

    @ParameterizedTest
    @MethodSource("presets")
    void everyActionIsBoundInThePreset(String preset) throws KeymapException {
        Keymap keymap = Keymap.load(preset);
        List<Action> unbound = new ArrayList<>();
        for (Action action : Action.values()) {
            if (keymap.keysFor(action).isEmpty()) {
                unbound.add(action);
            }
        }
        assertEquals(List.of(), unbound);
    }

    @ParameterizedTest
    @MethodSource("presets")
    void noScreenHidesAGlobalKey(String preset) throws KeymapException {
        // e.g. vim's k moves up everywhere, so the events screen must not keep k for the kinds chooser
        Keymap keymap = Keymap.load(preset);
        List<String> hidden = new ArrayList<>();
        for (Scope screen : Scope.values()) {
            for (Action action : Action.values()) {
                if (action.scope() == Scope.GLOBAL
                        && !keymap.keysFor(screen, action).equals(keymap.keysFor(action))) {
                    hidden.add(action + " on " + screen);
                }
            }
        }
        assertEquals(List.of(), hidden);
    }

    @ParameterizedTest
    @MethodSource("presets")
    void everyScreenHasAFooterThatEndsInAWayOut(String preset) throws KeymapException {
        Keymap keymap = Keymap.load(preset);
        for (Scope screen : Scope.values()) {
            List<Binding> footer = keymap.footer(screen);
            assertFalse(footer.isEmpty(), screen.toString());
            assertEquals(screen.footerActions().size(), footer.size(), screen.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("presets")
    void aPresetNamedByItsFileNameIsTheSamePreset(String preset) throws KeymapException {
        // Users copy from the repo's keymaps/ folder: loading that file must give the same keys.
        Keymap fromFile = Keymap.load("keymaps/" + preset + ".keys");
        Keymap fromJar = Keymap.load(preset);
        for (Action action : Action.values()) {
            assertEquals(fromJar.keysFor(action), fromFile.keysFor(action), action.toString());
        }
        assertTrue(fromFile.source().endsWith(preset + ".keys"));
    }
}

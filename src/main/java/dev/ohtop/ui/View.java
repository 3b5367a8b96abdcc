package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;

import java.time.Instant;

/**
 * One screen. It draws the state it reads (only the rows that fit) and turns actions into
 * calls on the monitor; it never blocks the UI thread.
 */
public interface View {
    /** Which key bindings apply. */
    Scope scope();

    /** Words for the header breadcrumb. */
    String title();

    void draw(Canvas canvas, Instant now);

    /** Handles an action from the keymap. */
    Step on(Action action);

    /** Raw keys first (text entry): {@link Step#PASS} leaves the key to the keymap. */
    default Step onKey(KeyStroke key) {
        return Step.PASS;
    }

    /** The screen became visible (start or resume its pollers). */
    default void shown() {
    }

    /** The screen is no longer visible (pause its pollers). */
    default void hidden() {
    }

    /** Left for good: release what it holds. */
    default void closed() {
    }

    /** What the app does after an action. */
    sealed interface Step {
        Step STAY = new Stay();
        Step BACK = new Back();
        Step QUIT = new Quit();
        /** Only from {@link #onKey}: not consumed, let the keymap have the key. */
        Step PASS = new Pass();

        record Stay() implements Step {}

        record Back() implements Step {}

        record Quit() implements Step {}

        record Pass() implements Step {}

        record Open(View view) implements Step {}

        /** A message for the status line (e.g. "refused: read-only"). */
        record Flash(String message) implements Step {}
    }
}

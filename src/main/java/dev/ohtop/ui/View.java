package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.terminal.Canvas;
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

    /**
     * When a frame drawn at {@code drawnAt} would first look different with the clock alone, other
     * things unchanged (an age on screen ticks each second): the app draws no frame for the clock
     * before then. Asked right after each frame.
     */
    default Instant changesBy(Instant drawnAt) {
        return drawnAt.plusSeconds(1);
    }

    /** Handles an action from the keymap. */
    Step on(Action action);

    /** Whether the action does anything on this screen as it is: the footer hints only those. */
    default boolean offers(Action action) {
        return true;
    }

    /** Raw keys first (text entry): {@link Step#PASS} leaves the key to the keymap. */
    default Step onKey(KeyStroke key) {
        return Step.PASS;
    }

    /**
     * Ctrl+C was pressed. Where the user types or waits, the screen does what a shell does (drops
     * the line being typed, stops the wait, says no to a question) and says it in a few words
     * ("line dropped"); the app then tells how to quit. Null when there is nothing of the kind
     * here: then Ctrl+C quits ohtop, as everywhere else.
     */
    default String interrupt() {
        return null;
    }

    /**
     * Asked after every event on the UI thread: a screen may move on by itself when its work ends
     * (a new conversation became READY and its events open). {@link Step#STAY} to stay.
     */
    default Step next() {
        return Step.STAY;
    }

    /**
     * Whether the screen shows what it is for (a list loaded, or why it could not be): the first
     * frame drawn so is the launch time a user feels, and what the benchmark reads.
     */
    default boolean complete() {
        return true;
    }

    /** The screen became visible (start or resume its pollers). */
    default void shown() {}

    /** The screen is no longer visible (pause its pollers). */
    default void hidden() {}

    /** Left for good: release what it holds. */
    default void closed() {}

    /** What the app does after an action. */
    sealed interface Step {
        Step STAY = new Stay();
        Step BACK = new Back();
        Step QUIT = new Quit();
        /** Only from {@link #onKey}: not consumed, let the keymap have the key. */
        Step PASS = new Pass();
        /**
         * From {@link #on}: the screen used the action, and its global meaning must not apply (Esc
         * asked "discard this draft?" instead of leaving). {@link #STAY} lets QUIT, BACK and HELP
         * do what they do everywhere.
         */
        Step HANDLED = new Handled();

        record Stay() implements Step {}

        record Back() implements Step {}

        record Quit() implements Step {}

        record Pass() implements Step {}

        record Handled() implements Step {}

        record Open(View view) implements Step {}

        /** This screen is done and another takes its place (a new conversation's form -> its events). */
        record Replace(View view) implements Step {}

        /** This screen's work is done: close it and say so on the status line ("message sent"). */
        record Done(String message) implements Step {}

        /** A message for the status line (e.g. "refused: read-only"). */
        record Flash(String message) implements Step {}
    }
}

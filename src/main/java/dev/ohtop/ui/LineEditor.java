package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;

/**
 * A one-line text entry (the {@code /} filter, the search): printable characters, Backspace,
 * Ctrl+U to clear, Enter to accept, Esc to cancel. It takes raw keys before the keymap does.
 */
final class LineEditor {
    enum Result {
        EDITING,
        ACCEPTED,
        CANCELLED,
        IGNORED
    }

    /** The key that cancels an entry: Ctrl+C on a typed line feeds it, so dropping the line is what Esc does. */
    static final KeyStroke CANCEL = new KeyStroke(KeyType.Escape);

    private final TextField field = new TextField("", false);
    private final String prompt;

    LineEditor(String prompt, String initial) {
        this.prompt = prompt;
        field.set(initial == null ? "" : initial);
    }

    Result on(KeyStroke key) {
        if (key.getKeyType() == KeyType.Escape) {
            return Result.CANCELLED;
        }
        return switch (field.on(key)) {
            case ENTER -> Result.ACCEPTED;
            case EDITED -> Result.EDITING;
            case IGNORED -> Result.IGNORED;
        };
    }

    String text() {
        return field.text();
    }

    /**
     * Feeds a key and reports the text as it should apply: the typed text while editing or once
     * accepted, empty once cancelled (the filter or search is dropped). Returns what happened.
     */
    Result feed(KeyStroke key, java.util.function.Consumer<String> apply) {
        Result result = on(key);
        switch (result) {
            case EDITING, ACCEPTED -> apply.accept(text());
            case CANCELLED -> apply.accept("");
            case IGNORED -> {}
        }
        return result;
    }

    /** Whether the entry is over (accepted or cancelled), so the view can close it. */
    static boolean closes(Result result) {
        return result == Result.ACCEPTED || result == Result.CANCELLED;
    }

    void draw(Canvas row) {
        draw(row, null);
    }

    /** The entry, then {@code note} after the cursor (Tab's choices on the command line), dimmed. */
    void draw(Canvas row, String note) {
        row.bar(0, "", Style.NORMAL);
        int column = row.text(0, 0, prompt, Theme.TITLE);
        column = row.text(column, 0, field.text(), Style.NORMAL);
        column = row.text(column, 0, "█", Style.NORMAL);
        if (note != null) {
            row.text(column + 2, 0, note, Theme.DIM);
        }
    }
}

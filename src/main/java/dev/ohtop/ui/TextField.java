package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.terminal.Wrap;
import java.util.List;

/**
 * One field of a form: printable characters, Backspace, Ctrl+U to clear. A multi-line field (a
 * task for the agent) takes Enter as a new line; a single-line one reports it, so the form can
 * move on. Keys it does not use (Tab, Esc, Ctrl+D...) are left to the keymap.
 */
final class TextField {
    enum Result {
        EDITED,
        ENTER,
        IGNORED
    }

    private final String label;
    private final boolean multiLine;
    private final StringBuilder text = new StringBuilder();

    TextField(String label, boolean multiLine) {
        this.label = label;
        this.multiLine = multiLine;
    }

    String label() {
        return label;
    }

    boolean multiLine() {
        return multiLine;
    }

    String text() {
        return text.toString();
    }

    void set(String value) {
        text.setLength(0);
        text.append(value);
    }

    boolean isBlank() {
        return text.toString().isBlank();
    }

    Result on(KeyStroke key) {
        switch (key.getKeyType()) {
            case Enter -> {
                if (!multiLine) {
                    return Result.ENTER;
                }
                text.append('\n');
                return Result.EDITED;
            }
            case Backspace -> {
                if (text.length() > 0) {
                    text.deleteCharAt(text.length() - 1);
                }
                return Result.EDITED;
            }
            case Character -> {
                if (key.isCtrlDown() && key.getCharacter() == 'u') {
                    text.setLength(0);
                    return Result.EDITED;
                }
                if (key.isCtrlDown() || key.isAltDown() || Character.isISOControl(key.getCharacter())) {
                    return Result.IGNORED;
                }
                text.append(key.getCharacter());
                return Result.EDITED;
            }
            default -> {
                return Result.IGNORED;
            }
        }
    }

    /**
     * The text as rows of at most {@code width} columns, wrapped at words, the cursor block at the end
     * of the last one. A long text keeps its end in view: where the typing is.
     */
    List<String> rows(int width, int maxRows, boolean focused) {
        List<String> rows = Wrap.lines(text + (focused ? "█" : ""), width, Integer.MAX_VALUE);
        return rows.size() <= maxRows ? rows : rows.subList(rows.size() - maxRows, rows.size());
    }
}

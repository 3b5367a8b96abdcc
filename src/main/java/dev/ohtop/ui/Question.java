package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.terminal.Canvas;
import java.nio.file.Path;

/**
 * A yes/no question on the screen's last row ("pause sandbox sb-1? [y/N]"). Only {@code y}
 * says yes; {@code n}, Esc and Enter say no, so a stray Enter never does the destructive thing.
 * While it is asked it takes every key.
 */
final class Question {
    enum Answer {
        YES,
        NO,
        ASKING
    }

    private final String prompt;

    Question(String prompt) {
        this.prompt = prompt;
    }

    Answer on(KeyStroke key) {
        if (key.getKeyType() == KeyType.Escape || key.getKeyType() == KeyType.Enter) {
            return Answer.NO;
        }
        if (key.getKeyType() == KeyType.Character && !key.isCtrlDown() && !key.isAltDown()) {
            char c = Character.toLowerCase(key.getCharacter());
            if (c == 'y') {
                return Answer.YES;
            }
            if (c == 'n') {
                return Answer.NO;
            }
        }
        return Answer.ASKING;
    }

    /** The one question before a local file is replaced, whichever screen is about to write it. */
    static Question overwrite(Path target) {
        return new Question(target + " exists: overwrite it?");
    }

    String prompt() {
        return prompt;
    }

    void draw(Canvas row) {
        row.bar(0, "", Theme.MATCH);
        int column = row.text(1, 0, prompt, Math.max(1, row.width() - 9), Theme.MATCH);
        row.text(column + 1, 0, "[y/N]", Theme.MATCH);
    }
}

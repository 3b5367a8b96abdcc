package dev.ohtop.commands;

import dev.ohtop.api.Secrets;
import dev.ohtop.terminal.TerminalText;
import java.io.PrintStream;

/**
 * The one way ohtop speaks on stderr. A message may quote a key file, a server or the user's own
 * words, so every line goes through the screen's inert-text function (an escape sequence in a key
 * file must not retitle or clear the terminal) with every known secret hidden.
 */
public record Stderr(PrintStream err, Secrets secrets) {

    /** Each line of {@code message} as {@code ohtop: LINE}. */
    public void say(String message) {
        for (String line : TerminalText.safeLines(secrets.hide(message)).split("\n", -1)) {
            err.println("ohtop: " + line);
        }
    }
}

package dev.ohtop.keymap;

import com.googlecode.lanterna.input.KeyType;
import java.util.Locale;

/**
 * Reads key notation into a {@link Key}, refusing combinations a terminal cannot deliver. The
 * messages are shown to the user as they are, after the file and line.
 */
final class KeyNotation {
    private KeyNotation() {}

    static Key parse(String notation) {
        String rest = notation.strip();
        boolean ctrl = false;
        boolean alt = false;
        boolean shift = false;
        for (String modifier = modifierAtStart(rest); modifier != null; modifier = modifierAtStart(rest)) {
            boolean twice = modifier.equals("ctrl+") ? ctrl : modifier.equals("alt+") ? alt : shift;
            if (twice) {
                throw new IllegalArgumentException(KeyFile.quoted(notation) + " names a modifier twice");
            }
            ctrl |= modifier.equals("ctrl+");
            alt |= modifier.equals("alt+");
            shift |= modifier.equals("shift+");
            rest = rest.substring(modifier.length());
        }
        if (rest.length() == 1 && !Character.isISOControl(rest.charAt(0)) && !Character.isWhitespace(rest.charAt(0))) {
            return character(notation, rest.charAt(0), ctrl, alt, shift);
        }
        Character named = Key.namedCharacter(rest);
        if (named != null) {
            return character(notation, named, ctrl, alt, shift);
        }
        KeyType type = Key.named(rest);
        if (type == null) {
            String near = Spelling.closest(rest, Key.names());
            throw new IllegalArgumentException(
                    "unknown key " + KeyFile.quoted(notation) + (near != null ? " (did you mean " + near + "?)" : ""));
        }
        return namedKey(notation, type, ctrl, alt, shift);
    }

    private static String modifierAtStart(String rest) {
        String lower = rest.toLowerCase(Locale.ROOT);
        for (String modifier : new String[] {"ctrl+", "alt+", "shift+"}) {
            // "Ctrl++" is Ctrl with the '+' key; a lone "+" is the '+' key.
            if (lower.startsWith(modifier) && rest.length() > modifier.length()) {
                return modifier;
            }
        }
        return null;
    }

    private static Key namedKey(String notation, KeyType type, boolean ctrl, boolean alt, boolean shift) {
        if (shift && type == KeyType.Tab && !ctrl && !alt) {
            return Key.of(KeyType.ReverseTab);
        }
        if (ctrl || alt || shift) {
            throw undeliverable(
                    notation,
                    "terminals do not send modifiers with " + Key.of(type).display()
                            + " reliably (only Shift+Tab is); bind the plain key or a letter");
        }
        return Key.of(type);
    }

    private static Key character(String notation, char c, boolean ctrl, boolean alt, boolean shift) {
        if (shift) {
            if (!Character.isLowerCase(c) && !Character.isUpperCase(c)) {
                throw undeliverable(
                        notation,
                        "Shift goes only with letters (Shift+g is G) and Tab;"
                                + " write the character the combination types instead");
            }
            if (ctrl) {
                throw undeliverable(notation, "Ctrl+Shift+letter arrives as Ctrl+letter");
            }
            c = Character.toUpperCase(c);
        }
        if (ctrl) {
            c = controlCharacter(notation, c);
        }
        return new Key(KeyType.Character, c, ctrl, alt);
    }

    /** The character Lanterna reports with Ctrl down, for the combinations that have a byte of their own. */
    private static char controlCharacter(String notation, char c) {
        char lower = Character.toLowerCase(c);
        return switch (lower) {
            case 'h' -> throw undeliverable(notation, "it arrives as Backspace");
            case 'i' -> throw undeliverable(notation, "it arrives as Tab");
            case 'j', 'm' -> throw undeliverable(notation, "it arrives as Enter");
            case '[' -> throw undeliverable(notation, "it arrives as Esc");
            case ' ', '\\', ']', '^', '_' -> lower;
            default -> {
                if (lower >= 'a' && lower <= 'z') {
                    yield lower;
                }
                throw undeliverable(
                        notation,
                        Character.isDigit(c)
                                ? "terminals send Ctrl+digit as the digit or as another key"
                                : "terminals have no code for it");
            }
        };
    }

    private static IllegalArgumentException undeliverable(String notation, String why) {
        return new IllegalArgumentException("terminals cannot deliver " + KeyFile.quoted(notation) + ": " + why);
    }
}

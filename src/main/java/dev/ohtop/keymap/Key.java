package dev.ohtop.keymap;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One key as written in a key file ({@code q}, {@code G}, {@code Ctrl+R}, {@code Alt+v},
 * {@code Shift+Tab}, {@code F5}, {@code PageDown}, {@code Space}) and as Lanterna delivers it.
 *
 * <p>Only combinations a terminal can actually send are representable: {@link #parse} refuses the
 * rest with a reason the user can act on. Characters are case-sensitive ({@code g} is not {@code
 * G}); after Ctrl a letter is not (terminals send the same byte for Ctrl+r and Ctrl+R). Named keys
 * take no modifiers except {@code Shift+Tab}.
 *
 * @param type {@link KeyType#Character} for characters, otherwise the named key
 * @param character the character, lower case after Ctrl; {@code '\0'} for named keys
 */
public record Key(KeyType type, char character, boolean ctrl, boolean alt) {

    /** Always quits ohtop, whatever the key file says. */
    public static final Key CTRL_C = new Key(KeyType.Character, 'c', true, false);

    private static final Map<String, KeyType> NAMES = new LinkedHashMap<>();
    private static final Map<String, KeyType> ALIASES = Map.of(
            "escape",
            KeyType.Escape,
            "return",
            KeyType.Enter,
            "pgup",
            KeyType.PageUp,
            "pgdn",
            KeyType.PageDown,
            "del",
            KeyType.Delete,
            "ins",
            KeyType.Insert);
    // Characters that cannot be written as themselves in a key list: whitespace is trimmed,
    // ',' separates keys and '#' starts a comment.
    private static final Map<String, Character> CHARACTER_NAMES = Map.of("space", ' ', "comma", ',', "hash", '#');

    static {
        for (String name : new String[] {
            "Enter",
            "Esc",
            "Tab",
            "Backspace",
            "Delete",
            "Insert",
            "Home",
            "End",
            "PageUp",
            "PageDown",
            "Up",
            "Down",
            "Left",
            "Right"
        }) {
            NAMES.put(name, typeNamed(name));
        }
        for (int i = 1; i <= 12; i++) {
            NAMES.put("F" + i, KeyType.valueOf("F" + i));
        }
    }

    public Key {
        if (type == KeyType.Character ? character == '\0' : character != '\0' || ctrl || alt) {
            throw new IllegalArgumentException("not a key: " + type + " " + (int) character);
        }
        if (ctrl) {
            character = Character.toLowerCase(character); // the byte for Ctrl+R and Ctrl+r is the same
        }
    }

    public static Key of(char character) {
        return new Key(KeyType.Character, character, false, false);
    }

    public static Key of(KeyType type) {
        return new Key(type, '\0', false, false);
    }

    /**
     * Reads key notation. Throws {@link IllegalArgumentException} whose message says what is wrong
     * for the user: an unknown name, or a combination terminals cannot deliver.
     */
    public static Key parse(String notation) {
        return KeyNotation.parse(notation);
    }

    /**
     * The key a stroke stands for, or empty for strokes that are no key (mouse, EOF). Modifiers on
     * named keys are dropped: Lanterna reports plain arrows as Ctrl+arrow in terminals that send
     * {@code ESC O A}, and no binding can name a modified named key anyway.
     */
    public static Optional<Key> of(KeyStroke stroke) {
        KeyType type = stroke.getKeyType();
        if (type == KeyType.Character && stroke.getCharacter() != null) {
            return Optional.of(new Key(type, stroke.getCharacter(), stroke.isCtrlDown(), stroke.isAltDown()));
        }
        return nameOf(type) != null ? Optional.of(of(type)) : Optional.empty();
    }

    public boolean matches(KeyStroke stroke) {
        return of(stroke).map(this::equals).orElse(false);
    }

    /** The notation back, as a key file would write it: {@code Ctrl+R}, {@code Shift+Tab}. */
    public String display() {
        if (type != KeyType.Character) {
            return nameOf(type);
        }
        String base = switch (character) {
            case ' ' -> "Space";
            case ',' -> "Comma";
            case '#' -> "Hash";
            default -> String.valueOf(ctrl ? Character.toUpperCase(character) : character);
        };
        return (ctrl ? "Ctrl+" : "") + (alt ? "Alt+" : "") + base;
    }

    /**
     * Why this key, allowed in a key file, will not do what it is bound to, or empty. ohtop makes
     * the terminal deliver Ctrl+S, Ctrl+Q and Ctrl+\ as keys; Ctrl+Z it keeps for itself.
     */
    public Optional<String> caution() {
        if (type == KeyType.Character && ctrl && !alt && character == 'z') {
            return Optional.of(display() + " is kept by ohtop (it says how to quit instead of suspending)");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return display();
    }

    static KeyType named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, KeyType> e : NAMES.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return e.getValue();
            }
        }
        return ALIASES.get(lower);
    }

    static Character namedCharacter(String name) {
        return CHARACTER_NAMES.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every name a key file may use, for suggestions. */
    static Iterable<String> names() {
        List<String> all = new ArrayList<>(NAMES.keySet());
        all.addAll(List.of("Space", "Comma", "Hash"));
        return all;
    }

    private static String nameOf(KeyType type) {
        if (type == KeyType.ReverseTab) {
            return "Shift+Tab";
        }
        for (Map.Entry<String, KeyType> e : NAMES.entrySet()) {
            if (e.getValue() == type) {
                return e.getKey();
            }
        }
        return null;
    }

    private static KeyType typeNamed(String name) {
        return switch (name) {
            case "Esc" -> KeyType.Escape;
            case "Up" -> KeyType.ArrowUp;
            case "Down" -> KeyType.ArrowDown;
            case "Left" -> KeyType.ArrowLeft;
            case "Right" -> KeyType.ArrowRight;
            default -> KeyType.valueOf(name);
        };
    }
}

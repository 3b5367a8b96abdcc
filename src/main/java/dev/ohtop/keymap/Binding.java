package dev.ohtop.keymap;

import java.util.List;
import java.util.stream.Collectors;

/** An action and the keys that do it, for the help screen and the footer. */
public record Binding(Action action, List<Key> keys) {
    public Binding {
        keys = List.copyOf(keys);
    }

    /** The keys as a key file writes them: {@code r, F5}. */
    public String keysText() {
        return keys.stream().map(Key::display).collect(Collectors.joining(", "));
    }
}

package dev.ohtop.monitor;

import java.util.List;
import java.util.stream.Collectors;

/** Words for the sandbox's bash, each quoted so that it arrives as one argument whatever it holds. */
public final class ShellWords {
    private ShellWords() {}

    /** {@code it's} -> {@code 'it'\''s'}: one word to bash, nothing in it expanded. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** {@code [grep, a b, f]} -> {@code 'grep' 'a b' 'f'}: the command line a shell would have been given. */
    public static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }
}

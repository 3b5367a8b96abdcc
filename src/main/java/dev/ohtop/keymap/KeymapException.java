package dev.ohtop.keymap;

import java.util.List;
import java.util.stream.Collectors;

/** A key file that cannot be used, with every problem found in it, one per line of the message. */
public final class KeymapException extends Exception {

    /** What is wrong, where: {@code file} is a path or {@code preset NAME}; {@code line} is 0 for the whole file. */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return line > 0 ? file + " line " + line + ": " + message : file + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public KeymapException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}

package dev.ohtop.monitor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a line that is only a change of directory ({@code cd}, {@code cd DIR}, {@code cd -},
 * {@code cd 'a dir'}) and builds the sandbox command that checks it: {@code cd DIR && pwd} in the
 * current directory, whose output is the new directory. A line with anything more
 * ({@code cd x && make}) is an ordinary command and runs as typed.
 */
final class CdCommand {
    private static final Pattern CD =
            Pattern.compile("cd(?:\\s+(?:'([^']*)'|\"([^\"$`\\\\]*)\"|([^\\s'\"$`\\\\;&|<>(){}*?\\[\\]!#]+)))?\\s*");

    private CdCommand() {}

    /** The directory a pure cd line names ({@code ""} for {@code cd} alone: the sandbox's folder), or null for any other line. */
    static String target(String line) {
        Matcher m = CD.matcher(line.strip());
        if (!m.matches()) {
            return null;
        }
        for (int g = 1; g <= 3; g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return "";
    }

    /** The check to run in the current directory; {@code -} is the previous directory, {@code ~} the sandbox home. */
    static String probe(String target, String previous) {
        String dir;
        if (target.equals("-")) {
            dir = ShellWords.quote(previous);
        } else if (target.equals("~")) {
            dir = "~";
        } else if (target.startsWith("~/")) {
            dir = "~/" + ShellWords.quote(target.substring(2));
        } else {
            dir = ShellWords.quote(target);
        }
        return "cd -- " + dir + " && pwd";
    }

    /** The last non-blank line of what the check printed. */
    static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? null : last;
    }
}

package dev.ohtop;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line split three ways: ohtop's own options (which may stand before or after a
 * command: {@code ohtop --demo ls} and {@code ohtop ls --demo} are the same), the command's name,
 * and the command's own arguments. After {@code --} everything is the command's, untouched.
 *
 * @param command null when there is none: the full screen (or {@code --list})
 * @param own     ohtop's own options, each with its value
 * @param rest    the command's arguments, in order
 */
record CommandLine(String command, String[] own, List<String> rest) {

    static CommandLine split(String[] args) {
        String command = null;
        List<String> own = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (command != null && arg.equals("--")) {
                rest.addAll(List.of(args).subList(i, args.length));
                break;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean helpForCommand = command != null && (name.equals("--help") || name.equals("-h"));
            if (!helpForCommand && (Options.SWITCHES.contains(name) || name.equals("-h"))) {
                own.add(arg);
            } else if (Options.WITH_VALUE.contains(name)) {
                own.add(arg);
                if (!arg.contains("=") && i + 1 < args.length) {
                    own.add(args[++i]);
                }
            } else if (command == null && !arg.startsWith("-")) {
                command = arg;
            } else if (command == null) {
                own.add(arg); // an unknown option with no command: Options names it
            } else {
                rest.add(arg);
            }
        }
        return new CommandLine(command, own.toArray(String[]::new), rest);
    }

    /** Whether the command's own arguments ask for its help. */
    boolean asksForHelp() {
        for (String arg : rest) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }
}

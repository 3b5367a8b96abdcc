package dev.ohtop.commands;

/**
 * One option a command takes, declared once: it drives parsing and the option list of the
 * command's help.
 *
 * @param name       with its dashes: {@code --limit}
 * @param value      what its value is called in help ({@code N}), or null for a switch
 * @param repeatable whether it may be given more than once (its values then add up)
 * @param help       one line for {@code ohtop help COMMAND}
 */
public record Flag(String name, String value, boolean repeatable, String help) {

    public static Flag toggle(String name, String help) {
        return new Flag(name, null, false, help);
    }

    public static Flag value(String name, String value, String help) {
        return new Flag(name, value, false, help);
    }

    public static Flag repeated(String name, String value, String help) {
        return new Flag(name, value, true, help);
    }

    public boolean takesValue() {
        return value != null;
    }
}

package dev.ohtop.commands;

import dev.ohtop.terminal.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's own options and operands, parsed against its {@link Flag}s. Options may come before,
 * between or after operands ({@code --name value} or {@code --name=value}); after {@code --}
 * everything is an operand, untouched (the command line of {@code exec}).
 */
public final class Args {
    private final Map<String, List<String>> given;
    private final List<String> operands;
    private final List<String> afterDashes;

    private Args(Map<String, List<String>> given, List<String> operands, List<String> afterDashes) {
        this.given = given;
        this.operands = operands;
        this.afterDashes = afterDashes;
    }

    /** No options and no operands. */
    public static Args none() {
        return new Args(Map.of(), List.of(), null);
    }

    /** @throws CommandFailure (usage) on an unknown option, a missing value, or a switch given twice */
    public static Args parse(List<String> tokens, List<Flag> flags) throws CommandFailure {
        Map<String, List<String>> given = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        List<String> afterDashes = new ArrayList<>();
        boolean dashes = false;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (dashes) {
                afterDashes.add(token);
                continue;
            }
            if (token.equals("--")) {
                dashes = true;
                continue;
            }
            if (!token.startsWith("-") || token.equals("-")) { // "-" is an operand: stdin
                operands.add(token);
                continue;
            }
            int eq = token.indexOf('=');
            String name = eq > 0 ? token.substring(0, eq) : token;
            Flag flag = find(flags, name);
            if (flag == null) {
                throw CommandFailure.usage("unknown option " + quote(token));
            }
            String value = null;
            if (flag.takesValue()) {
                if (eq > 0) {
                    value = token.substring(eq + 1);
                } else if (i + 1 < tokens.size() && !tokens.get(i + 1).equals("--")) {
                    value = tokens.get(++i);
                } else {
                    throw CommandFailure.usage(name + " needs a value (" + flag.value() + ")");
                }
            } else if (eq > 0) {
                throw CommandFailure.usage(name + " takes no value");
            }
            List<String> values = given.computeIfAbsent(name, n -> new ArrayList<>());
            if (!values.isEmpty() && !flag.repeatable()) {
                throw CommandFailure.usage(name + " given twice");
            }
            values.add(value == null ? "" : value);
        }
        return new Args(given, List.copyOf(operands), dashes ? List.copyOf(afterDashes) : null);
    }

    private static Flag find(List<Flag> flags, String name) {
        for (Flag flag : flags) {
            if (flag.name().equals(name)) {
                return flag;
            }
        }
        return null;
    }

    /** Whether the option was given. */
    public boolean has(String name) {
        return given.containsKey(name);
    }

    /** The option's value, or null when it was not given. */
    public String value(String name) {
        List<String> values = given.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }

    /** Every value of a repeatable option, in the order given; empty when none. */
    public List<String> values(String name) {
        return given.getOrDefault(name, List.of());
    }

    /** The option's value as a whole number in {@code [min, max]}, or {@code otherwise} when not given. */
    public int number(String name, int otherwise, int min, int max) throws CommandFailure {
        String text = value(name);
        if (text == null) {
            return otherwise;
        }
        String digits = text.strip();
        long n = digits.matches("[0-9]{1,12}") ? Long.parseLong(digits) : -1;
        if (n < min || n > max) {
            throw CommandFailure.usage(
                    name + " takes a whole number from " + min + " to " + max + ", not '" + quote(text) + "'");
        }
        return (int) n;
    }

    /** The operands before any {@code --}. */
    public List<String> operands() {
        return operands;
    }

    /** Exactly {@code count} operands, named in the message when they are not there. */
    public List<String> operands(int count, String names) throws CommandFailure {
        if (operands.size() < count) {
            throw CommandFailure.usage("missing " + names);
        }
        if (operands.size() > count) {
            throw CommandFailure.usage("unexpected " + quote(operands.get(count)) + " (takes " + names + ")");
        }
        return operands;
    }

    /** Everything after {@code --}, as typed; null when there was no {@code --}. */
    public List<String> afterDashes() {
        return afterDashes;
    }

    /** What the user typed, inert and cut: a message names it without echoing a pasted secret whole. */
    static String quote(String typed) {
        return TerminalText.safe(typed, 40);
    }
}

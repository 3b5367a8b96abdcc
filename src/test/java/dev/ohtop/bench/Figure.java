package dev.ohtop.bench;

/**
 * One measured figure beside its budget from ../shared/design.md, as the benchmark prints it.
 *
 * @param what   what was measured ("launch to first drawn frame")
 * @param value  the figure in its unit ("0.41 s median of 5")
 * @param budget the budget in words ("under 0.5 s median")
 * @param met    whether the figure is within the budget
 */
public record Figure(String what, String value, String budget, boolean met) {
    /** A figure that is shown for context and has no budget of its own (say, curl's speed). */
    public static Figure context(String what, String value) {
        return new Figure(what, value, "", true);
    }

    boolean hasBudget() {
        return !budget.isEmpty();
    }
}

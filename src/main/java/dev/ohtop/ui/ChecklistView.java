package dev.ohtop.ui;

import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Scope;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Ticks for what to show (event kinds or sources seen so far); applying hands back what is hidden. */
final class ChecklistView implements View {
    private final String what;
    private final List<String> items;
    private final Set<String> hidden;
    private final Consumer<Set<String>> apply;
    /** How an item reads on screen (a kind as the table names it, then its full name). */
    private final UnaryOperator<String> label;

    private int selected;

    ChecklistView(
            String what,
            List<String> items,
            Set<String> hidden,
            Consumer<Set<String>> apply,
            UnaryOperator<String> label) {
        this.what = what;
        this.items = List.copyOf(items);
        this.hidden = new HashSet<>(hidden);
        this.apply = apply;
        this.label = label;
    }

    @Override
    public Scope scope() {
        return Scope.CHECKLIST;
    }

    @Override
    public String title() {
        return what;
    }

    @Override
    public void draw(Canvas canvas, Instant now) {
        canvas.text(
                1,
                0,
                "Choose " + what + " (" + (items.size() - hidden.size()) + " of " + items.size() + " shown)",
                Theme.TITLE);
        if (items.isEmpty()) {
            canvas.text(3, 2, "nothing seen yet", Theme.DIM);
        }
        int rows = canvas.height() - 2;
        int top = Math.max(0, selected - rows + 1);
        for (int r = 0; r < rows && top + r < items.size(); r++) {
            int i = top + r;
            String item = items.get(i);
            String line = (hidden.contains(item) ? "[ ] " : "[x] ") + label.apply(item);
            if (i == selected) {
                canvas.rows(2 + r, 1).bar(0, "   " + line, Theme.SELECTED);
            } else {
                canvas.text(3, 2 + r, line, Style.NORMAL);
            }
        }
    }

    @Override
    public Step on(Action action) {
        switch (action) {
            case UP -> selected = Math.max(0, selected - 1);
            case DOWN -> selected = Math.min(Math.max(0, items.size() - 1), selected + 1);
            case TOP -> selected = 0;
            case BOTTOM -> selected = Math.max(0, items.size() - 1);
            case CHECK_TOGGLE -> {
                if (!items.isEmpty()) {
                    String item = items.get(selected);
                    if (!hidden.remove(item)) {
                        hidden.add(item);
                    }
                }
            }
            case CHECK_ALL -> hidden.clear();
            case CHECK_NONE -> hidden.addAll(items);
            case CHECK_APPLY -> {
                apply.accept(Set.copyOf(hidden));
                return Step.BACK;
            }
            default -> {
                return Step.STAY;
            }
        }
        return Step.STAY;
    }
}

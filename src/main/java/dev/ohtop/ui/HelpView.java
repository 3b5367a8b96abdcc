package dev.ohtop.ui;

import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Binding;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import dev.ohtop.terminal.TerminalText;
import dev.ohtop.terminal.Wrap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every key of the screen it was opened over, then every other screen's, straight from the
 * keymap in force (so it is right for vim, emacs or a user's own file); then the names the
 * {@code :} command line takes.
 */
final class HelpView implements View {
    private final Keymap keymap;
    private final Scope over;
    private final boolean readonly;
    private static final int MIN_KEY_COLUMN = 18;
    /** The command names of a screen are wrapped to fit beside the key column at 80 columns. */
    private static final int NAMES_WIDTH = 56;

    private final List<String[]> lines = new ArrayList<>();
    /** Columns the longest key list takes. */
    private final int keyColumn;

    private int top;

    HelpView(Keymap keymap, Scope over, boolean readonly) {
        this.keymap = keymap;
        this.over = over;
        this.readonly = readonly;
        section(over, keymap.onScreen(over));
        for (Scope scope : Scope.values()) {
            if (!over.chain().contains(scope) && scope != Scope.GLOBAL && scope != Scope.HELP) {
                section(scope, keymap.bindings(scope));
            }
        }
        commands();
        if (!keymap.warnings().isEmpty()) {
            lines.add(new String[] {"", ""});
            lines.add(new String[] {"Warnings", null});
            keymap.warnings().forEach(w -> lines.add(new String[] {"", w}));
        }
        keyColumn = lines.stream()
                .filter(l -> l[1] != null)
                .mapToInt(l -> TerminalText.width(TerminalText.safeLine(l[0])))
                .max()
                .orElse(0);
    }

    private void section(Scope scope, List<Binding> bindings) {
        if (bindings.isEmpty()) {
            return;
        }
        if (!lines.isEmpty()) {
            lines.add(new String[] {"", ""});
        }
        lines.add(new String[] {title(scope), null});
        for (Binding b : bindings) {
            lines.add(new String[] {b.keysText(), b.action().description()});
        }
    }

    /** The command line's names: the screens it reaches from anywhere, then each screen's actions by their shortest name. */
    private void commands() {
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"Commands (: then a name or its first letters; Tab completes)", null});
        lines.add(new String[] {":conversations", "go to the list of conversations, from any screen"});
        lines.add(new String[] {":sandboxes", "go to the sandboxes, from any screen"});
        lines.add(new String[] {":help", "show the keys"});
        for (Scope scope : Scope.values()) {
            List<String> names = java.util.Arrays.stream(Action.values())
                    .filter(a -> a.scope() == scope && a != Action.COMMAND && !keymap.refuses(a))
                    .filter(a -> !(readonly && scope.opensOnlyToChange()))
                    .map(a -> ":" + Commands.name(a))
                    .distinct()
                    .toList();
            List<String> rows = Wrap.rows(String.join(" ", names), NAMES_WIDTH, Integer.MAX_VALUE);
            for (int i = 0; i < rows.size() && !names.isEmpty(); i++) {
                lines.add(new String[] {i == 0 ? scope.fileName() : "", rows.get(i)});
            }
        }
    }

    /** The heading of a scope's section (also the screen names of the README's keys table). */
    static String title(Scope scope) {
        return switch (scope) {
            case GLOBAL -> "Everywhere";
            case CONVERSATIONS -> "Conversations";
            case EVENTS -> "Events";
            case DETAIL -> "Event detail";
            case HELP -> "Help";
            case CHECKLIST -> "Kind / source chooser";
            case CONVERSATION -> "Selected conversation (conversations and events)";
            case CONSOLE -> "Bash console";
            case TRANSFER -> "File transfer";
            case SANDBOXES -> "Sandboxes";
            case COMPOSE -> "New conversation / message";
        };
    }

    @Override
    public Scope scope() {
        return Scope.HELP;
    }

    @Override
    public String title() {
        return "help (" + keymap.source() + (readonly ? ", read-only" : "") + ")";
    }

    @Override
    public void draw(Canvas canvas, Instant now) {
        top = Math.max(0, Math.min(top, lines.size() - canvas.height()));
        // As wide as the longest key list (vim's page-down has three keys), but leave room to say what they do.
        int keys = Math.max(MIN_KEY_COLUMN, Math.min(keyColumn, canvas.width() / 2 - 4));
        for (int row = 0; row < canvas.height() && top + row < lines.size(); row++) {
            String[] line = lines.get(top + row);
            if (line[1] == null) {
                canvas.text(1, row, line[0], Theme.TITLE);
            } else {
                canvas.text(3, row, line[0], keys, Theme.FOOTER_KEY.on(com.googlecode.lanterna.TextColor.ANSI.DEFAULT));
                canvas.text(3 + keys + 2, row, line[1], Style.NORMAL);
            }
        }
    }

    @Override
    public Step on(Action action) {
        switch (action) {
            case UP -> top = Math.max(0, top - 1);
            case DOWN -> top++;
            case PAGE_UP -> top = Math.max(0, top - 10);
            case PAGE_DOWN -> top += 10;
            case TOP -> top = 0;
            case BOTTOM -> top = lines.size();
            case HELP -> {
                return Step.BACK;
            }
            default -> {
                return Step.STAY;
            }
        }
        return Step.STAY;
    }

    /** The lines shown, key text then description; for tests comparing help with the keymap. */
    List<String[]> lines() {
        return List.copyOf(lines);
    }
}

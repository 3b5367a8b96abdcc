package dev.ohtop.ui;

import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Binding;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.TerminalText;
import java.time.Instant;
import java.util.List;

/**
 * The frame around every screen: the header (where you are, on which host), the status line
 * (a flash message or the screen's own problem), and the footer of key hints, which like the
 * help screen comes from the keymap in force, never from a hard-coded list.
 */
public final class Chrome {
    private final String host;
    private final Keymap keymap;
    private final boolean readonly;
    private volatile String account;

    public Chrome(String host, Keymap keymap, boolean readonly) {
        this.host = host;
        this.keymap = keymap;
        this.readonly = readonly;
    }

    /** Set once the key has been checked ({@code /users/me}); until then the header shows the host alone. */
    public void account(String who) {
        this.account = who;
    }

    /** The header: where ohtop is connected, then the screen; when narrow the account goes first, then the host. */
    public void header(Canvas row, View view) {
        String screen = "  ›  " + view.title() + (readonly ? "  [read-only]" : "");
        String who = account == null ? "" : account + " @ ";
        String header = " ohtop  " + who + host + screen;
        if (TerminalText.width(TerminalText.safeLine(header)) > row.width()) {
            header = " ohtop  " + host + screen;
        }
        if (TerminalText.width(TerminalText.safeLine(header)) > row.width()) {
            header = " ohtop" + screen;
        }
        row.bar(0, header, Theme.HEADER);
    }

    public void status(Canvas row, View view, String flash, Instant now) {
        if (flash != null) {
            row.bar(0, " " + flash, Theme.WARNING);
            return;
        }
        String status = view instanceof Status s ? s.status(now) : null;
        if (status != null && !status.isEmpty()) {
            row.text(1, 0, status, view instanceof Status s && s.statusIsProblem() ? Theme.ERROR : Theme.DIM);
        }
    }

    /**
     * The screen's key hints, most important first, as many as fit; the ways out at the end of
     * the list (back, help, quit) are always shown, so no screen hides how to leave it.
     */
    public void footer(Canvas row, View view) {
        row.bar(0, "", Theme.FOOTER);
        List<Binding> hints = keymap.footer(view.scope()).stream()
                .filter(b -> view.offers(b.action()))
                .toList();
        int firstWayOut = hints.size();
        while (firstWayOut > 0 && WAYS_OUT.contains(hints.get(firstWayOut - 1).action())) {
            firstWayOut--;
        }
        List<Binding> waysOut = hints.subList(firstWayOut, hints.size());
        int reserved =
                waysOut.stream().mapToInt(b -> hintWidth(keymap, view, b)).sum();
        int column = 1;
        for (Binding hint : hints.subList(0, firstWayOut)) {
            if (column + hintWidth(keymap, view, hint) + reserved > row.width()) {
                break;
            }
            column = hint(row, column, keymap.keyName(view.scope(), hint.action()), hint);
        }
        for (Binding hint : waysOut) {
            if (column + hintWidth(keymap, view, hint) > row.width() + 1) {
                break;
            }
            column = hint(row, column, keymap.keyName(view.scope(), hint.action()), hint);
        }
    }

    private static final java.util.Set<Action> WAYS_OUT = java.util.Set.of(Action.BACK, Action.HELP, Action.QUIT);

    private static int hintWidth(Keymap keymap, View view, Binding hint) {
        return keymap.keyName(view.scope(), hint.action()).length()
                + hint.action().hint().length()
                + 3;
    }

    private static int hint(Canvas row, int column, String key, Binding hint) {
        int c = row.text(column, 0, key, Theme.FOOTER_KEY);
        return row.text(c + 1, 0, hint.action().hint(), Theme.FOOTER) + 2;
    }

    /** The help screen for {@code over}: every binding of its scope and of GLOBAL. */
    public View help(View over) {
        return new HelpView(keymap, over.scope(), readonly);
    }

    /** What the status line says when --readonly refuses an action. */
    static String refusedReadonly(Action action) {
        return "read-only: \"" + action.description() + "\" is turned off (started with --readonly)";
    }

    /** Views that report something on the status line (a poller's problem, a count). */
    public interface Status {
        String status(Instant now);

        default boolean statusIsProblem() {
            return false;
        }
    }
}

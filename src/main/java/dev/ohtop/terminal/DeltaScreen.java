package dev.ohtop.terminal;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lanterna's screen with a cheaper delta refresh, the one ohtop draws every frame with. Lanterna
 * asks every cell of both buffers whether it is double width, a Unicode block lookup per cell,
 * which made up most of an idle frame's cost; here the answer is remembered per character. And
 * what does not change is not sent: a frame in which nothing changed writes nothing at all, a
 * hidden cursor is hidden once, and default colours after a reset are not set again (Lanterna
 * re-sends all three every frame). Changed cells are written as Lanterna writes them.
 * Complete refreshes (after a resize) are Lanterna's own.
 */
public final class DeltaScreen extends TerminalScreen {
    /** Per UTF-16 unit: 0 not known yet, 1 single width, 2 double width. */
    private final byte[] widthByChar = new byte[Character.MAX_VALUE + 1];

    private boolean started;
    /** The cursor as last sent (null: hidden); unknown until the first delta. */
    private TerminalPosition cursorSent;

    private boolean cursorKnown;

    public DeltaScreen(Terminal terminal) throws IOException {
        super(terminal, Cells.BLANK); // cleared to the blank views draw, so a blank left blank is unchanged at a glance
    }

    @Override
    public synchronized void startScreen() throws IOException {
        super.startScreen();
        started = true;
        cursorKnown = false;
    }

    @Override
    public synchronized void stopScreen() throws IOException {
        started = false;
        super.stopScreen();
    }

    @Override
    public synchronized void refresh(RefreshType refreshType) throws IOException {
        if (refreshType != RefreshType.DELTA || !started) {
            super.refresh(refreshType);
            cursorKnown = false;
            return;
        }
        Map<Integer, TextCharacter> changes = changedCells();
        TerminalPosition cursor = getCursorPosition();
        boolean cursorMoved = !cursorKnown || !java.util.Objects.equals(cursor, cursorSent);
        if (changes.isEmpty() && !cursorMoved) {
            return; // nothing on the terminal would change: not a byte
        }
        write(changes);
        getBackBuffer().copyTo(getFrontBuffer());
        placeCursor(cursor);
        getTerminal().flush();
    }

    /** Cell index (row * columns + column) to its new character, in screen order, as Lanterna finds them. */
    private Map<Integer, TextCharacter> changedCells() {
        TerminalSize size = getTerminalSize();
        int columns = size.getColumns();
        Map<Integer, TextCharacter> changes = new LinkedHashMap<>();
        for (int y = 0; y < size.getRows(); y++) {
            for (int x = 0; x < columns; x++) {
                TextCharacter back = getBackBuffer().getCharacterAt(x, y);
                TextCharacter front = getFrontBuffer().getCharacterAt(x, y);
                if (back == front && back instanceof Cells.Sized && !back.isDoubleWidth()) {
                    continue; // most cells of a frame: drawn as they were, one column wide
                }
                if (back != front && !back.equals(front)) {
                    changes.put(y * columns + x, back);
                }
                if (isDoubleWidth(back)) {
                    x++; // skip the padding cell
                } else if (isDoubleWidth(front) && x + 1 < columns) {
                    changes.put(y * columns + x + 1, front.withCharacter(' '));
                }
            }
        }
        return changes;
    }

    private void write(Map<Integer, TextCharacter> changes) throws IOException {
        if (changes.isEmpty()) {
            return;
        }
        Terminal terminal = getTerminal();
        int columns = getTerminalSize().getColumns();
        TextCharacter first = changes.values().iterator().next();
        EnumSet<SGR> sgr = EnumSet.copyOf(first.getModifiers());
        terminal.resetColorAndSGR();
        for (SGR each : sgr) {
            terminal.enableSGR(each);
        }
        // After the reset the terminal's colours are the defaults: only others need saying.
        TextColor foreground = first.getForegroundColor();
        TextColor background = first.getBackgroundColor();
        if (!TextColor.ANSI.DEFAULT.equals(foreground)) {
            terminal.setForegroundColor(foreground);
        }
        if (!TextColor.ANSI.DEFAULT.equals(background)) {
            terminal.setBackgroundColor(background);
        }
        int at = -1;
        for (Map.Entry<Integer, TextCharacter> change : changes.entrySet()) {
            int cell = change.getKey();
            if (cell != at || cell % columns == 0) { // a new row always: no terminal wraps the same way
                terminal.setCursorPosition(cell % columns, cell / columns);
                at = cell;
            }
            TextCharacter c = change.getValue();
            if (!foreground.equals(c.getForegroundColor())) {
                foreground = c.getForegroundColor();
                terminal.setForegroundColor(foreground);
            }
            if (!background.equals(c.getBackgroundColor())) {
                background = c.getBackgroundColor();
                terminal.setBackgroundColor(background);
            }
            for (SGR each : SGR.values()) {
                boolean wanted = c.getModifiers().contains(each);
                if (sgr.contains(each) && !wanted) {
                    terminal.disableSGR(each);
                    sgr.remove(each);
                } else if (!sgr.contains(each) && wanted) {
                    terminal.enableSGR(each);
                    sgr.add(each);
                }
            }
            terminal.putString(c.getCharacterString());
            at += isDoubleWidth(c) ? 2 : 1;
        }
    }

    private void placeCursor(TerminalPosition cursor) throws IOException {
        Terminal terminal = getTerminal();
        if (cursor == null) {
            if (!cursorKnown || cursorSent != null) {
                terminal.setCursorVisible(false); // hidden it stays, however much is written
            }
        } else {
            terminal.setCursorVisible(true);
            // On the padding of a double-width character the cursor goes on the character itself.
            boolean onPadding = cursor.getColumn() > 0
                    && isDoubleWidth(getFrontBuffer().getCharacterAt(cursor.withRelativeColumn(-1)));
            terminal.setCursorPosition(onPadding ? cursor.getColumn() - 1 : cursor.getColumn(), cursor.getRow());
        }
        cursorSent = cursor;
        cursorKnown = true;
    }

    /** Lanterna's answer, remembered per character (it depends on nothing else for one UTF-16 unit). */
    private boolean isDoubleWidth(TextCharacter c) {
        if (c == null) {
            return false;
        }
        if (c instanceof Cells.Sized) {
            return c.isDoubleWidth(); // known when it was made
        }
        String s = c.getCharacterString();
        if (s.length() != 1) {
            return c.isDoubleWidth();
        }
        char ch = s.charAt(0);
        byte known = widthByChar[ch];
        if (known == 0) {
            known = (byte) (c.isDoubleWidth() ? 2 : 1);
            widthByChar[ch] = known;
        }
        return known == 2;
    }
}

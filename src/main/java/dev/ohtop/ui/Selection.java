package dev.ohtop.ui;

import dev.ohtop.keymap.Action;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Which row of a list the cursor is on, and which row the page starts at: both held by the row's
 * id from the first frame that has rows, so a list that refreshes, re-sorts, grows or is filtered
 * under them never moves the cursor to another row. A user never sees the highlight go to
 * another row without a key; actions act on {@link #id()}, never on a row number.
 *
 * <p>When the selected row is not in a new frame, the cursor goes to its neighbour: the row
 * after it in the last frame (before it, at the end) that is still there. If the user's own
 * filter change hid it, that is quiet, and the next filter change that shows it again selects it
 * again (a cleared filter goes back to where the user was); otherwise {@link #takeNotice()} says
 * why it went, for the status line.
 *
 * <p>What is being read stays in place: the row at the top of the page stays at the top when rows
 * come in front of it (older events filling in). A list whose news arrives at its head (a
 * conversation starting to run) keeps the head in view while the page is there.
 */
final class Selection {
    /** A list as one frame shows it. */
    interface Rows {
        Rows NONE = of(List.of(), x -> "");

        int size();

        String id(int row);

        /** The row showing {@code id}, or -1 when it is not shown. */
        int rowOf(String id);

        /** The row showing {@code id}, or the one shown in its place (the next one), or -1 when neither is known. */
        default int rowNear(String id) {
            return rowOf(id);
        }

        static <T> Rows of(List<T> list, Function<T, String> idOf) {
            return new Rows() {
                @Override
                public int size() {
                    return list.size();
                }

                @Override
                public String id(int row) {
                    return idOf.apply(list.get(row));
                }

                @Override
                public int rowOf(String id) {
                    for (int i = 0; id != null && i < list.size(); i++) {
                        if (id.equals(idOf.apply(list.get(i)))) {
                            return i;
                        }
                    }
                    return -1;
                }
            };
        }
    }

    private final boolean headInView;
    /** The selected row's id; null until a frame has rows. */
    private String id;

    private Rows last = Rows.NONE;
    private int lastRow = -1;
    /** The row the user had selected before a filter change hid it. */
    private String beforeFilter;

    private boolean filterChanged;
    private String notice;
    private int top;
    private String topId;

    /** @param headInView a page at the head of the list stays there: rows arriving at the head are seen */
    Selection(boolean headInView) {
        this.headInView = headInView;
    }

    /** Starts on {@code id} (null: the first row of the first frame). */
    Selection(boolean headInView, String id) {
        this(headInView);
        this.id = id;
    }

    /** The selected row's id, or null before any frame had rows. */
    String id() {
        return id;
    }

    /**
     * The selected row of a new frame, or -1 when it has none. {@code whyGone} says why the
     * selected row is not there (not asked when the user's filter hid it).
     */
    int place(Rows rows, UnaryOperator<String> whyGone) {
        if (id == null && rows.size() > 0) {
            id = rows.id(0);
        }
        int row = lastRow >= 0 && lastRow < rows.size() && Objects.equals(rows.id(lastRow), id)
                ? lastRow
                : rows.rowOf(id);
        if (filterChanged) {
            filterChanged = false;
            int before = beforeFilter == null ? -1 : rows.rowOf(beforeFilter);
            if (before >= 0) {
                id = beforeFilter;
                beforeFilter = null;
                row = before;
            } else if (row < 0 && id != null) {
                beforeFilter = beforeFilter == null ? id : beforeFilter;
                row = neighbour(rows);
            }
        } else if (row < 0 && id != null) {
            if (lastRow >= 0) { // it was on the last frame: it left without a key
                notice = whyGone.apply(id);
                beforeFilter = null;
            }
            row = neighbour(rows);
        }
        return remember(rows, row);
    }

    /** The row after the selected one in the last frame that is still shown, else the one before. */
    private int neighbour(Rows rows) {
        int near = rows.rowNear(id);
        for (int i = lastRow + 1; near < 0 && i < last.size(); i++) {
            near = rows.rowOf(last.id(i));
        }
        for (int i = Math.min(lastRow, last.size()) - 1; near < 0 && i >= 0; i--) {
            near = rows.rowOf(last.id(i));
        }
        return near >= 0 || rows.size() == 0 ? near : Math.max(0, Math.min(lastRow, rows.size() - 1));
    }

    private int remember(Rows rows, int row) {
        if (row >= 0) {
            id = rows.id(row);
        }
        last = rows;
        lastRow = row;
        return row;
    }

    /** The user moved the cursor to {@code row} (clamped to the list). */
    void moveTo(Rows rows, int row) {
        if (rows.size() == 0) {
            return;
        }
        beforeFilter = null;
        remember(rows, Math.max(0, Math.min(rows.size() - 1, row)));
    }

    /** The user moved the cursor by {@code by} rows from where the frame {@code rows} has it. */
    void moveBy(Rows rows, int by, UnaryOperator<String> whyGone) {
        int row = place(rows, whyGone);
        if (row >= 0) {
            moveTo(rows, row + by);
        }
    }

    /**
     * The list keys, the same on every list: a row up or down, a page of {@code pageRows}, the
     * first or last row. False, moving nothing, for any other action.
     */
    boolean move(Action action, Rows rows, int pageRows, UnaryOperator<String> whyGone) {
        int by = switch (action) {
            case UP -> -1;
            case DOWN -> 1;
            case PAGE_UP -> -pageRows;
            case PAGE_DOWN -> pageRows;
            case TOP -> -rows.size();
            case BOTTOM -> rows.size();
            default -> 0;
        };
        if (by == 0) {
            return false;
        }
        moveBy(rows, by, whyGone);
        return true;
    }

    /** The user changed the filter: the next frame's rows differ because of a key, not a refresh. */
    void filterChanged() {
        filterChanged = true;
    }

    /** Why the selection last moved on its own, once; null when it has not. */
    String takeNotice() {
        String said = notice;
        notice = null;
        return said;
    }

    /**
     * The first row of a page of {@code pageRows} that shows {@code selected}: the row at the top
     * stays at the top when rows come in front of it; {@code atEnd} shows the last page (a tail
     * being followed).
     */
    int top(Rows rows, int selected, int pageRows, boolean atEnd) {
        int anchored = topId == null || (headInView && top == 0) ? -1 : rows.rowNear(topId);
        if (atEnd) {
            top = Math.max(0, rows.size() - pageRows);
        } else if (anchored >= 0) {
            top = anchored;
        }
        if (!atEnd && selected >= 0 && selected < top) {
            top = selected;
        } else if (!atEnd && selected >= top + pageRows) {
            top = selected - pageRows + 1;
        }
        top = Math.max(0, Math.min(top, rows.size() - 1));
        topId = top < rows.size() ? rows.id(top) : null;
        return top;
    }
}

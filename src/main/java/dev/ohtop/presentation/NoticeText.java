package dev.ohtop.presentation;

import dev.ohtop.monitor.Attention;
import dev.ohtop.monitor.ConversationRow;

/**
 * The words of a notice: what the status line says, and the text of the desktop notification.
 * The title is the server's and not yet inert: the status line draws it through the canvas, the
 * notification strips its controls ({@code terminal.Ring}).
 */
public final class NoticeText {
    /** A title longer than this is cut: a notice is read at a glance. */
    static final int TITLE = 40;

    private NoticeText() {}

    /** The status line: "Fix flaky test… finished", or "3 conversations need you". */
    public static String said(Attention.Notice notice) {
        if (notice.count() > 1) {
            return notice.count() + " conversations need you";
        }
        return title(notice.row()) + " " + what(notice.reason());
    }

    /** The desktop notification: the status line's words after "ohtop: ". */
    public static String notification(Attention.Notice notice) {
        return "ohtop: " + said(notice);
    }

    /** What happened, after the title. */
    public static String what(Attention.Reason reason) {
        return switch (reason) {
            case FINISHED -> "finished";
            case ERROR -> "stopped on an error";
            case STUCK -> "is stuck";
            case WAITING_FOR_CONFIRMATION -> "waits for your confirmation";
            case SANDBOX_ERROR -> "lost its sandbox (ERROR)";
            case SANDBOX_MISSING -> "lost its sandbox (MISSING)";
        };
    }

    /** The title cut to {@link #TITLE} characters, or the short id when there is none. */
    static String title(ConversationRow row) {
        String title = row.title() == null ? "" : row.title().strip();
        if (title.isEmpty()) {
            return "conversation " + row.shortId();
        }
        if (title.codePointCount(0, title.length()) <= TITLE) {
            return title;
        }
        return title.substring(0, title.offsetByCodePoints(0, TITLE - 1)) + "…";
    }
}

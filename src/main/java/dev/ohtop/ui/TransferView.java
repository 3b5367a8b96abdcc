package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.ConversationRow;
import dev.ohtop.monitor.LocalPaths;
import dev.ohtop.monitor.SandboxFolder;
import dev.ohtop.monitor.SandboxPaths;
import dev.ohtop.monitor.Transfer;
import dev.ohtop.monitor.TransferSnapshot;
import dev.ohtop.presentation.TransferText;
import dev.ohtop.terminal.Canvas;
import dev.ohtop.terminal.Style;
import dev.ohtop.terminal.TerminalText;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A file to or from a conversation's sandbox, or its trajectory to a zip: a small form of paths,
 * then the transfer's progress and how it ended. The {@link Transfer} does the work on a worker;
 * this screen starts it, asks before a local file is replaced or the screen is left while it runs,
 * and cancels it on request. A failure keeps the form as it was, so Enter tries again.
 *
 * <p>Typing goes to the focused field ({@code ~/} is the home folder; a relative local path is in
 * the local folder, a relative sandbox path in the sandbox's own folder, read from the sandbox and
 * named in the hint once known; an empty one is that folder).
 */
final class TransferView implements View, Chrome.Status {
    /** Makes the transfer from the paths as typed (the remote one is ignored for a trajectory). */
    @FunctionalInterface
    interface Starter {
        Transfer make(String typedRemote, Path local);
    }

    private enum Role {
        REMOTE,
        LOCAL
    }

    private record Field(Role role, String label, String hint, TextField text) {}

    /** What a transfer was made from, to make it again (a retry after the sandbox is resumed). */
    private record Request(String typedRemote, Path local) {}

    private static final int LABEL_WIDTH = 16;
    private static final int FIRST_FIELD_ROW = 3;
    private static final int STATE_ROWS = 2;
    /** Stands in a hint for the sandbox's folder, named at drawing time once read. */
    private static final String FOLDER = "\0folder";

    private final Transfer.Kind kind;
    /** The conversation as the list last saw it: its sandbox may be paused or resumed while this is open. */
    private final Supplier<ConversationRow> conversation;

    private final Starter starter;
    private final ResumeOffer resume;
    private final Path localDir;
    /** The sandbox's folder as far as it is known (null until read), for the hint. */
    private final Supplier<SandboxFolder> folder;

    private final Keymap keys;
    private final List<Field> fields;
    private int focus;
    private Transfer transfer;
    private Request request;
    /** Asked when a download would replace a local file. */
    private Question overwrite;
    /** Asked when the user goes back while a transfer runs. */
    private Question leave;
    /** The failed transfer a resume was offered for: offered once, not on every event. */
    private Transfer offeredFor;

    TransferView(
            Transfer.Kind kind,
            Supplier<ConversationRow> conversation,
            Starter starter,
            ResumeOffer resume,
            Path localDir,
            Supplier<SandboxFolder> folder,
            Keymap keys) {
        this.keys = keys;
        this.folder = folder;
        this.kind = kind;
        this.conversation = conversation;
        this.starter = starter;
        this.resume = resume;
        this.localDir = localDir;
        this.fields = fieldsFor(kind);
    }

    private ConversationRow row() {
        return conversation.get();
    }

    private List<Field> fieldsFor(Transfer.Kind kind) {
        String inLocalDir = "~/ is your home folder; a relative path is in " + localDir;
        String inProject = "empty or relative: in " + FOLDER;
        return switch (kind) {
            case DOWNLOAD ->
                List.of(
                        field(Role.REMOTE, "sandbox file", inProject, ""),
                        field(
                                Role.LOCAL,
                                "save to",
                                inLocalDir + "; in a folder the file keeps its name",
                                localDir.toString()));
            case UPLOAD ->
                List.of(
                        field(Role.LOCAL, "local file", inLocalDir, ""),
                        field(Role.REMOTE, "sandbox path", inProject + "; one ending in / keeps the file's name", ""));
            case TRAJECTORY ->
                List.of(field(
                        Role.LOCAL,
                        "save the zip to",
                        inLocalDir,
                        localDir.resolve(SandboxPaths.localName("trajectory-" + row().shortId() + ".zip"))
                                .toString()));
        };
    }

    private static Field field(Role role, String label, String hint, String initial) {
        TextField text = new TextField(label, false);
        text.set(initial);
        return new Field(role, label, hint, text);
    }

    @Override
    public Scope scope() {
        return Scope.TRANSFER;
    }

    @Override
    public String title() {
        return switch (kind) {
            case DOWNLOAD -> "download from " + row().shortId();
            case UPLOAD -> "upload to " + row().shortId();
            case TRAJECTORY -> "trajectory of " + row().shortId();
        };
    }

    // ---- state ------------------------------------------------------------------------

    private TransferSnapshot snapshot() {
        return transfer == null ? null : transfer.snapshot();
    }

    private boolean running() {
        TransferSnapshot s = snapshot();
        return s != null && s.state() == Transfer.State.RUNNING;
    }

    /** Started and not yet ended: the form is locked until it ends. */
    private boolean underWay() {
        TransferSnapshot s = snapshot();
        return s != null && !s.finished();
    }

    // ---- drawing ----------------------------------------------------------------------

    @Override
    public void draw(Canvas canvas, Instant now) {
        int height = canvas.height();
        if (height <= 0) {
            return;
        }
        Question asking = overwrite != null ? overwrite : leave;
        int bottomRows = (asking != null ? 1 : 0) + (resume.hasLine() ? 1 : 0);
        // On a small terminal the fields and the state come first; the heading and hint go.
        boolean roomy = height >= fields.size() + STATE_ROWS + bottomRows + 5;
        int r = 0;
        if (roomy) {
            heading(canvas);
            r = FIRST_FIELD_ROW;
        }
        for (int i = 0; i < fields.size(); i++) {
            drawField(canvas.rows(r++, 1), fields.get(i), i == focus && !underWay());
        }
        if (roomy) {
            if (!underWay()) {
                canvas.text(3 + LABEL_WIDTH, r, hint(fields.get(focus)), Theme.DIM);
            }
            r += 2;
        }
        drawState(canvas.rows(r, STATE_ROWS));
        int bottom = height - 1;
        if (resume.hasLine()) {
            resume.draw(canvas.rows(asking != null ? bottom - 1 : bottom, 1), now);
        }
        if (asking != null) {
            asking.draw(canvas.rows(bottom, 1));
        }
    }

    /** The field's hint, the sandbox's folder named in it (as the sandbox said it: made safe to draw). */
    private String hint(Field field) {
        SandboxFolder known = folder.get();
        String where = known == null
                ? "the sandbox's folder"
                : known.known()
                        ? TerminalText.safeLine(known.path()) + "/"
                        : "the sandbox's folder, which could not be read (" + TerminalText.safeLine(known.problem())
                                + "): type an absolute path";
        return field.hint().replace(FOLDER, where);
    }

    private void heading(Canvas canvas) {
        String what = switch (kind) {
            case DOWNLOAD -> "Download a file from the sandbox of ";
            case UPLOAD -> "Upload a file to the sandbox of ";
            case TRAJECTORY -> "Download the trajectory (a zip) of ";
        };
        int c = canvas.text(1, 0, what, Theme.TITLE);
        canvas.text(c, 0, row().title(), Theme.TITLE);
        Theme.Badge box = Theme.sandbox(row().sandboxStatus());
        if (!box.text().isEmpty()) {
            canvas.text(1, 1, "sandbox " + box.text(), box.style());
        }
    }

    private static void drawField(Canvas line, Field field, boolean focused) {
        line.text(1, 0, focused ? "▸" : " ", Theme.TITLE);
        line.text(3, 0, field.label(), focused ? Theme.TITLE : Theme.DIM);
        int c = 3 + LABEL_WIDTH;
        // A long path keeps its end in view: that is where the typing is.
        String typed = TerminalText.fitEnd(TerminalText.safeLine(field.text().text()), line.width() - c - 2);
        c = line.text(c, 0, typed, Style.NORMAL);
        if (focused) {
            line.text(c, 0, "█", Style.NORMAL);
        }
    }

    /** Two rows: what is under way (from where to where, and the bar) or how it ended. */
    private void drawState(Canvas rows) {
        TransferSnapshot s = snapshot();
        if (s == null) {
            return;
        }
        switch (s.state()) {
            case READY, NEEDS_CONFIRMATION -> route(rows, s, "");
            case RUNNING -> {
                route(rows, s, "cancelling".equals(s.message()) ? "  (cancelling…)" : "");
                TransferProgress.draw(rows.rows(1, 1), 3, s);
            }
            case DONE -> {
                rows.text(1, 0, "✓ " + TransferText.finished(s), Theme.OK);
                if (s.message() != null) {
                    rows.text(3, 1, s.message(), Theme.DIM);
                }
            }
            case FAILED -> {
                rows.text(1, 0, "✗ " + s.message(), Theme.ERROR);
                rows.text(3, 1, "Enter tries again (edit the paths first if need be)", Theme.DIM);
            }
            case CANCELLED -> rows.text(1, 0, "✗ " + cancelled(s), Theme.WARNING);
        }
    }

    /** {@code ⇣ /workspace/app/a.bin → /home/me/a.bin}: the paths as the transfer resolved them. */
    private void route(Canvas rows, TransferSnapshot s, String note) {
        String local = s.localPath().toString();
        String line = switch (kind) {
            case DOWNLOAD -> "⇣ " + s.remotePath() + " → " + local;
            case UPLOAD -> "⇡ " + local + " → " + s.remotePath();
            case TRAJECTORY -> "⇣ the trajectory of " + row().shortId() + " → " + local;
        };
        rows.text(1, 0, line + note, Style.NORMAL);
    }

    private String cancelled(TransferSnapshot s) {
        if (kind == Transfer.Kind.UPLOAD) {
            return "upload " + s.message();
        }
        boolean kept = Files.exists(s.localPath());
        return "cancelled; nothing was written" + (kept ? " (" + s.localPath() + " is as it was)" : "");
    }

    @Override
    public String status(Instant now) {
        TransferSnapshot s = snapshot();
        if (s == null) {
            return "Enter starts; " + keys.keyName(Scope.TRANSFER, Action.TRANSFER_NEXT_FIELD)
                    + " goes to the next field";
        }
        return switch (s.state()) {
            case READY, NEEDS_CONFIRMATION -> "y replaces the local file, n keeps it";
            case RUNNING ->
                TransferText.verb(kind) + ": " + keys.keyName(Scope.TRANSFER, Action.TRANSFER_CANCEL)
                        + " cancels; going back asks first";
            case DONE -> "done; Enter starts another";
            case FAILED -> s.message();
            case CANCELLED -> "cancelled; Enter starts again";
        };
    }

    @Override
    public boolean statusIsProblem() {
        TransferSnapshot s = snapshot();
        return s != null && s.state() == Transfer.State.FAILED;
    }

    // ---- keys -------------------------------------------------------------------------

    @Override
    public Step onKey(KeyStroke key) {
        if (resume.active()) {
            resume.onKey(key);
            return Step.STAY;
        }
        if (overwrite != null) {
            return answerOverwrite(key);
        }
        if (leave != null) {
            return answerLeave(key);
        }
        if (underWay()) {
            return Step.PASS; // the keymap's cancel and back
        }
        return switch (fields.get(focus).text().on(key)) {
            case ENTER -> start();
            case EDITED -> Step.STAY;
            case IGNORED -> Step.PASS;
        };
    }

    @Override
    public Step on(Action action) {
        switch (action) {
            case TRANSFER_NEXT_FIELD -> {
                if (!underWay()) {
                    focus = (focus + 1) % fields.size();
                }
            }
            case TRANSFER_CANCEL -> {
                if (!cancel()) {
                    return new Step.Flash("no transfer is running");
                }
            }
            case BACK -> {
                if (running()) {
                    // Leaving would lose sight of it, and it would go on unseen: ask first.
                    leave = new Question("cancel the transfer?");
                    return Step.HANDLED;
                }
            }
            default -> {
                return Step.STAY;
            }
        }
        return Step.STAY;
    }

    /** Ctrl+C: cancels a transfer under way (or declines the overwrite), else stops a resume, else drops the typed path. */
    @Override
    public String interrupt() {
        if (cancel()) {
            return "transfer cancelled";
        }
        String stopped = resume.interrupt();
        if (stopped != null) {
            return stopped;
        }
        fields.get(focus).text().set("");
        return "line dropped";
    }

    private boolean cancel() {
        if (!underWay()) {
            return false;
        }
        transfer.cancel();
        overwrite = null;
        leave = null;
        return true;
    }

    private Step answerOverwrite(KeyStroke key) {
        Question.Answer answer = overwrite.on(key);
        if (answer == Question.Answer.ASKING) {
            return Step.STAY;
        }
        overwrite = null;
        if (answer == Question.Answer.YES) {
            transfer.confirmOverwrite();
        } else {
            transfer.cancel();
        }
        return Step.STAY;
    }

    private Step answerLeave(KeyStroke key) {
        Question.Answer answer = leave.on(key);
        if (answer == Question.Answer.ASKING) {
            return Step.STAY;
        }
        leave = null;
        if (answer == Question.Answer.YES) {
            cancel();
            return Step.BACK;
        }
        return Step.STAY;
    }

    /** Enter on the form: a new transfer from the fields as they are (a retry, after a failure). */
    private Step start() {
        String typedLocal = text(Role.LOCAL).strip();
        if (kind == Transfer.Kind.UPLOAD && typedLocal.isEmpty()) {
            return new Step.Flash("name the local file to upload first");
        }
        Path local;
        try {
            local = LocalPaths.typed(localDir, typedLocal);
        } catch (InvalidPathException e) {
            return new Step.Flash("not a local path: " + e.getMessage());
        }
        if (kind != Transfer.Kind.UPLOAD && typedLocal.endsWith("/") && !Files.isDirectory(local)) {
            // A path typed as a folder that is not there would otherwise become a file of that name.
            return new Step.Flash("no folder " + local + ": make it first, or name a file");
        }
        begin(new Request(text(Role.REMOTE), local));
        return Step.STAY;
    }

    private void begin(Request made) {
        request = made;
        transfer = starter.make(made.typedRemote(), made.local());
        transfer.start();
        TransferSnapshot s = transfer.snapshot();
        if (s.state() == Transfer.State.NEEDS_CONFIRMATION) {
            overwrite = Question.overwrite(s.localPath());
        }
    }

    private String text(Role role) {
        return fields.stream()
                .filter(f -> f.role() == role)
                .map(f -> f.text().text())
                .findFirst()
                .orElse("");
    }

    /**
     * After every event: a transfer that failed because its sandbox is paused brings the offer to
     * resume it (once), then the same transfer again once the sandbox runs; a question about leaving is dropped once the
     * transfer has ended by itself.
     */
    @Override
    public Step next() {
        resume.settle();
        TransferSnapshot s = snapshot();
        if (s != null && s.finished() && s.pausedSandbox() != null && offeredFor != transfer) {
            offeredFor = transfer;
            Request again = request;
            resume.offer(s.pausedSandbox(), () -> begin(again));
        }
        if (leave != null && !running()) {
            leave = null;
        }
        return Step.STAY;
    }

    /** Leaving for good (quitting ohtop): nothing goes on unseen. */
    @Override
    public void closed() {
        cancel();
    }
}

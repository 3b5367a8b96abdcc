package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.Durations;
import dev.ohtop.monitor.SandboxResumer;
import dev.ohtop.terminal.Canvas;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * When a console or a transfer finds its sandbox paused: the offer to resume it (a yes/no
 * question), then the wait for RUNNING with its progress, drawn on one row of that screen. Once
 * the sandbox runs, the follow-up the screen gave (rerun, retry, send) happens on the UI thread,
 * from the screen's {@link View#next()} ({@link #settle()}).
 */
final class ResumeOffer {
    private final Function<String, SandboxResumer> resumers;
    private final Runnable onRunning;
    private final boolean readOnly;
    private final Keymap keys;
    /** The screen it is drawn on: the back key there stops waiting. */
    private final Scope screen;

    private String sandboxId;
    private Question question;
    private SandboxResumer resumer;
    private Runnable then;
    /** Under --readonly: what is said instead of the offer (a resume would be refused). */
    private String notice;

    /**
     * @param resumers  makes the resumer for a sandbox id (on the app's scheduler, redrawing on change)
     * @param onRunning what must happen once any sandbox runs again (e.g. forget the old agent server)
     * @param keys      the keys in force: the screen's back key stops waiting
     */
    ResumeOffer(Function<String, SandboxResumer> resumers, Runnable onRunning, Keymap keys, Scope screen) {
        this(resumers, onRunning, keys, screen, false);
    }

    /** Under --readonly: a paused sandbox is said as such, and nothing is offered that would be refused. */
    static ResumeOffer readOnly(Keymap keys, Scope screen) {
        return new ResumeOffer(
                sandboxId -> {
                    throw new IllegalStateException("no resume under --readonly");
                },
                () -> {},
                keys,
                screen,
                true);
    }

    private ResumeOffer(
            Function<String, SandboxResumer> resumers,
            Runnable onRunning,
            Keymap keys,
            Scope screen,
            boolean readOnly) {
        this.keys = Objects.requireNonNull(keys);
        this.screen = Objects.requireNonNull(screen);
        this.resumers = Objects.requireNonNull(resumers);
        this.onRunning = Objects.requireNonNull(onRunning);
        this.readOnly = readOnly;
    }

    /** Asks whether to resume; {@code then} runs once it is RUNNING. Does nothing while already at it. */
    void offer(String pausedSandboxId, Runnable then) {
        if (pausedSandboxId == null || active()) {
            return;
        }
        this.sandboxId = pausedSandboxId;
        if (readOnly) {
            notice = "the sandbox " + pausedSandboxId + " is paused; resuming it is off under --readonly";
            return;
        }
        this.then = then;
        this.resumer = null;
        this.question = new Question("the sandbox " + pausedSandboxId + " is paused. Resume it?");
    }

    /** Asking, or waiting for the sandbox: the screen gives this its row and its keys. */
    boolean active() {
        return question != null || (resumer != null && !resumer.snapshot().finished());
    }

    boolean asking() {
        return question != null;
    }

    /** Takes a key while asking (y starts the resume) or waiting (the back key stops waiting); false when idle. */
    boolean onKey(KeyStroke key) {
        if (question != null) {
            Question.Answer answer = question.on(key);
            if (answer == Question.Answer.YES) {
                question = null;
                resumer = resumers.apply(sandboxId);
                resumer.start();
            } else if (answer == Question.Answer.NO) {
                question = null;
                then = null;
            }
            return true;
        }
        if (resumer != null && !resumer.snapshot().finished()) {
            if (keys.actionFor(screen, key).filter(a -> a == Action.BACK).isPresent()) {
                resumer.cancel();
            }
            return true;
        }
        return false;
    }

    /** Ctrl+C while waiting stops waiting (the sandbox may still come up), while asking says no; null when idle. */
    String interrupt() {
        if (resumer != null && !resumer.snapshot().finished()) {
            resumer.cancel();
            return "stopped waiting for the sandbox";
        }
        if (question != null) {
            question = null;
            then = null;
            return "answered no";
        }
        return null;
    }

    /**
     * Called from the screen's {@link View#next()}, on the UI thread after every event, never from
     * its draw (a draw starts no work): once the sandbox runs, the old agent server is forgotten
     * and the follow-up runs, once.
     */
    void settle() {
        if (resumer != null && resumer.snapshot().state() == SandboxResumer.State.RUNNING && then != null) {
            Runnable followUp = then;
            then = null;
            onRunning.run();
            followUp.run();
        }
    }

    /** One row: the question, the wait, or how the last resume ended; nothing when idle. */
    void draw(Canvas row, Instant now) {
        if (question != null) {
            question.draw(row);
            return;
        }
        if (resumer == null) {
            if (notice != null) {
                row.text(1, 0, notice, Theme.WARNING);
            }
            return;
        }
        SandboxResumer.ResumeSnapshot s = resumer.snapshot();
        switch (s.state()) {
            case RESUMING ->
                row.text(
                        1,
                        0,
                        "resuming " + sandboxId + ": " + (s.status() == null ? "asking" : s.status())
                                + " for " + Durations.brief(s.elapsed(now))
                                + (s.problem() == null ? "" : " (" + s.problem() + ")")
                                + "  " + keys.keyName(screen, Action.BACK) + " stops waiting",
                        Theme.CHANGED);
            case RUNNING -> row.text(1, 0, "the sandbox " + sandboxId + " is running again", Theme.OK);
            default ->
                row.text(
                        1,
                        0,
                        s.problem() == null ? "resume " + s.state().name().toLowerCase() : s.problem(),
                        Theme.ERROR);
        }
    }

    /** Whether {@link #draw} has anything to show. */
    boolean hasLine() {
        return question != null || resumer != null || notice != null;
    }
}

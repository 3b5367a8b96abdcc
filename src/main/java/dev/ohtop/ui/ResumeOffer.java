package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ohtop.keymap.Action;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.Scope;
import dev.ohtop.monitor.Durations;
import dev.ohtop.monitor.SandboxResumer;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * When a console or a transfer finds its sandbox paused: the offer to resume it (a yes/no
 * question), then the wait for RUNNING with its progress, drawn on one row of that screen. Once
 * the sandbox runs, the follow-up the screen gave (rerun, retry, send) happens on the UI thread.
 */
final class ResumeOffer {
    private final Function<String, SandboxResumer> resumers;
    private final Runnable onRunning;
    private final Keymap keys;
    /** The screen it is drawn on: the back key there stops waiting. */
    private final Scope screen;
    private String sandboxId;
    private Question question;
    private SandboxResumer resumer;
    private Runnable then;

    /**
     * @param resumers  makes the resumer for a sandbox id (on the app's scheduler, redrawing on change)
     * @param onRunning what must happen once any sandbox runs again (e.g. forget the old agent server)
     * @param keys      the keys in force: the screen's back key stops waiting
     */
    ResumeOffer(Function<String, SandboxResumer> resumers, Runnable onRunning, Keymap keys, Scope screen) {
        this.keys = Objects.requireNonNull(keys);
        this.screen = Objects.requireNonNull(screen);
        this.resumers = Objects.requireNonNull(resumers);
        this.onRunning = Objects.requireNonNull(onRunning);
    }

    /** Asks whether to resume; {@code then} runs once it is RUNNING. Does nothing while already at it. */
    void offer(String pausedSandboxId, Runnable then) {
        if (pausedSandboxId == null || active()) {
            return;
        }
        this.sandboxId = pausedSandboxId;
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

    /** Ctrl+C while waiting stops waiting (the sandbox may still come up); false when there is nothing to stop. */
    boolean interrupt() {
        if (resumer != null && !resumer.snapshot().finished()) {
            resumer.cancel();
            return true;
        }
        if (question != null) {
            question = null;
            then = null;
            return true;
        }
        return false;
    }

    /**
     * Called by the screen before it draws, on the UI thread: once the sandbox runs, the old
     * agent server is forgotten and the follow-up runs, once.
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
            return;
        }
        SandboxResumer.ResumeSnapshot s = resumer.snapshot();
        switch (s.state()) {
            case RESUMING -> row.text(1, 0, "resuming " + sandboxId + ": " + (s.status() == null ? "asking" : s.status())
                    + " for " + Durations.brief(s.elapsed(now)) + (s.problem() == null ? "" : " (" + s.problem() + ")")
                    + "  " + keys.keyName(screen, Action.BACK) + " stops waiting", Theme.CHANGED);
            case RUNNING -> row.text(1, 0, "the sandbox " + sandboxId + " is running again", Theme.OK);
            default -> row.text(1, 0, s.problem() == null ? "resume " + s.state().name().toLowerCase() : s.problem(),
                    Theme.ERROR);
        }
    }

    /** Whether {@link #draw} has anything to show. */
    boolean hasLine() {
        return question != null || resumer != null;
    }
}

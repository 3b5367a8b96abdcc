package dev.ohtop.commands;

import dev.ohtop.api.AppConversation;
import dev.ohtop.api.CloudClient;
import dev.ohtop.monitor.CloudAccount;
import dev.ohtop.terminal.Glyphs;
import dev.ohtop.terminal.TerminalText;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;

/**
 * What a command works with: the servers (through the same {@link CloudAccount} as the screens:
 * the same keys, https rule, retries, rate gate and {@code --readonly} guard), stdout for data,
 * stderr for messages, and how to show text from the network.
 *
 * <p>Human output shows network text inert (an escape sequence as {@code ^[}), and cuts it to a
 * column only when stdout is a terminal; JSON output keeps it exact.
 */
public final class Session {
    private final CloudAccount account;
    private final PrintStream out;
    private final Stderr stderr;
    private final InputStream in;
    private final boolean terminal;
    private final Glyphs glyphs;
    private final Clock clock;

    /**
     * @param terminal whether stdout is a terminal (values are cut to their columns only then)
     * @param glyphs   ASCII when the locale is not UTF-8 (or {@code --ascii})
     */
    public Session(
            CloudAccount account,
            PrintStream out,
            Stderr stderr,
            InputStream in,
            boolean terminal,
            Glyphs glyphs,
            Clock clock) {
        this.account = account;
        this.out = out;
        this.stderr = stderr;
        this.in = in;
        this.terminal = terminal;
        this.glyphs = glyphs;
        this.clock = clock;
    }

    public CloudAccount account() {
        return account;
    }

    /** Data, and only data: what a script reads. */
    public PrintStream out() {
        return out;
    }

    /**
     * Standard error as it is, for a sandbox command's own stderr ({@code exec}); ohtop's own
     * messages go through {@link #say(String)}.
     */
    public PrintStream err() {
        return stderr.err();
    }

    /** Standard input, for the commands that read a file or message from {@code -}. */
    public InputStream in() {
        return in;
    }

    /** A message on stderr, inert, secrets hidden, each line as {@code ohtop: ...}. */
    public void say(String message) {
        stderr.say(message);
    }

    public boolean terminal() {
        return terminal;
    }

    public Glyphs glyphs() {
        return glyphs;
    }

    public Clock clock() {
        return clock;
    }

    /** Network text as one inert line, cut to {@code width} columns on a terminal, whole in a pipe; "-" when empty. */
    public String cell(String text, int width) {
        String safe = terminal ? TerminalText.safe(text, width, glyphs) : glyphs.shown(TerminalText.safeLine(text));
        return safe.isEmpty() ? "-" : safe;
    }

    /** Network text as one inert line, never cut. */
    public String line(String text) {
        return glyphs.shown(TerminalText.safeLine(text));
    }

    /** Network text over several lines, each inert, never cut. */
    public String lines(String text) {
        return glyphs.shown(TerminalText.safeLines(text));
    }

    /** The conversation {@code typed} names: a whole id or a unique prefix (exit 4 otherwise, candidates listed). */
    public AppConversation conversation(String typed) throws CommandFailure {
        return new Conversations(account.lookups(), this::say).find(typed);
    }

    /** The app server, or a usage failure naming what needs it when attached to an agent server. */
    public CloudClient appServer(String what) throws CommandFailure {
        return account.appServer()
                .orElseThrow(() -> CommandFailure.usage(
                        what + " needs the app server; attached to an agent server there is none"));
    }

    /** The conversation's page in the web app, or null when attached (an agent server has none). */
    public URI webUrl(String conversationId) {
        return account.appServer()
                .map(cloud -> cloud.baseUrl().resolve("/conversations/" + conversationId))
                .orElse(null);
    }
}

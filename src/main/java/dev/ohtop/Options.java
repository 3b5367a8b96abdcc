package dev.ohtop;

import dev.ohtop.api.TransportPolicy;
import dev.ohtop.terminal.Ring;
import dev.ohtop.terminal.TerminalText;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What the user asked for, from flags over environment over defaults. The API key and the
 * session key come from the environment or a file, never from the command line, where {@code ps}
 * would show them.
 *
 * @param apiKey      null in demo mode and when attached; never printed ({@link #toString()} hides it)
 * @param ascii       draw with ASCII marks only, whatever the locale says ({@code --ascii})
 * @param agentServer the agent server to attach to ({@code --agent-server}), or null for an app server
 * @param sessionKey  that agent server's session key, null when not attached; never printed
 * @param ring        how a conversation that needs its user rings ({@code --notify}, the bell by default)
 */
public record Options(
        boolean demo,
        URI baseUrl,
        String apiKey,
        Duration refresh,
        String keymap,
        boolean readonly,
        boolean insecure,
        boolean list,
        boolean help,
        boolean version,
        int maxEvents,
        boolean ascii,
        URI agentServer,
        String sessionKey,
        Ring ring) {

    public static final int DEFAULT_MAX_EVENTS = 10_000;
    public static final int MIN_MAX_EVENTS = 100;
    public static final int MAX_MAX_EVENTS = 10_000_000;
    /** How much of a value the user typed a message quotes: enough to find it, not a pasted secret whole. */
    private static final int QUOTED = 24;

    public static final String KEY_VARIABLE = "OPENHANDS_CLOUD_API_KEY";
    public static final String FALLBACK_KEY_VARIABLE = "OPENHANDS_API_KEY";
    public static final String BASE_URL_VARIABLE = "OPENHANDS_BASE_URL";
    public static final String DEFAULT_BASE_URL = "https://app.all-hands.dev";
    public static final String SESSION_KEY_VARIABLE = "OH_SESSION_API_KEY";

    /** The options that take a value: on a command line with a command, they are ohtop's own wherever they stand. */
    static final Set<String> WITH_VALUE = Set.of(
            "--base-url",
            "--agent-server",
            "--session-key-file",
            "--api-key-file",
            "--keymap",
            "--refresh",
            "--max-events",
            "--notify");
    /** The options that take none. */
    static final Set<String> SWITCHES = Set.of(
            "--demo",
            "--readonly",
            "--insecure",
            "--list",
            "--help",
            "--version",
            "--ascii",
            "--api-key",
            "--key",
            "--session-key",
            "--session-api-key");

    /** A problem with how ohtop was called: one line for the user, then exit 2. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Formatted when asked for, not when the class loads: a Formatter's first use costs a command 10 ms. */
    public static String usage() {
        return """
            usage: ohtop [options]           the full screen
                   ohtop COMMAND [args]      a command for scripts: ohtop help lists them
              --demo               run against the built-in demo server (no account needed)
              --base-url URL       OpenHands server (default %s, or $%s)
              --api-key-file PATH  read the API key from a file (default: $%s, then $%s)
              --agent-server URL   attach straight to one agent server instead (no app server)
              --session-key-file PATH  read the agent server's session key from a file (default: $%s)
              --refresh SECONDS    how often the conversation list refreshes, 0.5 to 3600 (default 3)
              --keymap NAME|PATH   key bindings: default, vim, emacs, or a file of your own
              --max-events N       events held per conversation tail, the newest, 100 to 10000000 (default %d)
              --notify HOW         ring when a conversation needs you: bell, osc9, osc777, none (default bell)
              --readonly           hide and refuse every action that changes anything
              --insecure           allow the API key over plain http to a non-loopback host
              --list               print the conversations once and exit (no full screen)
              --ascii              draw with ASCII only (the default when the locale is not UTF-8)
              --version            print the version and exit
              --help               this text
            """.formatted(
                        DEFAULT_BASE_URL,
                        BASE_URL_VARIABLE,
                        KEY_VARIABLE,
                        FALLBACK_KEY_VARIABLE,
                        SESSION_KEY_VARIABLE,
                        DEFAULT_MAX_EVENTS);
    }

    public static Options parse(String[] args, Map<String, String> env) throws UsageException {
        boolean demo = false, readonly = false, insecure = false, list = false, help = false, version = false;
        boolean ascii = false;
        String baseUrl = env.get(BASE_URL_VARIABLE);
        String keyFile = null;
        String agentServer = null;
        String sessionKeyFile = null;
        boolean baseUrlGiven = false;
        String keymap = "default";
        Duration refresh = Duration.ofSeconds(3);
        int maxEvents = DEFAULT_MAX_EVENTS;
        Ring ring = Ring.BELL;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--demo" -> demo = true;
                case "--readonly" -> readonly = true;
                case "--insecure" -> insecure = true;
                case "--list" -> list = true;
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--ascii" -> ascii = true;
                case "--base-url" -> {
                    baseUrl = inline != null ? inline : value(args, ++i, name);
                    baseUrlGiven = true;
                }
                case "--agent-server" -> agentServer = inline != null ? inline : value(args, ++i, name);
                case "--session-key-file" -> sessionKeyFile = inline != null ? inline : value(args, ++i, name);
                case "--api-key-file" -> keyFile = inline != null ? inline : value(args, ++i, name);
                case "--keymap" -> keymap = inline != null ? inline : value(args, ++i, name);
                case "--refresh" -> refresh = seconds(inline != null ? inline : value(args, ++i, name));
                case "--max-events" -> maxEvents = count(inline != null ? inline : value(args, ++i, name));
                case "--notify" -> ring = ring(inline != null ? inline : value(args, ++i, name));
                case "--api-key", "--key" ->
                    throw new UsageException("a key on the command line would show in ps; set " + KEY_VARIABLE
                            + " or use --api-key-file");
                case "--session-key", "--session-api-key" ->
                    throw new UsageException("a key on the command line would show in ps; set " + SESSION_KEY_VARIABLE
                            + " or use --session-key-file");
                default -> throw new UsageException("unknown option " + quote(arg) + " (see --help)");
            }
        }
        if (help || version) {
            return new Options(
                    demo, null, null, refresh, keymap, readonly, insecure, list, help, version, maxEvents, ascii, null,
                    null, ring);
        }
        if (agentServer != null && keyFile != null) {
            throw new UsageException("--agent-server takes a session key, not the API key: leave out --api-key-file");
        }
        if (agentServer != null) {
            return attached(
                    agentServer,
                    sessionKeyFile,
                    demo,
                    baseUrlGiven,
                    env,
                    refresh,
                    keymap,
                    readonly,
                    insecure,
                    list,
                    maxEvents,
                    ascii,
                    ring);
        }
        if (sessionKeyFile != null) {
            throw new UsageException("--session-key-file is for --agent-server");
        }
        String apiKey = null;
        if (!demo) {
            apiKey = keyFile != null
                    ? readKeyFile(keyFile, "--api-key-file")
                    : firstSet(env.get(KEY_VARIABLE), env.get(FALLBACK_KEY_VARIABLE));
            if (apiKey == null) {
                throw new UsageException(
                        "no API key: set " + KEY_VARIABLE + " (or use --api-key-file), " + "or try ohtop with --demo");
            }
        }
        URI base = demo ? null : url(baseUrl == null ? DEFAULT_BASE_URL : baseUrl);
        if (base != null && !insecure) {
            refuseCleartext(base, "API key");
        }
        return new Options(
                demo, base, apiKey, refresh, keymap, readonly, insecure, list, false, false, maxEvents, ascii, null,
                null, ring);
    }

    /**
     * {@code --agent-server}: one agent server, its session key from the environment or a file,
     * and no app server (so neither {@code --base-url} nor {@code --demo}, which is one).
     */
    private static Options attached(
            String agentServer,
            String sessionKeyFile,
            boolean demo,
            boolean baseUrlGiven,
            Map<String, String> env,
            Duration refresh,
            String keymap,
            boolean readonly,
            boolean insecure,
            boolean list,
            int maxEvents,
            boolean ascii,
            Ring ring)
            throws UsageException {
        if (demo || baseUrlGiven) {
            throw new UsageException(
                    "--agent-server attaches to an agent server alone: leave out " + (demo ? "--demo" : "--base-url"));
        }
        URI url = url(agentServer.strip().replaceAll("/+$", ""));
        String key = sessionKeyFile != null
                ? readKeyFile(sessionKeyFile, "--session-key-file")
                : firstSet(env.get(SESSION_KEY_VARIABLE));
        if (key == null) {
            throw new UsageException("no session key for the agent server: set " + SESSION_KEY_VARIABLE
                    + " (or use --session-key-file)");
        }
        if (!insecure) {
            refuseCleartext(url, "session key");
        }
        return new Options(
                false, null, null, refresh, keymap, readonly, insecure, list, false, false, maxEvents, ascii, url, key,
                ring);
    }

    /**
     * Said before anything starts: every request would be refused anyway (the clients check each
     * one too), and a full screen that only ever shows the refusal helps nobody.
     */
    private static void refuseCleartext(URI base, String what) throws UsageException {
        if (base.getScheme().equals("http") && !TransportPolicy.isLoopback(base.getHost())) {
            throw new UsageException("will not send the " + what + " over plain http to " + base.getHost()
                    + "; use https, or --insecure if you really mean it");
        }
    }

    private static String value(String[] args, int i, String name) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return args[i];
    }

    private static Duration seconds(String text) throws UsageException {
        try {
            double s = Double.parseDouble(text);
            if (!(s >= 0.5 && s <= 3600)) { // NaN too
                throw new UsageException("--refresh must be between 0.5 and 3600 seconds");
            }
            return Duration.ofMillis((long) (s * 1000));
        } catch (NumberFormatException e) {
            throw new UsageException("--refresh takes a number of seconds from 0.5 to 3600, not '" + quote(text) + "'");
        }
    }

    private static int count(String text) throws UsageException {
        String digits = text.strip();
        if (!digits.matches("[0-9]+")) {
            throw new UsageException("--max-events takes a whole number from " + MIN_MAX_EVENTS + " to "
                    + MAX_MAX_EVENTS + ", not '" + quote(text) + "'");
        }
        long n = digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits); // far past the range either way
        if (n < MIN_MAX_EVENTS || n > MAX_MAX_EVENTS) {
            throw new UsageException("--max-events must be between " + MIN_MAX_EVENTS + " and " + MAX_MAX_EVENTS);
        }
        return (int) n;
    }

    private static Ring ring(String text) throws UsageException {
        Ring named = Ring.named(text);
        if (named == null) {
            throw new UsageException("--notify takes bell, osc9, osc777 or none, not '" + quote(text) + "'");
        }
        return named;
    }

    private static URI url(String text) throws UsageException {
        try {
            URI uri = URI.create(text.strip());
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("a server URL must look like https://host[:port], not '" + quote(text) + "'");
        }
    }

    private static String readKeyFile(String path, String flag) throws UsageException {
        try {
            String key = Files.readString(Path.of(path)).strip();
            if (key.isEmpty()) {
                throw new UsageException("the key file " + path + " is empty (" + flag + ")");
            }
            return key;
        } catch (InvalidPathException e) {
            throw new UsageException("not a path: '" + quote(path) + "' (" + flag + ")");
        } catch (java.io.IOException e) {
            throw new UsageException(FileProblems.describe(e, path) + " (" + flag + ")");
        }
    }

    /** What the user typed, inert and cut: a message names the value without echoing a pasted secret whole. */
    private static String quote(String typed) {
        return TerminalText.safe(typed, QUOTED);
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Options[demo=" + demo + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "****")
                + ", agentServer=" + agentServer + ", sessionKey=" + (sessionKey == null ? "none" : "****")
                + ", refresh=" + refresh + ", keymap=" + keymap + ", readonly=" + readonly + ", insecure=" + insecure
                + ", ascii=" + ascii + ", notify=" + ring.flag() + "]";
    }
}

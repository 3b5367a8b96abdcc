package dev.ohtop;

import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RateGate;
import dev.ohtop.api.Version;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.KeymapException;
import dev.ohtop.monitor.AgentServerConversations;
import dev.ohtop.monitor.BoardSnapshot;
import dev.ohtop.monitor.CloudAccount;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.terminal.Glyphs;
import dev.ohtop.terminal.TerminalLook;
import dev.ohtop.terminal.TerminalSession;
import dev.ohtop.ui.FullScreen;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Entry point: reads options, starts the demo server when asked, and runs ohtop. */
public final class Main {
    static final String VERSION = Version.CURRENT;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * With the process's environment, and a clock in the user's own zone: an event's time and
     * whether it is "today" read as on their wall clock.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err, Clock.systemDefaultZone());
    }

    /**
     * @param env   the environment (a map in tests): keys, base URL, TERM, locale, NO_COLOR, state folder
     * @param clock the one clock of the run: ages, the log's times, the request budget
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        ClientOptions clientOptions = ClientOptions.defaults();
        Stderr stderr = new Stderr(err, clientOptions.secrets());
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (Options.UsageException e) {
            stderr.say(e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.print(Options.USAGE);
            return 0;
        }
        if (options.version()) {
            out.println("ohtop " + VERSION);
            return 0;
        }
        clientOptions.secrets().add(options.apiKey()); // before the key file: a key pasted there is hidden too
        clientOptions.secrets().add(options.sessionKey());
        Keymap keymap;
        try {
            keymap = Keymap.load(options.keymap());
        } catch (KeymapException e) {
            stderr.say(e.getMessage());
            return 2;
        }
        if (!options.list()) {
            // Before the demo server and the log: without a terminal there is nothing to start them for.
            try {
                TerminalSession.requireTerminal(env);
            } catch (TerminalSession.NoTerminalException e) {
                stderr.say(e.getMessage());
                return 2;
            }
        }
        TerminalLook look = TerminalLook.from(env, options.ascii());
        if (options.agentServer() != null) {
            return attached(options, clientOptions, keymap, look, env, out, stderr, clock);
        }
        try (DemoServer demo =
                options.demo() ? DemoServer.start(DemoConfig.defaults()).closingOnExit() : null) {
            URI baseUrl = demo != null ? demo.appServerUrl() : options.baseUrl();
            String key = demo != null ? demo.apiKey() : options.apiKey();
            clientOptions.secrets().add(key);
            ClientOptions withFlags = clientOptions.withAllowInsecure(options.insecure());
            // One request budget per server for everything this run sends: pollers, pages, searches.
            CloudClient cloud = new CloudClient(
                            HttpCore.newHttpClient(withFlags), baseUrl, Credential.bearer(key), withFlags)
                    .gated(RateGate.forCloud(clock));
            if (options.list()) {
                return printListing(new ConversationBoard(cloud, clock), look.glyphs(), out, stderr, clock);
            }
            return fullScreen(new CloudAccount(cloud, options.readonly()), keymap, options, look, env, stderr, clock);
        } catch (java.io.IOException e) {
            stderr.say("cannot start the demo server: " + e.getMessage());
            return 1;
        }
    }

    /** {@code --agent-server}: one agent server, no app server. */
    private static int attached(
            Options options,
            ClientOptions clientOptions,
            Keymap keymap,
            TerminalLook look,
            Map<String, String> env,
            PrintStream out,
            Stderr stderr,
            Clock clock) {
        ClientOptions withFlags = clientOptions.withAllowInsecure(options.insecure());
        AgentEndpoint endpoint = new AgentEndpoint(options.agentServer(), Credential.sessionKey(options.sessionKey()));
        HttpClient http = HttpCore.newHttpClient(withFlags);
        if (options.list()) {
            AgentServerClient agent = new AgentServerClient(http, endpoint, withFlags);
            return printListing(
                    new ConversationBoard(new AgentServerConversations(agent, endpoint.baseUrl()), clock),
                    look.glyphs(),
                    out,
                    stderr,
                    clock);
        }
        return fullScreen(
                CloudAccount.attached(endpoint, http, withFlags, options.readonly()),
                keymap,
                options,
                look,
                env,
                stderr,
                clock);
    }

    private static int fullScreen(
            CloudAccount account,
            Keymap keymap,
            Options options,
            TerminalLook look,
            Map<String, String> env,
            Stderr stderr,
            Clock clock) {
        Path logPath = LogFile.defaultPath(env);
        try (LogFile log = LogFile.open(logPath, clock, account.secrets())) {
            log.info("ohtop " + VERSION + " starting against " + account.server() + " with keymap " + keymap.source());
            // One guard below every screen: under --readonly no request but a read leaves, whatever asks.
            FullScreen monitor = new FullScreen(
                    account,
                    keymap,
                    options.refresh(),
                    options.maxEvents(),
                    clock,
                    log,
                    options.readonly(),
                    options.demo());
            monitor.startWatching(); // the list is asked for while the terminal is set up
            TerminalSession session;
            try {
                session = TerminalSession.open(log.strayOutput(), look);
            } catch (TerminalSession.NoTerminalException e) {
                stderr.say(e.getMessage());
                return 2;
            }
            try {
                monitor.run(session);
            } catch (java.io.IOException e) {
                // Only the terminal throws out of the screen loop: it hung up or was closed. Not a bug.
                session.close();
                log.warn("the terminal went away (" + e.getMessage() + "); ohtop stops");
                return 1;
            } catch (Throwable e) {
                session.close();
                log.error("ohtop stopped on an internal error", e);
                // The message, not the exception's class: the log has the class and the stack trace.
                stderr.say("internal error: " + (e.getMessage() == null ? "no message" : e.getMessage())
                        + " (details in " + log.path() + ")");
                return 1;
            } finally {
                session.close();
            }
            keymap.warnings().forEach(w -> log.warn(w));
            return 0;
        } catch (java.io.IOException e) {
            stderr.say("cannot write the log (" + FileProblems.describe(e, logPath.toString()) + ")");
            return 1;
        }
    }

    private static int printListing(
            ConversationBoard board, Glyphs glyphs, PrintStream out, Stderr stderr, Clock clock) {
        try {
            board.refresh();
        } catch (ApiException e) {
            stderr.say(e.getMessage());
            return 1;
        }
        BoardSnapshot snapshot = board.snapshot();
        out.println("ohtop " + VERSION + " - " + board.server());
        Listing.print(snapshot, clock.instant(), out, glyphs);
        if (snapshot.hasMore()) {
            out.println("(more conversations exist; showing the newest "
                    + snapshot.rows().size() + ")");
        }
        return 0;
    }
}

package dev.ohtop;

import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RateGate;
import dev.ohtop.api.Version;
import dev.ohtop.commands.Args;
import dev.ohtop.commands.Command;
import dev.ohtop.commands.CommandFailure;
import dev.ohtop.commands.Commands;
import dev.ohtop.commands.Exit;
import dev.ohtop.commands.Session;
import dev.ohtop.commands.Stderr;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.keymap.KeymapException;
import dev.ohtop.monitor.CloudAccount;
import dev.ohtop.terminal.TerminalLook;
import dev.ohtop.terminal.TerminalSession;
import dev.ohtop.terminal.TerminalText;
import dev.ohtop.ui.FullScreen;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Entry point: reads options, starts the demo server when asked, and runs ohtop. */
public final class Main {
    static final String VERSION = Version.CURRENT;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.in, System.out, System.err, stdoutIsTerminal(), clock());
        HttpCore.endIdleClients(); // all work is done: exit now, not 0.3 s later
        System.exit(code);
    }

    /**
     * With the process's environment, and a clock in the user's own zone: an event's time and
     * whether it is "today" read as on their wall clock.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err, clock());
    }

    private static Clock clock() {
        return new SystemClock();
    }

    /**
     * Whether stdout is a terminal: {@code run.sh} says ({@code [ -t 1 ]}); run otherwise, the JVM
     * knows when stdin and stdout both are. Only human output's column cuts depend on it.
     */
    private static boolean stdoutIsTerminal() {
        String told = System.getProperty("ohtop.stdout");
        return told != null ? told.equals("terminal") : System.console() != null;
    }

    /** For tests: no standard input, and stdout not a terminal. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        return run(args, env, InputStream.nullInputStream(), out, err, false, clock);
    }

    /**
     * @param env      the environment (a map in tests): keys, base URL, TERM, locale, NO_COLOR, state folder
     * @param terminal whether stdout is a terminal (a command then cuts long values to their columns)
     * @param clock    the one clock of the run: ages, the log's times, the request budget
     */
    public static int run(
            String[] args,
            Map<String, String> env,
            InputStream in,
            PrintStream out,
            PrintStream err,
            boolean terminal,
            Clock clock) {
        ClientOptions clientOptions = ClientOptions.defaults();
        Stderr stderr = new Stderr(err, clientOptions.secrets());
        CommandLine line = CommandLine.split(args);
        Commands.Invocation invocation = null;
        if (line.command() != null) {
            Optional<Command> command = Commands.named(line.command());
            if (line.command().equals("help")) {
                return help(line.rest(), out, stderr);
            }
            if (command.isEmpty()) {
                stderr.say("unknown command '" + TerminalText.safe(line.command(), 24) + "' (see ohtop help)");
                return Exit.USAGE;
            }
            if (line.asksForHelp()) {
                out.print(Commands.help(command.get()));
                return Exit.OK;
            }
            try {
                invocation = Commands.parse(command.get(), line.rest());
            } catch (CommandFailure e) {
                stderr.say(line.command() + ": " + e.getMessage() + " (see ohtop help " + line.command() + ")");
                return e.exit();
            }
        }
        Options options;
        try {
            options = Options.parse(line.own(), env);
        } catch (Options.UsageException e) {
            stderr.say(e.getMessage());
            return Exit.USAGE;
        }
        if (options.help()) {
            out.print(Options.usage());
            return Exit.OK;
        }
        if (options.version()) {
            out.println("ohtop " + VERSION);
            return Exit.OK;
        }
        if (invocation == null && options.list()) {
            invocation = new Commands.Invocation(Commands.named("ls").orElseThrow(), Args.none());
        }
        if (invocation != null && options.readonly() && invocation.command().changes(invocation.args())) {
            stderr.say("--readonly: " + invocation.command().name() + " changes things, so it is refused");
            return Exit.USAGE;
        }
        clientOptions.secrets().add(options.apiKey()); // before the key file: a key pasted there is hidden too
        clientOptions.secrets().add(options.sessionKey());
        TerminalLook look = TerminalLook.from(env, options.ascii());
        if (invocation != null) {
            Commands.Invocation command = invocation;
            return withAccount(
                    options,
                    clientOptions,
                    stderr,
                    clock,
                    account -> command.run(new Session(account, out, stderr, in, terminal, look.glyphs(), clock)));
        }
        Keymap keymap;
        try {
            keymap = Keymap.load(options.keymap());
        } catch (KeymapException e) {
            stderr.say(e.getMessage());
            return Exit.USAGE;
        }
        // Before the demo server and the log: without a terminal there is nothing to start them for.
        try {
            TerminalSession.requireTerminal(env);
        } catch (TerminalSession.NoTerminalException e) {
            stderr.say(e.getMessage());
            return Exit.USAGE;
        }
        return withAccount(
                options,
                clientOptions,
                stderr,
                clock,
                account -> fullScreen(account, keymap, options, look, env, stderr, clock));
    }

    /** {@code ohtop help} and {@code ohtop help COMMAND}. */
    private static int help(List<String> rest, PrintStream out, Stderr stderr) {
        if (rest.isEmpty()) {
            out.print(Commands.overview());
            return Exit.OK;
        }
        Optional<Command> command = Commands.named(rest.get(0));
        if (command.isEmpty() || rest.size() > 1) {
            stderr.say("no command '" + TerminalText.safe(rest.get(0), 24) + "' (ohtop help lists them)");
            return Exit.USAGE;
        }
        out.print(Commands.help(command.get()));
        return Exit.OK;
    }

    /** What runs once the servers are set up: a command or the full screen. */
    private interface WithAccount {
        int run(CloudAccount account) throws InterruptedException;
    }

    /**
     * The servers this run talks to: the demo's (started here, stopped after), an app server, or
     * one agent server ({@code --agent-server}). One request budget per app server for everything
     * the run sends: pollers, pages, searches, commands.
     */
    private static int withAccount(
            Options options, ClientOptions clientOptions, Stderr stderr, Clock clock, WithAccount use) {
        ClientOptions withFlags = clientOptions.withAllowInsecure(options.insecure());
        try {
            if (options.agentServer() != null) {
                AgentEndpoint endpoint =
                        new AgentEndpoint(options.agentServer(), Credential.sessionKey(options.sessionKey()));
                return use.run(CloudAccount.attached(
                        endpoint, HttpCore.newHttpClient(withFlags), withFlags, options.readonly()));
            }
            try (DemoServer demo =
                    options.demo() ? DemoServer.start(DemoConfig.defaults()).closingOnExit() : null) {
                URI baseUrl = demo != null ? demo.appServerUrl() : options.baseUrl();
                String key = demo != null ? demo.apiKey() : options.apiKey();
                clientOptions.secrets().add(key);
                CloudClient cloud = new CloudClient(
                                HttpCore.newHttpClient(withFlags), baseUrl, Credential.bearer(key), withFlags)
                        .gated(RateGate.forCloud(clock));
                return use.run(new CloudAccount(cloud, options.readonly()));
            } catch (java.io.IOException e) {
                stderr.say("cannot start the demo server: " + e.getMessage());
                return Exit.PROBLEMS;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stderr.say("interrupted");
            return 130;
        }
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
                            options.demo())
                    .ringing(
                            options.ring(),
                            env.get("TMUX") != null && !env.get("TMUX").isEmpty());
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
}

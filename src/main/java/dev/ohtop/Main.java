package dev.ohtop;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RateGate;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.keymap.Keymap;
import dev.ohtop.monitor.BoardSnapshot;
import dev.ohtop.monitor.ConversationBoard;
import dev.ohtop.keymap.KeymapException;
import dev.ohtop.ui.Monitor;
import dev.ohtop.ui.TerminalSession;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/** Entry point: reads options, starts the demo server when asked, and runs ohtop. */
public final class Main {
    static final String VERSION = "0.1.0";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (Options.UsageException e) {
            err.println("ohtop: " + e.getMessage());
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
        Keymap keymap;
        try {
            keymap = Keymap.load(options.keymap());
        } catch (KeymapException e) {
            err.println("ohtop: " + e.getMessage());
            return 2;
        }
        if (!options.list()) {
            // Before the demo server and the log: without a terminal there is nothing to start them for.
            try {
                TerminalSession.requireTerminal();
            } catch (TerminalSession.NoTerminalException e) {
                err.println("ohtop: " + e.getMessage());
                return 2;
            }
        }
        try (DemoServer demo = options.demo() ? DemoServer.start(DemoConfig.defaults()).closingOnExit() : null) {
            URI baseUrl = demo != null ? demo.appServerUrl() : options.baseUrl();
            String key = demo != null ? demo.apiKey() : options.apiKey();
            ClientOptions clientOptions = ClientOptions.defaults().withAllowInsecure(options.insecure());
            // One request budget per server for everything this run sends: pollers, pages, searches.
            CloudClient cloud = new CloudClient(HttpCore.newHttpClient(clientOptions), baseUrl, Credential.bearer(key),
                    clientOptions).gated(RateGate.forCloud(Clock.systemUTC()));
            if (options.list()) {
                return printListing(cloud, out, err);
            }
            return fullScreen(cloud, keymap, options, key, err);
        } catch (java.io.IOException e) {
            err.println("ohtop: cannot start the demo server: " + e.getMessage());
            return 1;
        }
    }

    private static int fullScreen(CloudClient cloud, Keymap keymap, Options options, String key, PrintStream err) {
        Clock clock = Clock.systemUTC();
        try (LogFile log = LogFile.open(LogFile.defaultPath(System.getenv()), clock)) {
            log.redact(key);
            log.info("ohtop " + VERSION + " starting against " + cloud.baseUrl() + " with keymap " + keymap.source());
            Monitor monitor = new Monitor(cloud, keymap, options.refresh(), options.maxEvents(), clock, log,
                    options.readonly(), options.demo());
            monitor.startWatching(); // the list is asked for while the terminal is set up
            TerminalSession session;
            try {
                session = TerminalSession.open(log.strayOutput());
            } catch (TerminalSession.NoTerminalException e) {
                err.println("ohtop: " + e.getMessage());
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
                err.println("ohtop: internal error: " + e + " (details in " + log.path() + ")");
                return 1;
            } finally {
                session.close();
            }
            keymap.warnings().forEach(w -> log.warn(w));
            return 0;
        } catch (java.io.IOException e) {
            err.println("ohtop: " + e.getMessage());
            return 1;
        }
    }

    private static int printListing(CloudClient cloud, PrintStream out, PrintStream err) {
        ConversationBoard board = new ConversationBoard(cloud, Clock.systemUTC());
        try {
            board.refresh();
        } catch (ApiException e) {
            err.println("ohtop: " + e.getMessage());
            return 1;
        }
        BoardSnapshot snapshot = board.snapshot();
        out.println("ohtop " + VERSION + " - " + cloud.baseUrl());
        Listing.print(snapshot, Instant.now(), out);
        if (snapshot.hasMore()) {
            out.println("(more conversations exist; showing the newest " + snapshot.rows().size() + ")");
        }
        return 0;
    }
}

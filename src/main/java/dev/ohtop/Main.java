package dev.ohtop;

import dev.ohtop.api.AppConversation;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.ConversationQuery;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.Page;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;

import java.io.PrintStream;
import java.net.URI;
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
        try (DemoServer demo = options.demo() ? DemoServer.start(DemoConfig.defaults().withApiKey(randomKey())) : null) {
            URI baseUrl = demo != null ? demo.appServerUrl() : options.baseUrl();
            String key = demo != null ? demo.apiKey() : options.apiKey();
            ClientOptions clientOptions = ClientOptions.defaults().withAllowInsecure(options.insecure());
            CloudClient cloud = new CloudClient(HttpCore.newHttpClient(clientOptions), baseUrl, Credential.bearer(key),
                    clientOptions);
            // The full-screen monitor arrives with the screens; until then both modes print a listing.
            return printListing(cloud, out, err);
        } catch (java.io.IOException e) {
            err.println("ohtop: cannot start the demo server: " + e.getMessage());
            return 1;
        }
    }

    /** The demo's key is made fresh per run, so no fixed secret exists to leak or to guess. */
    private static String randomKey() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return "demo-" + java.util.HexFormat.of().formatHex(bytes);
    }

    private static int printListing(CloudClient cloud, PrintStream out, PrintStream err) {
        try {
            Page<AppConversation> page = cloud.searchConversations(ConversationQuery.all(), null, CloudClient.MAX_LIMIT);
            out.println("ohtop " + VERSION + " - " + cloud.baseUrl());
            Listing.print(page.items(), Instant.now(), out);
            if (page.hasNext()) {
                out.println("(more conversations exist; showing the newest " + page.items().size() + ")");
            }
            return 0;
        } catch (ApiException e) {
            err.println("ohtop: " + e.getMessage());
            return 1;
        }
    }
}

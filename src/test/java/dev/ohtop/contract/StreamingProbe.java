package dev.ohtop.contract;

import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.AgentServerLocator;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.BashRequest;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.ConversationQuery;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.Paging;
import dev.ohtop.api.TransferListener;
import dev.ohtop.demo.DemoConfig;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.testing.BashResult;
import dev.ohtop.testing.BashRuns;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Run in a JVM whose heap is smaller than the file it moves (see {@link StreamingTest}): makes a
 * file in a demo sandbox, downloads it, uploads it again, and checks both copies by SHA-256.
 * Exits 0 when every copy matches; anything held whole in memory would end in OutOfMemoryError.
 */
public final class StreamingProbe {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long megabytes = Long.parseLong(args[1]);
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withScratchRoot(dir.resolve("scratch")))) {
            ClientOptions options = ClientOptions.defaults();
            HttpClient http = HttpCore.newHttpClient(options);
            CloudClient cloud = new CloudClient(http, demo.appServerUrl(), Credential.bearer(demo.apiKey()), options);
            AppConversation running =
                    Paging.collect(p -> cloud.searchConversations(ConversationQuery.all(), p, 100), 1000).stream()
                            .filter(c -> "RUNNING".equals(c.sandboxStatus()))
                            .findFirst()
                            .orElseThrow();
            var where = (AgentServerLocation.Available) new AgentServerLocator(cloud).locate(running);
            AgentServerClient agent = new AgentServerClient(http, where.endpoint(), options);

            BashResult made = BashRuns.run(
                    agent,
                    new BashRequest(
                            "head -c " + megabytes * 1024 * 1024 + " /dev/urandom > " + DemoServer.SANDBOX_FOLDER
                                    + "/big.bin && sha256sum " + DemoServer.SANDBOX_FOLDER + "/big.bin",
                            null,
                            120));
            String remoteSum = made.stdout().split("\\s+")[0];

            Path local = dir.resolve("big.bin");
            agent.download(DemoServer.SANDBOX_FOLDER + "/big.bin", local, TransferListener.NONE);
            agent.upload(local, DemoServer.SANDBOX_FOLDER + "/big-again.bin", TransferListener.NONE);
            String againSum = BashRuns.run(
                            agent,
                            new BashRequest("sha256sum " + DemoServer.SANDBOX_FOLDER + "/big-again.bin", null, 120))
                    .stdout()
                    .split("\\s+")[0];

            String localSum = sha256(local);
            long heap = Runtime.getRuntime().maxMemory();
            System.out.println("size=" + Files.size(local) + " heap=" + heap + " remote=" + remoteSum + " local="
                    + localSum + " again=" + againSum);
            boolean ok = remoteSum.equals(localSum) && localSum.equals(againSum) && Files.size(local) > heap;
            System.exit(ok ? 0 : 1);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

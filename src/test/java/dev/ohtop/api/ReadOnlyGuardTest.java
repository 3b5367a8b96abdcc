package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** --readonly at the clients: every request that is not a read is refused before it leaves; reads go. */
@DisplayName("Under --readonly only reads leave ohtop")
class ReadOnlyGuardTest {
    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    @TempDir
    Path dir;

    private final ClientOptions readOnly = Wire.options(new RecordingSleeper()).readingOnly();

    /** Every route of both clients that changes something, by what it does. */
    private Map<String, Executable> everyChange() throws Exception {
        CloudClient cloud = Wire.cloud(wm, Wire.options(new RecordingSleeper())).readingOnly();
        AgentServerClient agent = Wire.agent(wm, cloud.options()); // as the app makes them, from the account's options
        Path upload = Files.writeString(dir.resolve("up.txt"), "x");
        MessageRequest hello = MessageRequest.userText("hello");
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put(
                "start a conversation",
                () -> cloud.startConversation(StartConversationRequest.of("t", null, null, null)));
        calls.put("rename a conversation", () -> cloud.updateConversation("c1", new ConversationPatch("x", null)));
        calls.put("delete a conversation", () -> cloud.deleteConversation("c1"));
        calls.put("send a message", () -> cloud.sendMessage("c1", hello));
        calls.put("pause a sandbox", () -> cloud.pauseSandbox("sb1"));
        calls.put("resume a sandbox", () -> cloud.resumeSandbox("sb1"));
        calls.put("run a command", () -> agent.executeBash(new BashRequest("ls", null, 5)));
        calls.put("start a command", () -> agent.startBash(new BashRequest("ls", null, 5)));
        calls.put("stop a command", () -> agent.stopBash("cmd1"));
        calls.put("upload a file", () -> agent.upload(upload, "/workspace/up.txt", TransferListener.NONE));
        calls.put("pause the agent", () -> agent.pause("c1"));
        calls.put("run the agent", () -> agent.run("c1"));
        calls.put("interrupt the agent", () -> agent.interrupt("c1"));
        calls.put("send the agent a message", () -> agent.sendMessage("c1", hello));
        calls.put("approve a pending action", () -> agent.respondToConfirmation("c1", true, null));
        calls.put("reject a pending action", () -> agent.respondToConfirmation("c1", false, "no"));
        return calls;
    }

    @Test
    @Tag("security")
    void everyRequestThatChangesSomethingIsRefusedAndNothingIsSent(TestReporter reporter) throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(okJson("{\"success\":true}")));

        for (Map.Entry<String, Executable> call : everyChange().entrySet()) {
            ApiException e = assertThrows(ApiException.class, call.getValue(), call.getKey() + " was not refused");
            assertEquals(ApiException.Failure.READ_ONLY, e.failure(), call.getKey());
            assertTrue(e.getMessage().startsWith("refused: ohtop is read-only (--readonly) ("), e.getMessage());
        }

        assertEquals(
                0,
                wm.getAllServeEvents().size(),
                "nothing reached the server: "
                        + Requests.all(wm).stream()
                                .map(r -> r.getMethod() + " " + r.getUrl())
                                .toList());
        reporter.publishEntry(
                "seen",
                "a resume under --readonly: "
                        + assertThrows(
                                        ApiException.class,
                                        () -> Wire.cloud(wm, readOnly).resumeSandbox("sb1"))
                                .getMessage());
    }

    @Test
    void readsAndDownloadsStillGo() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes/search"))
                .willReturn(okJson("{\"items\":[],\"next_page_id\":null}")));
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(aResponse().withStatus(200).withBody("abc")));
        wm.stubFor(get(urlPathEqualTo("/api/v1/app-conversations/c1/download"))
                .willReturn(aResponse().withStatus(200).withBody(Wire.zip("meta.json", "{}".getBytes()))));

        CloudClient cloud = Wire.cloud(wm, readOnly);
        assertTrue(cloud.searchSandboxes(null, 10).items().isEmpty());
        Wire.agent(wm, readOnly).download("/workspace/a.txt", dir.resolve("a.txt"), TransferListener.NONE);
        cloud.downloadTrajectory("c1", dir.resolve("t.zip"), TransferListener.NONE);

        assertEquals("abc", Files.readString(dir.resolve("a.txt")));
        assertEquals(3, wm.getAllServeEvents().size());
    }
}

package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ohtop.api.Requests.only;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a credential may go: https anywhere, plain http only on loopback, never along a redirect. */
@org.junit.jupiter.api.DisplayName("Credentials travel only where they should")
class TransportSafetyTest {
    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    @RegisterExtension
    static WireMockExtension elsewhere = Wire.server();

    /**
     * A client that reaches "http://api.example.test" through the fake server acting as a
     * forward proxy: proof that a request to a non-loopback host would really have left.
     */
    private CloudClient cloudAt(String base, boolean allowInsecure) {
        ClientOptions options = Wire.options(new RecordingSleeper()).withAllowInsecure(allowInsecure);
        HttpClient viaProxy = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", wm.getPort())))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new CloudClient(viaProxy, URI.create(base), Credential.bearer(Wire.API_KEY), options);
    }

    @Test
    @org.junit.jupiter.api.Tag("security")
    void plainHttpToARemoteHostIsRefusedAndNothingIsSent() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/users/me")).willReturn(okJson("{\"id\":\"u\"}")));

        ApiException e = assertThrows(
                ApiException.class,
                () -> cloudAt("http://api.example.test", false).me());

        assertEquals(ApiException.Failure.INSECURE, e.failure());
        assertTrue(e.getMessage().contains("api.example.test"), e.getMessage());
        assertTrue(e.getMessage().contains("--insecure"), e.getMessage());
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void plainHttpToARemoteHostGoesOutWhenTheUserAllowsIt() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/v1/users/me")).willReturn(okJson("{\"id\":\"u\"}")));

        User me = cloudAt("http://api.example.test", true).me();

        assertEquals("u", me.id());
        assertEquals("api.example.test", only(wm).getHeader("Host"));
    }

    @Test
    @org.junit.jupiter.api.Tag("security")
    void anAgentServerOnPlainHttpIsRefusedToo() {
        ClientOptions options = Wire.options(new RecordingSleeper());
        AgentServerClient agent = new AgentServerClient(
                HttpCore.newHttpClient(options),
                new AgentEndpoint(URI.create("http://10.1.2.3:8000"), Credential.sessionKey(Wire.SESSION_KEY)),
                options);

        ApiException e = assertThrows(ApiException.class, agent::alive);

        assertEquals(ApiException.Failure.INSECURE, e.failure());
    }

    @Test
    void anUnknownSchemeIsRefused() {
        ApiException e = assertThrows(
                ApiException.class, () -> TransportPolicy.check(URI.create("ftp://app.example/"), true, "GET /"));

        assertEquals(ApiException.Failure.INSECURE, e.failure());
    }

    @Test
    void httpsIsAlwaysAllowed() {
        assertDoesNotThrow(() -> TransportPolicy.check(URI.create("https://app.all-hands.dev/api/v1"), false, "GET /"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]"})
    void loopbackMayUsePlainHttp(String host) throws Exception {
        wm.stubFor(get("/api/v1/users/me").willReturn(okJson("{\"id\":\"u\"}")));
        ClientOptions options = Wire.options(new RecordingSleeper());
        CloudClient local = new CloudClient(
                HttpCore.newHttpClient(options),
                URI.create("http://" + host + ":" + wm.getPort()),
                Credential.bearer(Wire.API_KEY),
                options);

        assertEquals("u", local.me().id());

        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/users/me")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost.example.com", "example.com", "10.0.0.1", "192.168.1.10", "0x7f000001", ""})
    void namesThatMerelyLookLocalAreNotLoopback(String host) {
        assertFalse(TransportPolicy.isLoopback(host));
    }

    /** A name that ends in .localhost proves nothing: a resolver or /etc/hosts can send it anywhere. */
    @Test
    @org.junit.jupiter.api.Tag("security")
    void aLocalhostNameThatResolvesElsewhereIsNotLoopback() throws Exception {
        java.net.InetAddress elsewhere =
                java.net.InetAddress.getByAddress("app.localhost", new byte[] {93, (byte) 184, 1, 1});
        java.net.InetAddress loopback = java.net.InetAddress.getByAddress("app.localhost", new byte[] {127, 0, 0, 1});

        assertFalse(TransportPolicy.isLoopback("app.localhost", name -> new java.net.InetAddress[] {elsewhere}));
        assertFalse(TransportPolicy.isLoopback("localhost", name -> new java.net.InetAddress[] {elsewhere}));
        assertFalse(
                TransportPolicy.isLoopback("app.localhost", name -> new java.net.InetAddress[] {loopback, elsewhere}),
                "every address it has must be loopback, not just one");
        assertFalse(
                TransportPolicy.isLoopback("app.localhost", name -> {
                    throw new java.net.UnknownHostException(name);
                }),
                "a name that does not resolve is not loopback");
        assertTrue(TransportPolicy.isLoopback("app.localhost", name -> new java.net.InetAddress[] {loopback}));
    }

    @Test
    @org.junit.jupiter.api.Tag("security")
    void aRedirectIsNotFollowedAndItsTargetHearsNothing() {
        elsewhere.stubFor(get(urlPathEqualTo("/stolen")).willReturn(okJson("{\"id\":\"attacker\"}")));
        wm.stubFor(get("/api/v1/users/me")
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", elsewhere.baseUrl() + "/stolen?k=" + Wire.API_KEY)));

        ApiException e = assertThrows(ApiException.class, () -> Wire.cloud(wm).me());

        assertEquals(ApiException.Failure.REDIRECT, e.failure());
        assertEquals(302, e.status());
        assertTrue(e.getMessage().contains("localhost"), e.getMessage());
        assertFalse(e.getMessage().contains(Wire.API_KEY), e.getMessage());
        assertEquals(0, elsewhere.getAllServeEvents().size());
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    @org.junit.jupiter.api.Tag("security")
    void aRedirectOfAPostIsNotFollowedEither() {
        elsewhere.stubFor(post(urlPathEqualTo("/stolen")).willReturn(okJson("{}")));
        wm.stubFor(post("/api/v1/sandboxes/s1/pause")
                .willReturn(aResponse().withStatus(307).withHeader("Location", elsewhere.baseUrl() + "/stolen")));

        ApiException e = assertThrows(ApiException.class, () -> Wire.cloud(wm).pauseSandbox("s1"));

        assertEquals(ApiException.Failure.REDIRECT, e.failure());
        assertEquals(0, elsewhere.getAllServeEvents().size());
    }

    @Test
    void aRedirectToAnUnreadableLocationIsStillAClearRedirectError() {
        wm.stubFor(get("/api/v1/users/me")
                .willReturn(aResponse().withStatus(301).withHeader("Location", "http://bad host/%zz")));

        ApiException e = assertThrows(ApiException.class, () -> Wire.cloud(wm).me());

        assertEquals(ApiException.Failure.REDIRECT, e.failure());
    }

    @Test
    void requestsAreSentAsPlainHttp11WithoutAnUpgradeAttempt() throws Exception {
        wm.stubFor(get("/alive").willReturn(okJson("{\"status\":\"ok\"}")));

        Wire.agent(wm).alive();

        wm.verify(getRequestedFor(urlPathEqualTo("/alive"))
                .withHeader("Upgrade", com.github.tomakehurst.wiremock.client.WireMock.absent()));
        assertNull(only(wm).getHeader("HTTP2-Settings"));
        assertEquals("HTTP/1.1", only(wm).getProtocol());
    }

    /** A connection that breaks mid-body must end the call, every time, not hang the poller. */
    @RepeatedTest(25)
    @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBodyCutOffByTheServerNeverHangsTheCall(@TempDir Path dir) {
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        wm.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        ClientOptions once = Wire.options(new RecordingSleeper())
                .withRetry(RetryPolicy.none())
                .withRequestTimeout(Duration.ofSeconds(2));
        AgentServerClient agent = Wire.agent(wm, once);

        assertThrows(ApiException.class, () -> agent.download("/workspace/x", dir.resolve("x"), TransferListener.NONE));
        assertThrows(ApiException.class, agent::health);
    }

    /** The body dribbles over 20 s: the request timeout (3 s) must cover the body, not only the headers. */
    @Test
    void aBodyThatStallsAfterItsHeadersTimesOutInsteadOfHoldingTheCaller() {
        wm.stubFor(get(urlPathEqualTo("/health"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\": \"" + "x".repeat(2000) + "\"}")
                        .withChunkedDribbleDelay(20, 20_000)));
        ClientOptions once = Wire.options(new RecordingSleeper())
                .withRetry(RetryPolicy.none())
                .withRequestTimeout(Duration.ofSeconds(3));

        ApiException e = assertThrows(ApiException.class, Wire.agent(wm, once)::health);

        assertEquals(ApiException.Failure.TIMEOUT, e.failure(), e.getMessage());
        assertTrue(e.getMessage().startsWith("timed out: the answer stopped half-way"), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt is not left on the caller");
    }
}

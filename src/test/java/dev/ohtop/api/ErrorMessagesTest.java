package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Whatever a server answers, the user reads one clean line that says what went wrong and where. */
class ErrorMessagesTest {
    private static final String ME = "/api/v1/users/me";

    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    private final CloudClient cloud = Wire.cloud(wm);

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private static String errorFixture(String name) throws Exception {
        JsonNode all = Json.MAPPER.readTree(Wire.fixture("errors.json"));
        return all.get(name).toString();
    }

    /** No line breaks, no control characters, short enough for a status bar. */
    static void assertOneCleanLine(String text) {
        assertFalse(text.isEmpty());
        assertTrue(text.length() < 420, () -> "too long (" + text.length() + "): " + text);
        assertTrue(text.chars().noneMatch(c -> c < 0x20 || c == 0x7f), () -> "control characters in: " + text);
    }

    private ApiException meFails() {
        ApiException e = assertThrows(ApiException.class, cloud::me);
        assertOneCleanLine(e.getMessage());
        return e;
    }

    @Test
    void aDetailTextBecomesTheMessage() throws Exception {
        wm.stubFor(get(ME).willReturn(json(404, errorFixture("404_detail"))));

        ApiException e = meFails();

        assertEquals("HTTP 404: Not Found (GET /api/v1/users/me)", e.getMessage());
        assertEquals("Not Found", e.detail());
        assertEquals(ApiException.Failure.HTTP_STATUS, e.failure());
        assertEquals(404, e.status());
        assertEquals("GET /api/v1/users/me", e.route());
        assertTrue(e.isStatus(404));
    }

    @Test
    void aValidationErrorNamesTheFieldAndWhatIsWrong() throws Exception {
        wm.stubFor(
                get(urlPathEqualTo("/api/v1/sandboxes/search")).willReturn(json(422, errorFixture("422_validation"))));

        ApiException e = assertThrows(ApiException.class, () -> cloud.searchSandboxes(null, 500));

        assertEquals("limit: Input should be less than or equal to 100", e.detail());
        assertEquals(
                "HTTP 422: limit: Input should be less than or equal to 100 (GET /api/v1/sandboxes/search)",
                e.getMessage());
    }

    @Test
    void severalValidationErrorsShareTheOneLine() {
        wm.stubFor(get(ME).willReturn(json(422, """
                {"detail":[{"type":"missing","loc":["body","title"],"msg":"Field required","input":{}},
                           {"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer"},
                           {"msg":"Something global"}]}""")));

        ApiException e = meFails();

        assertEquals("title: Field required; limit: Input should be a valid integer; Something global", e.detail());
    }

    @Test
    void theCloudMiddlewaresErrorFieldBecomesTheMessage() throws Exception {
        wm.stubFor(get(ME).willReturn(json(401, errorFixture("401_cloud_middleware"))));

        ApiException e = meFails();

        assertEquals("HTTP 401: Invalid API key (GET /api/v1/users/me)", e.getMessage());
        assertTrue(e.isStatus(401));
    }

    @Test
    void aRateLimitSaysHowLongToWait() throws Exception {
        wm.stubFor(get(ME).willReturn(json(429, errorFixture("429_rate_limit"))
                .withHeader("Retry-After", "30")
                .withHeader("X-RateLimit-Limit", "100")));

        ApiException e = meFails();

        assertEquals("Rate limit exceeded: 100 per 1 minute (retry after 30 s)", e.detail());
        assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
        assertTrue(e.isStatus(429));
    }

    @Test
    void anAgentServers500ShowsItsDetailNotItsInternals() throws Exception {
        wm.stubFor(get("/health").willReturn(json(500, errorFixture("500_agent_server"))));

        ApiException e = assertThrows(ApiException.class, () -> Wire.agent(wm).health());

        assertEquals("HTTP 500: Internal Server Error (GET /health)", e.getMessage());
    }

    @Test
    void aMultiLineDetailIsFoldedIntoOneLine() {
        wm.stubFor(get(ME).willReturn(json(400, "{\"detail\":\"first line\\n\\tsecond line\\r\\nthird\\u0007\"}")));

        ApiException e = meFails();

        assertEquals("first line second line third", e.detail());
    }

    @Test
    void aHugeDetailIsCutShort() {
        wm.stubFor(get(ME).willReturn(json(400, "{\"detail\":\"" + "word ".repeat(2000) + "\"}")));

        ApiException e = meFails();

        assertEquals(ErrorBodies.MAX_LENGTH, e.detail().length());
        assertTrue(e.detail().endsWith("…"));
    }

    @Test
    void aPlainTextErrorFromAProxyIsShownAsItIs() {
        wm.stubFor(post("/api/v1/sandboxes/s1/pause")
                .willReturn(aResponse()
                        .withStatus(502)
                        .withHeader("Content-Type", "text/plain")
                        .withBody("upstream connect error or disconnect/reset before headers")));

        ApiException e = assertThrows(ApiException.class, () -> cloud.pauseSandbox("s1"));

        assertEquals("upstream connect error or disconnect/reset before headers", e.detail());
        assertOneCleanLine(e.getMessage());
    }

    @Test
    void anEmptyErrorBodyGetsAPlainReason() {
        wm.stubFor(get(ME).willReturn(aResponse().withStatus(401)));

        ApiException e = meFails();

        assertEquals("HTTP 401: unauthorized: the key was refused (GET /api/v1/users/me)", e.getMessage());
    }

    @Test
    void anHtmlErrorPageIsReportedAsHtml() {
        wm.stubFor(get(ME).willReturn(aResponse()
                .withStatus(404)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!DOCTYPE html>\n<html><head><title>OpenHands</title></head>\n<body>app</body></html>")));

        ApiException e = meFails();

        assertEquals("HTTP 404: the server sent an HTML page instead of JSON (GET /api/v1/users/me)", e.getMessage());
    }

    @Test
    void anHtmlPageAnsweringA200IsABadResponseThatSaysHtml() {
        wm.stubFor(get(ME).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<!doctype html><html><body>OpenHands</body></html>")));

        ApiException e = meFails();

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
        assertEquals(200, e.status());
        assertTrue(e.getMessage().contains("HTML"), e.getMessage());
    }

    @Test
    void anHtmlPageIsRecognisedEvenWhenLabelledJson() {
        wm.stubFor(get(ME).willReturn(okJson("\n  <html><head></head><body>login</body></html>")));

        ApiException e = meFails();

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
        assertTrue(e.getMessage().contains("HTML"), e.getMessage());
    }

    @Test
    void malformedJsonOnA200IsABadResponse() {
        wm.stubFor(get(ME).willReturn(okJson("{\"id\": \"u-1\", \"email\": ")));

        ApiException e = meFails();

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
        assertTrue(
                e.getMessage().startsWith("bad response: malformed JSON")
                        && e.getMessage().endsWith("(GET /api/v1/users/me)"),
                e.getMessage());
    }

    @Test
    void aPageWithoutItemsIsABadResponse() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes/search")).willReturn(okJson("{\"results\":[]}")));

        ApiException e = assertThrows(ApiException.class, () -> cloud.searchSandboxes(null, null));

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
        assertOneCleanLine(e.getMessage());
    }

    @Test
    void aRecordOfTheWrongShapeIsABadResponseNotACrash() {
        wm.stubFor(get(ME).willReturn(okJson("[1,2,3]")));

        ApiException e = meFails();

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
    }

    @Test
    void aWronglyShapedFieldIsNamedInTheMessage() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/sandboxes/search"))
                .willReturn(okJson(
                        "{\"items\":[{\"id\":\"s1\",\"exposed_urls\":[{\"name\":\"VSCODE\",\"port\":\"sixty\"}]}]}")));

        ApiException e = assertThrows(ApiException.class, () -> cloud.searchSandboxes(null, null));

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
        assertEquals("unexpected SandboxInfo shape at exposed_urls[0].port", e.detail());
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefused() {
        wm.stubFor(get(ME).willReturn(okJson("{\"id\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}")));
        ClientOptions small = new ClientOptions(
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Wire.retry(new RecordingSleeper()),
                false,
                2L * 1024 * 1024);

        ApiException e =
                assertThrows(ApiException.class, () -> Wire.cloud(wm, small).me());

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
        assertTrue(e.getMessage().contains("larger than 2 MiB"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"RANDOM_DATA_THEN_CLOSE", "EMPTY_RESPONSE", "CONNECTION_RESET_BY_PEER", "MALFORMED_RESPONSE_CHUNK"
            })
    void aBrokenConnectionIsOneLineSayingTheServerCouldNotBeReached(Fault fault) {
        wm.stubFor(get(ME).willReturn(aResponse().withFault(fault)));

        ApiException e = meFails();

        assertEquals(ApiException.Failure.UNREACHABLE, e.failure());
        assertTrue(
                e.getMessage().startsWith("cannot reach server: ")
                        && e.getMessage().endsWith("(GET /api/v1/users/me)"),
                e.getMessage());
        assertEquals(0, e.status());
    }

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"RANDOM_DATA_THEN_CLOSE", "EMPTY_RESPONSE", "CONNECTION_RESET_BY_PEER", "MALFORMED_RESPONSE_CHUNK"
            })
    void aBrokenConnectionOnAPostIsReportedTheSameWay(Fault fault) {
        wm.stubFor(post("/api/v1/app-conversations").willReturn(aResponse().withFault(fault)));

        ApiException e = assertThrows(
                ApiException.class, () -> cloud.startConversation(StartConversationRequest.of("hi", null, null, null)));

        assertEquals(ApiException.Failure.UNREACHABLE, e.failure());
        assertOneCleanLine(e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheRequestTimeout() {
        wm.stubFor(get(ME).willReturn(okJson("{\"id\":\"late\"}").withFixedDelay(3000)));
        ClientOptions impatient = Wire.options(new RecordingSleeper()).withRequestTimeout(Duration.ofMillis(300));
        long start = System.nanoTime();

        ApiException e =
                assertThrows(ApiException.class, () -> Wire.cloud(wm, impatient).me());

        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ApiException.Failure.TIMEOUT, e.failure());
        assertTrue(
                e.getMessage().startsWith("timed out") && e.getMessage().endsWith("(GET /api/v1/users/me)"),
                e.getMessage());
        assertTrue(tookMillis < 2500, "gave up after " + tookMillis + " ms");
    }

    @Test
    void aServerThatIsNotListeningIsUnreachableWithItsAddress() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ClientOptions options = Wire.options(new RecordingSleeper());
        CloudClient nowhere = new CloudClient(
                HttpCore.newHttpClient(options),
                URI.create("http://127.0.0.1:" + closedPort),
                Credential.bearer(Wire.API_KEY),
                options);

        ApiException e = assertThrows(ApiException.class, nowhere::me);

        assertEquals(ApiException.Failure.UNREACHABLE, e.failure());
        assertEquals(
                "cannot reach server: 127.0.0.1:" + closedPort + ": connection refused (GET /api/v1/users/me)",
                e.getMessage());
    }
}

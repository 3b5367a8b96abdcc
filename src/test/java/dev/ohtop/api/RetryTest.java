package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When a call is tried again: GETs on connection failures, 429, 502, 503 and 504, waiting as the
 * server asks or with growing backoff; never a POST, which may already have been applied, unless
 * the server turned it away with a 429 before acting on it.
 * The sleeper records instead of sleeping, so the waits are asserted exactly.
 */
class RetryTest {
    private static final String ME = "/api/v1/users/me";
    private static final String SCENARIO = "flaky";

    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final CloudClient cloud = Wire.cloud(wm, Wire.options(sleeper));

    private static ResponseDefinitionBuilder status(int code) {
        return aResponse()
                .withStatus(code)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":\"status " + code + "\"}");
    }

    /** Answers {@code first} once, then {@code then} for ever. */
    private static void firstThen(MappingBuilder first, MappingBuilder then) {
        wm.stubFor(first.inScenario(SCENARIO).whenScenarioStateIs("Started").willSetStateTo("recovered"));
        wm.stubFor(then.inScenario(SCENARIO).whenScenarioStateIs("recovered"));
    }

    /** Answers {@code failure} for the first {@code times} requests, then {@code success} for ever. */
    private static void failThen(int times, ResponseDefinitionBuilder failure, ResponseDefinitionBuilder success) {
        for (int i = 0; i < times; i++) {
            wm.stubFor(get(ME).inScenario(SCENARIO)
                    .whenScenarioStateIs(i == 0 ? "Started" : "failed " + i)
                    .willReturn(failure)
                    .willSetStateTo("failed " + (i + 1)));
        }
        wm.stubFor(get(ME).inScenario(SCENARIO)
                .whenScenarioStateIs("failed " + times)
                .willReturn(success));
    }

    private static int requests() {
        return wm.getAllServeEvents().size();
    }

    @Test
    void aGetThatMeets503ThenSucceedsAfterOneBackoff() throws Exception {
        firstThen(get(ME).willReturn(status(503)), get(ME).willReturn(okJson("{\"id\":\"u\"}")));

        User me = cloud.me();

        assertEquals("u", me.id());
        assertEquals(2, requests());
        assertEquals(List.of(Duration.ofMillis(375)), sleeper.waits()); // 500 ms * (0.5 + 0.5 / 2)
    }

    @Test
    void aRateLimitIsWaitedOutForExactlyTheRetryAfterSeconds() throws Exception {
        firstThen(
                get(ME).willReturn(status(429).withHeader("Retry-After", "3")),
                get(ME).willReturn(okJson("{\"id\":\"u\"}")));

        cloud.me();

        assertEquals(List.of(Duration.ofSeconds(3)), sleeper.waits());
        assertEquals(2, requests());
    }

    @Test
    void aRetryAfterOnA503IsHonouredToo() throws Exception {
        firstThen(
                get(ME).willReturn(status(503).withHeader("Retry-After", "2")),
                get(ME).willReturn(okJson("{\"id\":\"u\"}")));

        cloud.me();

        assertEquals(List.of(Duration.ofSeconds(2)), sleeper.waits());
    }

    @Test
    void aRetryAfterDateIsCountedFromTheClientsClockNotTheWallClock() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);
        ClientOptions options = Wire.options(sleeper);
        CloudClient atNewYear = Wire.cloud(
                wm,
                options.withRetry(new RetryPolicy(
                        4,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(10),
                        sleeper,
                        () -> 0.5,
                        clock)));
        firstThen(
                get(ME).willReturn(status(429).withHeader("Retry-After", "Wed, 01 Jan 2020 00:00:07 GMT")),
                get(ME).willReturn(okJson("{\"id\":\"u\"}")));

        atNewYear.me();

        assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits());
    }

    @Test
    void aRetryAfterGivenAsAnHttpDateIsUnderstood() throws Exception {
        String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(5));
        firstThen(
                get(ME).willReturn(status(429).withHeader("Retry-After", inFiveSeconds)),
                get(ME).willReturn(okJson("{\"id\":\"u\"}")));

        cloud.me();

        Duration waited = sleeper.waits().get(0);
        assertTrue(!waited.isNegative() && waited.compareTo(Duration.ofSeconds(5)) <= 0, waited.toString());
        assertTrue(waited.compareTo(Duration.ofSeconds(3)) >= 0, waited.toString());
    }

    @Test
    void aRetryAfterLongerThanWeWaitIsHandedToTheCaller() {
        wm.stubFor(get(ME).willReturn(status(429).withHeader("Retry-After", "60")));

        ApiException e = assertThrows(ApiException.class, cloud::me);

        assertEquals(Duration.ofSeconds(60), e.retryAfter().orElseThrow());
        assertTrue(e.isStatus(429));
        assertEquals(1, requests());
        assertEquals(List.of(), sleeper.waits());
    }

    @Test
    void a500IsNotRetried() {
        wm.stubFor(get(ME).willReturn(status(500)));

        ApiException e = assertThrows(ApiException.class, cloud::me);

        assertTrue(e.isStatus(500));
        assertEquals(1, requests());
        assertEquals(List.of(), sleeper.waits());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 422})
    void clientErrorsAreNotRetried(int code) {
        wm.stubFor(get(ME).willReturn(status(code)));

        assertThrows(ApiException.class, cloud::me);

        assertEquals(1, requests());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void transientStatusesAreRetried(int code) throws Exception {
        firstThen(get(ME).willReturn(status(code)), get(ME).willReturn(okJson("{\"id\":\"u\"}")));

        cloud.me();

        assertEquals(2, requests());
        assertEquals(1, sleeper.waits().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RANDOM_DATA_THEN_CLOSE", "MALFORMED_RESPONSE_CHUNK"})
    void aConnectionThatBreaksMidAnswerIsRetriedAfterABackoff(String fault) throws Exception {
        failThen(1, aResponse().withFault(Fault.valueOf(fault)), okJson("{\"id\":\"u\"}"));

        User me = cloud.me();

        assertEquals("u", me.id());
        assertEquals(2, requests());
        assertEquals(List.of(Duration.ofMillis(375)), sleeper.waits());
    }

    /**
     * A connection that dies before any byte of the answer looks to the JDK client like a stale
     * pooled connection: it resends a GET once by itself, at once. Only when that fails too does
     * ohtop's own backoff start.
     */
    @ParameterizedTest
    @ValueSource(strings = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
    void aConnectionThatDiesBeforeAnsweringIsRetriedAfterABackoff(String fault) throws Exception {
        failThen(2, aResponse().withFault(Fault.valueOf(fault)), okJson("{\"id\":\"u\"}"));

        User me = cloud.me();

        assertEquals("u", me.id());
        assertEquals(3, requests());
        assertEquals(List.of(Duration.ofMillis(375)), sleeper.waits());
    }

    @Test
    void attemptsAfterBrokenAnswersStopAtMaxAttempts() {
        wm.stubFor(get(ME).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        ApiException e = assertThrows(ApiException.class, cloud::me);

        assertEquals(ApiException.Failure.UNREACHABLE, e.failure());
        assertEquals(4, requests());
        assertEquals(3, sleeper.waits().size());
    }

    @Test
    void attemptsStopAtMaxAttempts() {
        wm.stubFor(get(ME).willReturn(status(503)));

        ApiException e = assertThrows(ApiException.class, cloud::me);

        assertTrue(e.isStatus(503));
        assertEquals(4, requests());
        assertEquals(3, sleeper.waits().size());
    }

    @Test
    void aPolicyOfOneAttemptNeverRetries() {
        wm.stubFor(get(ME).willReturn(status(503)));
        CloudClient once = Wire.cloud(
                wm, Wire.options(sleeper).withRetry(Wire.retry(sleeper).withMaxAttempts(1)));

        assertThrows(ApiException.class, once::me);

        assertEquals(1, requests());
        assertEquals(List.of(), sleeper.waits());
    }

    @Test
    void backoffBetweenStatusRetriesGrowsExponentially() {
        wm.stubFor(get(ME).willReturn(status(503)));

        assertThrows(ApiException.class, cloud::me);

        assertEquals(List.of(Duration.ofMillis(375), Duration.ofMillis(750), Duration.ofMillis(1500)), sleeper.waits());
    }

    @Test
    void backoffBetweenConnectionRetriesGrowsExponentially() {
        wm.stubFor(get(ME).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThrows(ApiException.class, cloud::me);

        assertEquals(List.of(Duration.ofMillis(375), Duration.ofMillis(750), Duration.ofMillis(1500)), sleeper.waits());
        assertEquals(8, requests(), "4 attempts, each resent once by the JDK client on a dead connection");
    }

    @Test
    void aPostIsNeverRetriedOn503() {
        wm.stubFor(post(anyUrl()).willReturn(status(503)));

        assertThrows(
                ApiException.class, () -> cloud.startConversation(StartConversationRequest.of("go", null, null, null)));
        assertThrows(ApiException.class, () -> cloud.sendMessage("c1", MessageRequest.userText("hi")));
        assertThrows(ApiException.class, () -> cloud.pauseSandbox("s1"));
        assertThrows(
                ApiException.class,
                () -> Wire.agent(wm, Wire.options(sleeper)).executeBash(new BashRequest("rm -rf build", null, null)));

        assertEquals(4, requests());
        assertEquals(List.of(), sleeper.waits());
    }

    @Test
    void aPostIsNeverRetriedAfterAConnectionReset() {
        wm.stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThrows(
                ApiException.class, () -> cloud.startConversation(StartConversationRequest.of("go", null, null, null)));
        assertThrows(
                ApiException.class,
                () -> Wire.agent(wm, Wire.options(sleeper)).sendMessage("c1", MessageRequest.userText("hi")));

        assertEquals(2, requests());
        assertEquals(List.of(), sleeper.waits());
    }

    @Test
    void aPostRefusedWith429IsSentAgainAfterTheRetryAfterForTheServerDidNothing() throws Exception {
        firstThen(
                post(anyUrl()).willReturn(status(429).withHeader("Retry-After", "2")),
                post(anyUrl()).willReturn(okJson("{\"success\":true}")));

        assertTrue(cloud.resumeSandbox("s1"));

        assertEquals(List.of(Duration.ofSeconds(2)), sleeper.waits());
        assertEquals(2, requests());
    }

    @Test
    void aPostStillRateLimitedAfterEveryAttemptGivesTheRetryAfterToTheCaller() {
        wm.stubFor(post(anyUrl()).willReturn(status(429).withHeader("Retry-After", "1")));

        ApiException e = assertThrows(ApiException.class, () -> cloud.resumeSandbox("s1"));

        assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
        assertEquals(4, requests(), "the policy's attempts, no more");
    }

    @Test
    void patchAndDeleteAreNotRetriedEither() {
        wm.stubFor(patch(anyUrl()).willReturn(status(503)));
        wm.stubFor(delete(anyUrl()).willReturn(status(503)));

        assertThrows(ApiException.class, () -> cloud.updateConversation("c1", ConversationPatch.title("t")));
        assertThrows(ApiException.class, () -> cloud.deleteConversation("c1"));

        assertEquals(2, requests());
    }

    @Test
    void aDownloadRequestIsRetriedBeforeAnyByteIsWritten(@TempDir Path dir) throws Exception {
        firstThen(
                get(urlPathEqualTo("/api/file/download")).willReturn(status(503)),
                get(urlPathEqualTo("/api/file/download")).willReturn(ok("fresh")));
        Path target = dir.resolve("f");

        Wire.agent(wm, Wire.options(sleeper)).download("/workspace/f", target, TransferListener.NONE);

        assertEquals("fresh", Files.readString(target));
        assertEquals(2, requests());
        assertEquals(1, sleeper.waits().size());
    }

    // ---- the policy itself --------------------------------------------------------------

    private static RetryPolicy policy(double random) {
        return new RetryPolicy(
                10,
                Duration.ofMillis(500),
                Duration.ofSeconds(8),
                Duration.ofSeconds(10),
                d -> {},
                () -> random,
                Clock.systemUTC());
    }

    @Test
    void backoffDoublesPerAttemptUntilTheCap() {
        RetryPolicy p = policy(1.0);

        assertEquals(
                List.of(500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L),
                List.of(1, 2, 3, 4, 5, 6, 30).stream()
                        .map(a -> p.backoff(a).toMillis())
                        .toList());
    }

    @Test
    void jitterKeepsEachWaitBetweenHalfAndAllOfTheStep() {
        for (double random : new double[] {0.0, 0.25, 0.5, 0.999999}) {
            RetryPolicy p = policy(random);
            for (int attempt = 1; attempt <= 8; attempt++) {
                long step = Math.min(500L << (attempt - 1), 8000L);
                long wait = p.backoff(attempt).toMillis();
                assertTrue(wait >= step / 2 && wait <= step, "attempt " + attempt + " random " + random + ": " + wait);
            }
        }
        assertEquals(250, policy(0.0).backoff(1).toMillis());
        assertEquals(4000, policy(0.0).backoff(20).toMillis());
    }

    @Test
    void aHugeAttemptNumberDoesNotOverflowTheBackoff() {
        assertEquals(Duration.ofSeconds(8), policy(1.0).backoff(Integer.MAX_VALUE));
    }
}

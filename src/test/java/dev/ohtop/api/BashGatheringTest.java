package dev.ohtop.api;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ohtop.api.Requests.q;
import static dev.ohtop.api.Requests.query;
import static dev.ohtop.api.Requests.withAgentAuth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command's output arrives in pieces; the user sees it whole and in order. */
class BashGatheringTest {
    private static final String CMD = "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a";
    private static final String SEARCH = "/api/bash/bash_events/search";

    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    private static String piece(int order, Integer exit, String stdout, String stderr) {
        return "{\"id\":\"p" + order + "\",\"timestamp\":\"2026-11-27T16:31:0" + order + ".000000Z\",\"command_id\":\"" + CMD
                + "\",\"order\":" + order + ",\"exit_code\":" + exit + ",\"stdout\":" + json(stdout)
                + ",\"stderr\":" + json(stderr) + ",\"kind\":\"BashOutput\"}";
    }

    private static String json(String s) {
        return s == null ? "null" : Json.MAPPER.getNodeFactory().textNode(s).toString();
    }

    private static String page(String next, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"next_page_id\":" + json(next) + "}";
    }

    @Test
    void aSmallCommandIsGatheredFromTheExecuteAnswerAlone() throws Exception {
        wm.stubFor(post("/api/bash/execute_bash_command").willReturn(okJson(Wire.fixture("bash-output.json"))));

        BashResult result = Wire.agent(wm).runBash(new BashRequest("ls", null, 10));

        assertEquals(new BashResult(CMD, 0, "README.md\nsrc\ntests\n", ""), result);
        wm.verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void aLargeOutputFetchesTheEarlierPiecesAndJoinsThemInOrder() throws Exception {
        wm.stubFor(post("/api/bash/execute_bash_command").willReturn(okJson(piece(2, 0, "third", "err3"))));
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(
                page(null, piece(1, null, "second-", "err2-"), piece(0, null, "first-", "err1-"),
                        piece(2, 0, "third", "err3")))));

        BashResult result = Wire.agent(wm).runBash(new BashRequest("cat big.log", "/workspace", 60));

        assertEquals(new BashResult(CMD, 0, "first-second-third", "err1-err2-err3"), result);
        wm.verify(1, withAgentAuth(getRequestedFor(urlPathEqualTo(SEARCH))));
        assertEquals(q("command_id__eq", CMD, "kind__eq", "BashOutput", "sort_order", "TIMESTAMP", "limit", "100"),
                query(Requests.all(wm).stream().filter(r -> r.getUrl().startsWith(SEARCH)).findFirst().orElseThrow()));
    }

    @Test
    void earlierPiecesSpreadOverSeveralPagesAreAllFetched() throws Exception {
        wm.stubFor(post("/api/bash/execute_bash_command").willReturn(okJson(piece(2, 0, "C", null))));
        wm.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("page_id", absent())
                .willReturn(okJson(page("pg2", piece(0, null, "A", null)))));
        wm.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("page_id", equalTo("pg2"))
                .willReturn(okJson(page(null, piece(1, null, "B", null)))));

        BashResult result = Wire.agent(wm).runBash(new BashRequest("yes | head", null, null));

        assertEquals("ABC", result.stdout());
        wm.verify(2, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void aCommandThatTimedOutReportsMinusOne() throws Exception {
        wm.stubFor(post("/api/bash/execute_bash_command").willReturn(okJson(piece(0, -1, "partial", null))));

        BashResult result = Wire.agent(wm).runBash(new BashRequest("sleep 999", null, 1));

        assertTrue(result.timedOut());
        assertEquals("partial", result.stdout());
    }

    @Test
    void anEmptyExecuteAnswerIsABadResponseNotACrash() {
        wm.stubFor(post("/api/bash/execute_bash_command").willReturn(okJson("")));

        ApiException e = assertThrows(ApiException.class,
                () -> Wire.agent(wm).runBash(new BashRequest("true", null, null)));

        assertEquals(ApiException.Failure.BAD_RESPONSE, e.failure());
    }

    @Test
    void awaitingAStartedCommandPollsUntilAPieceHasAnExitCode() throws Exception {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("order__gt", absent())
                .willReturn(okJson(page(null, piece(0, null, "building...\n", null)))));
        wm.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("order__gt", equalTo("0"))
                .willReturn(okJson(page(null, piece(1, 2, "FAILED\n", "boom\n")))));
        RecordingSleeper sleeper = new RecordingSleeper();
        List<String> seen = new ArrayList<>();

        BashResult result = Wire.agent(wm, Wire.options(sleeper))
                .awaitBash(CMD, Duration.ofMillis(250), p -> seen.add(p.stdout()));

        assertEquals(new BashResult(CMD, 2, "building...\nFAILED\n", "boom\n"), result);
        assertEquals(List.of("building...\n", "FAILED\n"), seen);
        assertEquals(List.of(Duration.ofMillis(250)), sleeper.waits());
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> polls = Requests.all(wm);
        assertEquals(2, polls.size());
        assertEquals(q("command_id__eq", CMD, "kind__eq", "BashOutput", "sort_order", "TIMESTAMP", "limit", "100"),
                query(polls.get(0)));
        assertEquals(q("command_id__eq", CMD, "kind__eq", "BashOutput", "order__gt", "0", "sort_order", "TIMESTAMP",
                "limit", "100"), query(polls.get(1)));
        polls.forEach(r -> assertEquals(Wire.SESSION_KEY, r.getHeader("X-Session-API-Key")));
    }

    @Test
    void awaitingKeepsPollingWhileNothingHasArrived() throws Exception {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).inScenario("slow").whenScenarioStateIs("Started")
                .willReturn(okJson(page(null))).willSetStateTo("again"));
        wm.stubFor(get(urlPathEqualTo(SEARCH)).inScenario("slow").whenScenarioStateIs("again")
                .willReturn(okJson(page(null))).willSetStateTo("done"));
        wm.stubFor(get(urlPathEqualTo(SEARCH)).inScenario("slow").whenScenarioStateIs("done")
                .willReturn(okJson(page(null, piece(0, 0, "ok", null)))));
        RecordingSleeper sleeper = new RecordingSleeper();

        BashResult result = Wire.agent(wm, Wire.options(sleeper)).awaitBash(CMD, Duration.ofSeconds(1), p -> { });

        assertEquals(0, result.exitCode());
        assertEquals("ok", result.stdout());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeper.waits());
        wm.verify(3, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void aServerThatNeverReportsTheEndIsGivenUpOnWhenTheCallerSaysSo() {
        // A piece arrives, then nothing more: the end was lost (the server restarted, say).
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(page(null, piece(0, null, "half", null)))));
        RecordingSleeper sleeper = new RecordingSleeper();
        int[] asked = {0};

        ApiException e = assertThrows(ApiException.class, () -> Wire.agent(wm, Wire.options(sleeper))
                .awaitBash(CMD, Duration.ofSeconds(1), () -> ++asked[0] < 3, p -> { }));

        assertEquals(ApiException.Failure.TIMEOUT, e.failure());
        assertTrue(e.getMessage().contains("never reported the end of the command; it may still be running"),
                e.getMessage());
        assertEquals(2, sleeper.waits().size(), "it polled until told to stop, then stopped: " + sleeper.waits());
    }

    @Test
    void stoppingTheWaitSaysTheCommandMayStillRun() {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(page(null))));
        RetryPolicy.Sleeper interrupted = d -> {
            throw new InterruptedException();
        };
        ClientOptions options = Wire.options(new RecordingSleeper())
                .withRetry(Wire.retry(new RecordingSleeper()).withSleeper(interrupted));

        ApiException e = assertThrows(ApiException.class,
                () -> Wire.agent(wm, options).awaitBash(CMD, Duration.ofSeconds(1), p -> { }));

        assertEquals(ApiException.Failure.CANCELLED, e.failure());
        assertTrue(e.getMessage().contains("may still be running"), e.getMessage());
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertFalse(Thread.currentThread().isInterrupted());
    }
}

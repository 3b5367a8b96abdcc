package dev.ohtop.monitor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ohtop.monitor.ConfirmationEvents.observation;
import static dev.ohtop.monitor.ConfirmationEvents.terminal;
import static dev.ohtop.monitor.ConfirmationEvents.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerLocation;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.monitor.ConfirmationAnswer.AnswerSnapshot;
import dev.ohtop.monitor.ConfirmationAnswer.State;
import dev.ohtop.monitor.PendingActions.PendingAction;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer to a confirmation against a stubbed agent server: it looks at what waits right before
 * answering, answers once, and says plainly when it did not (or cannot know whether it did).
 */
class ConfirmationAnswerTest {
    private static final String ID = "d25deaa9c0d44d4db931e53d59897c77";
    private static final String CONVERSATION = "/api/conversations/" + ID;
    private static final String RESPOND = CONVERSATION + "/events/respond_to_confirmation";

    private final WireMockServer server =
            new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private final ClientOptions options =
            ClientOptions.defaults().withRetry(RetryPolicy.none()).withRequestTimeout(Duration.ofMillis(700));
    private final List<Runnable> worker = new ArrayList<>();
    private final AtomicInteger told = new AtomicInteger();

    @BeforeEach
    void start() {
        server.start();
        server.stubFor(post(RESPOND).willReturn(json("{\"success\":true}")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private AgentServers attached() {
        return AgentServers.attached(
                new AgentEndpoint(URI.create(server.baseUrl()), Credential.sessionKey("sess-test")));
    }

    private ConfirmationAnswer answer(AgentServers servers) {
        SandboxAccess access = new SandboxAccess(servers, ID, HttpCore.newHttpClient(options), options);
        return new ConfirmationAnswer(access, ID, worker::add, told::incrementAndGet);
    }

    private AnswerSnapshot runWorker(ConfirmationAnswer answer) {
        List<Runnable> now = List.copyOf(worker);
        worker.clear();
        now.forEach(Runnable::run);
        return answer.snapshot();
    }

    private void conversationIs(String status, String... newestFirst) {
        server.stubFor(
                get(CONVERSATION).willReturn(json("{\"id\":\"" + ID + "\",\"execution_status\":\"" + status + "\"}")));
        server.stubFor(get(urlPathEqualTo(CONVERSATION + "/events/search"))
                .withQueryParam("sort_order", equalTo("TIMESTAMP_DESC"))
                .willReturn(json("{\"items\":[" + String.join(",", newestFirst) + "],\"next_page_id\":null}")));
    }

    private void waitingOnARiskyCommand() {
        conversationIs(
                "waiting_for_confirmation",
                terminal("a2", "call-2", "rm -rf build", "HIGH"),
                observation("o1", "a1", "call-1"),
                terminal("a1", "call-1", "ls", "LOW"),
                user("m1", "clean up"));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private int answersPosted() {
        return server.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo(RESPOND)).build())
                .getCount();
    }

    @Test
    void anApprovalIsSendingUntilTheServerTakesItThenDoneNamingTheActionItApproved() {
        waitingOnARiskyCommand();
        ConfirmationAnswer answer = answer(attached());

        answer.answer(true, null);
        assertEquals(State.SENDING, answer.snapshot().state(), "nothing has answered yet");
        AnswerSnapshot done = runWorker(answer);

        assertEquals(State.DONE, done.state(), String.valueOf(done.problem()));
        assertEquals(
                List.of("rm -rf build"),
                done.actions().stream().map(PendingAction::what).toList());
        assertEquals(1, told.get());
        server.verify(postRequestedFor(urlPathEqualTo(RESPOND)).withRequestBody(equalToJson("{\"accept\":true}")));
    }

    @Test
    void aRejectionCarriesItsReason() {
        waitingOnARiskyCommand();
        ConfirmationAnswer answer = answer(attached());

        answer.answer(false, "not the build folder");
        assertEquals(State.DONE, runWorker(answer).state());

        server.verify(postRequestedFor(urlPathEqualTo(RESPOND))
                .withRequestBody(equalToJson("{\"accept\":false,\"reason\":\"not the build folder\"}")));
    }

    @Test
    void aConversationThatStoppedWaitingIsNotAnsweredAndTheUserIsToldWhy() {
        conversationIs("running", terminal("a2", "call-2", "rm -rf build", "HIGH"));
        ConfirmationAnswer answer = answer(attached());

        answer.answer(true, null);
        AnswerSnapshot refused = runWorker(answer);

        assertEquals(State.NOT_WAITING, refused.state());
        assertEquals(
                "nothing answered: it does not wait for confirmation now (it is running;"
                        + " if it did, someone may have answered in the web app)",
                refused.problem());
        assertEquals(0, answersPosted(), "never answered twice");
    }

    @Test
    void anAnswerMeantForAnActionThatNoLongerWaitsIsNotGivenToTheNextOne() {
        waitingOnARiskyCommand();
        ConfirmationAnswer answer = answer(attached());

        answer.answer(true, null, List.of("a1"));
        AnswerSnapshot refused = runWorker(answer);

        assertEquals(State.NOT_WAITING, refused.state());
        assertTrue(refused.problem().contains("another action than the one shown"), refused.problem());
        assertEquals(0, answersPosted());

        answer.answer(true, null, List.of("a2"));
        assertEquals(State.DONE, runWorker(answer).state(), "the action shown is answered");
    }

    @Test
    void aPausedSandboxIsNamedSoThatItCanBeResumedAndNothingIsSent() {
        ConfirmationAnswer answer = answer(id -> new AgentServerLocation.SandboxPaused("sb-42"));

        answer.answer(true, null);
        AnswerSnapshot paused = runWorker(answer);

        assertEquals(State.PAUSED, paused.state());
        assertEquals("sb-42", paused.pausedSandbox());
        assertEquals("the sandbox sb-42 is paused: resume it first", paused.problem());
        assertEquals(0, answersPosted());
    }

    @Test
    void anAnswerWithNoReplyInTimeMayHaveTakenEffectAndSaysSo() {
        waitingOnARiskyCommand();
        server.stubFor(post(RESPOND).willReturn(json("{\"success\":true}").withFixedDelay(2_000)));
        ConfirmationAnswer answer = answer(attached());

        answer.answer(false, null);
        AnswerSnapshot unsure = runWorker(answer);

        assertEquals(State.FAILED, unsure.state());
        assertTrue(unsure.mayHaveTakenEffect());
        assertTrue(
                unsure.problem()
                        .contains("the rejection may have taken effect; look at its events before answering again"),
                unsure.problem());
    }

    @Test
    void aServerFailureIsSaidPlainlyAndTheAnswerCanBeGivenAgain() {
        waitingOnARiskyCommand();
        server.stubFor(post(RESPOND)
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\":\"Internal Server Error\"}")));
        ConfirmationAnswer answer = answer(attached());

        answer.answer(true, null);
        AnswerSnapshot failed = runWorker(answer);

        assertEquals(State.FAILED, failed.state());
        assertFalse(failed.mayHaveTakenEffect());
        assertTrue(failed.problem().startsWith("not answered: "), failed.problem());

        server.stubFor(post(RESPOND).willReturn(json("{\"success\":true}")));
        answer.answer(true, null);
        assertEquals(State.DONE, runWorker(answer).state());
    }

    @Test
    void aLookSaysWhatWaitsAndItsRiskWithoutAnswering() {
        waitingOnARiskyCommand();
        ConfirmationAnswer answer = answer(attached());

        answer.look();
        assertEquals(State.LOOKING, answer.snapshot().state());
        AnswerSnapshot looked = runWorker(answer);

        assertEquals(State.READY, looked.state());
        assertTrue(PendingActions.anyHighRisk(looked.actions()));
        assertEquals(0, answersPosted(), "a look answers nothing");
    }
}

package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.api.events.EventParser;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.keymap.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answering a confirmation from the events screen of the demo's conversation in confirmation mode
 * ("Refactor payment retries into a state machine"): it waits to force-push main (HIGH risk), and
 * after each answer stops again at its next risky step.
 */
class ConfirmationScreenTest {
    private static final String BAND = "waits for you: terminal: git push --force origin main (risk HIGH)";
    private static final String ANSWER_ROUTE = "/events/respond_to_confirmation";

    private VirtualOhtop ohtop;
    private ConversationSnapshot waiting;

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
    }

    /** Opens the events of the conversation that waits, until its pending action shows. */
    private void openTheWaitingConversation(VirtualOhtop.Setup setup) throws Exception {
        ohtop = VirtualOhtop.onDemo(setup);
        waiting = ohtop.demo.world().conversations().stream()
                .filter(c -> "waiting_for_confirmation".equals(c.executionStatus()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo has a conversation waiting for confirmation"));
        ohtop.untilShows("30 total").selectConversation(waiting.id());
        ohtop.press(Action.OPEN).until("its events, all fetched", VirtualOhtop::eventsCaughtUp);
        ohtop.untilShows(BAND);
    }

    private void openTheWaitingConversation() throws Exception {
        openTheWaitingConversation(VirtualOhtop.Setup.defaults());
    }

    private long answersSentSince(long mark) {
        return ohtop.proxy.requests().since(mark).stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith(ANSWER_ROUTE))
                .count();
    }

    private String pendingId() {
        return dev.ohtop.monitor.PendingActions.in(ohtop.demo.world().events(waiting.id()).stream()
                        .map(EventParser::parse)
                        .toList())
                .get(0)
                .eventId();
    }

    @Test
    void thePendingActionIsShownAtTheBottomWithItsRiskAndTheKeysInTheFooter() throws Exception {
        openTheWaitingConversation();

        int rows = ohtop.lines().size();
        assertEquals(rows - 3, ohtop.rowOf(BAND), "the band stands right above the status line:\n" + ohtop.text());
        assertTrue(ohtop.footer().strip().startsWith("a approve  x reject"), ohtop.footer());
    }

    @Test
    void approvingAHighRiskActionAsksFirstAndNoSendsNothing() throws Exception {
        openTheWaitingConversation();
        long mark = ohtop.proxy.requests().mark();

        ohtop.press(Action.APPROVE).untilShows("[y/N]");
        assertTrue(ohtop.shows("approve terminal git push --force origin main (risk HIGH)?"), ohtop.text());
        ohtop.type("n").until("no approval", o -> o.status().contains("not approved: nothing sent"));
        ohtop.settle();

        assertFalse(ohtop.shows("[y/N]"), ohtop.text());
        assertTrue(ohtop.shows(BAND), "it still waits:\n" + ohtop.text());
        assertEquals(0, answersSentSince(mark), "no respond_to_confirmation was sent");
    }

    @Test
    void anApprovalIsSentOnceTheActionsObservationFollowsAndTheBandGoes() throws Exception {
        openTheWaitingConversation();
        String actionId = pendingId();
        long mark = ohtop.proxy.requests().mark();

        ohtop.press(Action.APPROVE).untilShows("[y/N]").type("y");
        ohtop.until("the approval said", o -> o.status().contains("approved: terminal git push --force origin main"));
        assertEquals(1, answersSentSince(mark));

        ohtop.clock().advanceSeconds(2); // the demo runs the action then
        String observation = ohtop.demo.world().events(waiting.id()).stream()
                .filter(e -> actionId.equals(e.path("action_id").asText()))
                .map(e -> EventParser.parse(e).summary())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo ran the approved action"));
        ohtop.untilShows(observation.substring(0, Math.min(40, observation.length())));
        ohtop.until("the band gone", o -> !o.shows("waits for you"));
        assertEquals(1, answersSentSince(mark), "answered once");
    }

    @Test
    void onceApprovedTheAgentsNextStepIsNotOfferedAsWaitingBeforeTheListHasCaughtUp() throws Exception {
        openTheWaitingConversation();
        ohtop.press(Action.APPROVE).untilShows("[y/N]").type("y");
        ohtop.until("the approval said", o -> o.status().contains("approved: terminal git push"));

        // The agent runs again and takes its next (safe) step, heard live from its agent server,
        // while the list cannot refresh and still says it waits.
        ohtop.proxy.faults().always(Fault.serverError(), FaultSwitch.Target.APP);
        for (int s = 0; s < 6 && !ohtop.shows("terminal: grep"); s++) {
            ohtop.clock().advanceSeconds(1);
            ohtop.settle();
            assertFalse(ohtop.shows("waits for you: terminal: grep"), "a running step offered:\n" + ohtop.text());
        }
        ohtop.untilShows("terminal: grep");
        ohtop.settle();

        assertFalse(ohtop.shows("waits for you"), "nothing waits while the agent runs:\n" + ohtop.text());
    }

    @Test
    void theNextRiskyStepWaitsAgainAndAMediumRiskIsApprovedWithoutAQuestion() throws Exception {
        openTheWaitingConversation();
        ohtop.press(Action.APPROVE).untilShows("[y/N]").type("y");
        ohtop.until("the first approval said", o -> o.status().contains("approved: terminal git push"));

        ohtop.clock().advanceSeconds(60); // the demo's agent works on, to its next risky step
        ohtop.untilShows("waits for you: terminal: pip install --upgrade httpx (risk MEDIUM)");
        long mark = ohtop.proxy.requests().mark();
        ohtop.press(Action.APPROVE);
        ohtop.until(
                "the second approval said", o -> o.status().contains("approved: terminal pip install --upgrade httpx"));

        assertFalse(ohtop.shows("[y/N]"), ohtop.text());
        assertEquals(1, answersSentSince(mark));
    }

    @Test
    void aRejectionWithAReasonIsAnsweredByARejectedEventCarryingIt() throws Exception {
        openTheWaitingConversation();
        long mark = ohtop.proxy.requests().mark();

        ohtop.press(Action.REJECT).untilShows("reason for rejecting");
        ohtop.type("never force-push main").press(KeyType.Enter);
        ohtop.until(
                "the rejection said",
                o -> o.status().contains("rejected: terminal git push --force origin main (never force-push main)"));

        ohtop.untilShows("terminal rejected: never force-push main");
        String row = ohtop.lines().get(ohtop.rowOf("terminal rejected: never force-push main"));
        assertTrue(row.contains("Rejected"), "its kind reads as a rejection: " + row);
        ohtop.until("the band gone", o -> !o.shows("waits for you"));
        assertEquals(1, answersSentSince(mark));
    }

    @Test
    void escapeAtTheReasonRejectsNothing() throws Exception {
        openTheWaitingConversation();
        long mark = ohtop.proxy.requests().mark();

        ohtop.press(Action.REJECT).untilShows("reason for rejecting");
        ohtop.type("no").press(KeyType.Escape);
        ohtop.until("nothing rejected", o -> o.status().contains("not rejected: nothing sent"));

        assertTrue(ohtop.shows(BAND), ohtop.text());
        assertEquals(0, answersSentSince(mark));
    }

    @Test
    void readOnlyShowsWhatWaitsButNoKeysAndRefusesToAnswer() throws Exception {
        openTheWaitingConversation(VirtualOhtop.Setup.defaults().asReadonly());
        long mark = ohtop.proxy.requests().mark();

        assertFalse(ohtop.footer().contains("approve"), ohtop.footer());
        assertFalse(ohtop.footer().contains("reject"), ohtop.footer());
        for (Action action : java.util.List.of(Action.APPROVE, Action.REJECT)) {
            ohtop.press(action)
                    .until(action + " refused", o -> o.status().contains("read-only: \"" + action.description()));
            assertFalse(ohtop.shows("[y/N]"), ohtop.text());
            assertFalse(ohtop.shows("reason for rejecting"), ohtop.text());
        }
        assertEquals(0, answersSentSince(mark));
    }

    @Test
    void aPausedSandboxIsOfferedAResumeAndTheAnswerThenGoes() throws Exception {
        openTheWaitingConversation();
        ClientOptions options = ClientOptions.defaults().withRetry(RetryPolicy.none());
        new CloudClient(
                        HttpCore.newHttpClient(options),
                        ohtop.demo.appServerUrl(),
                        Credential.bearer(ohtop.demo.apiKey()),
                        options)
                .pauseSandbox(waiting.sandboxId());

        ohtop.press(Action.REJECT).untilShows("reason for rejecting");
        ohtop.type("not now").press(KeyType.Enter);
        ohtop.untilShows("is paused. Resume it?");
        ohtop.type("y").untilShows(": STARTING");
        ohtop.clock().advanceSeconds(10);

        ohtop.until(
                "the rejection sent once the sandbox runs",
                o -> o.status().contains("rejected: terminal git push --force origin main (not now)"));
        ohtop.untilShows("terminal rejected: not now");
    }

    @Test
    void anAnswerGivenElsewhereMeanwhileIsSaidAndNothingIsSentTwice() throws Exception {
        openTheWaitingConversation();
        // The user saw it and starts answering (the reason is being typed) while the web app answers it.
        ohtop.press(Action.REJECT).untilShows("reason for rejecting");
        SandboxSnapshot sandbox = ohtop.demo.world().sandboxes().stream()
                .filter(s -> s.id().equals(waiting.sandboxId()))
                .findFirst()
                .orElseThrow();
        ClientOptions options = ClientOptions.defaults().withRetry(RetryPolicy.none());
        AgentServerClient elsewhere = new AgentServerClient(
                HttpCore.newHttpClient(options),
                new AgentEndpoint(sandbox.agentServerUrl(), Credential.sessionKey(sandbox.sessionApiKey())),
                options);
        elsewhere.respondToConfirmation(waiting.id(), false, "answered in the web app");
        long mark = ohtop.proxy.requests().mark();

        ohtop.press(KeyType.Enter);
        ohtop.until(
                "told it was answered elsewhere",
                o -> o.status().contains("it no longer waits: answered elsewhere; nothing sent"));

        assertEquals(0, answersSentSince(mark), "ohtop sent no second answer");
    }
}

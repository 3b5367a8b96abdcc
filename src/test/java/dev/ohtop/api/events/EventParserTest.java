package dev.ohtop.api.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ohtop.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every event the services send is shown for what it is; nothing a server sends can crash the tail. */
class EventParserTest {

    private static JsonNode examplePage() throws IOException {
        try (InputStream in = EventParserTest.class.getResourceAsStream("/fixtures/event-page.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    private static List<Event> exampleEvents() throws IOException {
        List<Event> events = new ArrayList<>();
        for (JsonNode item : examplePage().get("items")) {
            events.add(EventParser.parse(item));
        }
        return events;
    }

    private static Event parse(String json) throws IOException {
        return EventParser.parse(Json.MAPPER.readTree(json));
    }

    @Test
    void everyExampleEventParsesToItsTypeWithKindSourceIdAndExactTimestamp() throws Exception {
        List<Event> events = exampleEvents();

        assertEquals(
                List.of(
                        SystemPromptEvent.class,
                        MessageEvent.class,
                        StateUpdateEvent.class,
                        ActionEvent.class,
                        ObservationEvent.class,
                        ActionEvent.class,
                        ErrorEvent.class,
                        HookEvent.class,
                        UnknownEvent.class),
                events.stream().map(Object::getClass).toList());
        assertEquals(
                List.of(
                        "SystemPromptEvent",
                        "MessageEvent",
                        "ConversationStateUpdateEvent",
                        "ActionEvent",
                        "ObservationEvent",
                        "ActionEvent",
                        "AgentErrorEvent",
                        "HookExecutionEvent",
                        "SomeFutureEvent"),
                events.stream().map(Event::kind).toList());
        assertEquals(
                List.of(
                        "agent",
                        "user",
                        "environment",
                        "agent",
                        "environment",
                        "agent",
                        "agent",
                        "hook",
                        "environment"),
                events.stream().map(Event::source).toList());
        assertEquals(
                List.of(
                        "2026-11-27T10:15:40.000100",
                        "2026-11-27T10:15:41.102938",
                        "2026-11-27T10:15:41.500000",
                        "2026-11-27T10:15:44.500001",
                        "2026-11-27T10:15:52.010000",
                        "2026-11-27T10:16:01.000000",
                        "2026-11-27T10:16:03.000000",
                        "2026-11-27T10:16:04.000000",
                        "2026-11-27T10:16:05.000000"),
                events.stream().map(Event::timestamp).toList());
        JsonNode items = examplePage().get("items");
        for (int i = 0; i < events.size(); i++) {
            assertEquals(items.get(i).get("id").asText(), events.get(i).id());
            assertEquals(items.get(i), events.get(i).info().raw().tree(), "raw JSON kept for event " + i);
        }
    }

    @Test
    void aUserMessageShowsItsRoleAndText() throws Exception {
        MessageEvent message = (MessageEvent) exampleEvents().get(1);

        assertEquals("user", message.role());
        assertEquals("Investigate flaky tests in tests/test_api.py.", message.text());
        assertEquals("user: Investigate flaky tests in tests/test_api.py.", message.summary());
        assertFalse(message.isError());
    }

    @Test
    void aTerminalActionShowsItsCommandThoughtRiskAndToolCall() throws Exception {
        ActionEvent action = (ActionEvent) exampleEvents().get(3);

        assertEquals("terminal", action.toolName());
        assertEquals("toolu_01AB", action.toolCallId());
        assertEquals("TerminalAction", action.actionKind());
        assertEquals("pytest tests/test_api.py -x -q", action.argument());
        assertEquals("Let me run the tests first.", action.thought());
        assertEquals("run the failing test file", action.summaryText());
        assertEquals("LOW", action.securityRisk());
        assertEquals("terminal: pytest tests/test_api.py -x -q", action.summary());
    }

    @Test
    void anObservationPairsWithItsActionByActionIdAndToolCallId() throws Exception {
        List<Event> events = exampleEvents();
        ActionEvent action = (ActionEvent) events.get(3);
        ObservationEvent observation = (ObservationEvent) events.get(4);

        assertEquals(action.id(), observation.actionId());
        assertEquals(action.toolCallId(), observation.toolCallId());
        assertEquals("TerminalObservation", observation.observationKind());
        assertEquals(1, observation.exitCode());
        assertEquals("pytest tests/test_api.py -x -q", observation.command());
        assertTrue(observation.text().contains("1 failed, 1 passed in 7.1s"), observation.text());
        assertFalse(observation.isError());
        assertTrue(observation.summary().startsWith("terminal exit 1: F."), observation.summary());
    }

    @Test
    void aFileEditShowsCommandAndPathAndFlagsItsRisk() throws Exception {
        ActionEvent edit = (ActionEvent) exampleEvents().get(5);

        assertEquals("str_replace /workspace/project/tests/test_api.py", edit.argument());
        assertEquals("", edit.thought());
        assertEquals("file_editor: str_replace /workspace/project/tests/test_api.py [risk MEDIUM]", edit.summary());
    }

    @Test
    void anAgentErrorIsAnErrorAnsweringItsToolCall() throws Exception {
        List<Event> events = exampleEvents();
        ErrorEvent error = (ErrorEvent) events.get(6);

        assertTrue(error.isError());
        assertEquals(((ActionEvent) events.get(5)).toolCallId(), error.toolCallId());
        assertEquals("file_editor", error.toolName());
        assertEquals(
                "file_editor: old_str `timeout=1` did not appear verbatim in /workspace/project/tests/test_api.py.",
                error.summary());
    }

    @Test
    void aHookShowsWhatRanAndHowItWent() throws Exception {
        HookEvent hook = (HookEvent) exampleEvents().get(7);

        assertEquals("PostToolUse ./lint.sh ok (exit 0)", hook.summary());
        assertEquals("ok\n", hook.stdout());
        assertFalse(hook.isError());
    }

    @Test
    void aStateUpdateShowsKeyAndValue() throws Exception {
        StateUpdateEvent update = (StateUpdateEvent) exampleEvents().get(2);

        assertEquals("execution_status", update.key());
        assertEquals("running", update.value());
        assertNull(update.cost());
        assertEquals("execution_status = running", update.summary());
    }

    @Test
    void theSystemPromptShowsItsToolNames() throws Exception {
        SystemPromptEvent prompt = (SystemPromptEvent) exampleEvents().get(0);

        assertEquals(List.of("terminal", "file_editor"), prompt.tools());
        assertTrue(prompt.prompt().startsWith("You are OpenHands agent"));
        assertTrue(prompt.summary().contains("2 tools: terminal, file_editor"), prompt.summary());
    }

    @Test
    void anUnknownKindIsShownByItsKindAndKeptRaw() throws Exception {
        Event unknown = exampleEvents().get(8);

        assertInstanceOf(UnknownEvent.class, unknown);
        assertEquals("(SomeFutureEvent)", unknown.summary());
        assertEquals(
                "a kind this client has never seen: show it raw",
                unknown.info().raw().tree().path("payload").path("note").asText());
    }

    @Test
    void aFullyQualifiedKindIsReadAsItsShortName() throws Exception {
        Event event = parse("{\"kind\":\"openhands.sdk.event.llm_convertible.action.ActionEvent\",\"id\":\"a\","
                + "\"action\":{\"kind\":\"ThinkAction\",\"thought\":\"hmm\"}}");

        assertInstanceOf(ActionEvent.class, event);
        assertEquals("ActionEvent", event.kind());
        assertEquals("ThinkAction: hmm", event.summary());
    }

    @Test
    void aRejectionIsAnObservationCarryingTheReason() throws Exception {
        ObservationEvent rejected = (ObservationEvent) parse("""
                {"kind":"UserRejectObservation","id":"r1","source":"environment","action_id":"a1",
                 "tool_name":"terminal","tool_call_id":"toolu_9","rejection_reason":"too risky"}""");

        assertEquals("a1", rejected.actionId());
        assertEquals("terminal rejected: too risky", rejected.summary());
    }

    @Test
    void aConversationErrorShowsItsCodeAndDetail() throws Exception {
        ErrorEvent error = (ErrorEvent) parse("""
                {"kind":"ConversationErrorEvent","id":"e1","source":"environment","code":"LLMBadRequest","detail":"context too long"}""");

        assertEquals("LLMBadRequest: context too long", error.summary());
        assertTrue(error.isError());
    }

    @Test
    void statsUpdatesCarryTheAccumulatedCost() throws Exception {
        StateUpdateEvent summed = (StateUpdateEvent) parse("""
                {"kind":"ConversationStateUpdateEvent","key":"stats","value":{"usage_to_metrics":{
                  "agent":{"accumulated_cost":0.25},"condenser":{"accumulated_cost":0.05},"other":{}}}}""");
        StateUpdateEvent single = (StateUpdateEvent) parse("""
                {"kind":"ConversationStateUpdateEvent","key":"full_state","value":{"stats":{"accumulated_cost":1.5}}}""");

        assertEquals(0.30, summed.cost(), 1e-9);
        assertEquals("stats = cost $0.3000", summed.summary());
        assertEquals(1.5, single.cost());
    }

    /** Events the real app server (1.11.0) stored: two full_state updates around a streamed step. */
    private static List<Event> appServerEvents() throws IOException {
        try (InputStream in = EventParserTest.class.getResourceAsStream("/fixtures/app-server-events.json")) {
            List<Event> events = new ArrayList<>();
            Json.MAPPER.readTree(in).get("items").forEach(item -> events.add(EventParser.parse(item)));
            return events;
        }
    }

    @Test
    void aStreamingDeltaIsShownByTheTextItCarries() throws Exception {
        StreamingDeltaEvent delta =
                assertInstanceOf(StreamingDeltaEvent.class, appServerEvents().get(1));

        assertEquals("Step 0.", delta.summary());
        assertEquals("agent", delta.source());
        assertNull(delta.reasoning());
    }

    @Test
    void aStreamingDeltaWithOnlyReasoningSaysItIsThinking() throws Exception {
        Event delta = parse("""
                {"kind":"StreamingDeltaEvent","content":null,"reasoning_content":"Maybe the test is flaky."}""");
        Event empty = parse("{\"kind\":\"StreamingDeltaEvent\",\"content\":\"\"}");

        assertEquals("thinking: Maybe the test is flaky.", delta.summary());
        assertEquals("(empty delta)", empty.summary());
    }

    @Test
    void aFullStateUpdateIsSummarisedByStatusModelAndCost() throws Exception {
        List<Event> events = appServerEvents();
        StateUpdateEvent first = assertInstanceOf(StateUpdateEvent.class, events.get(0));
        StateUpdateEvent last = assertInstanceOf(StateUpdateEvent.class, events.get(2));

        assertEquals("full state: idle · openai/scripted", first.summary(), "no usage yet, so no cost");
        assertEquals("full state: finished · openai/scripted · cost $0.0000", last.summary());
    }

    @Test
    void aFullStateUpdateKeepsTheFieldsTheDetailShows() throws Exception {
        FullState full = ((StateUpdateEvent) appServerEvents().get(0)).full();

        assertEquals(
                new FullState(
                        "idle",
                        "openai/scripted",
                        null,
                        ".",
                        500,
                        "NeverConfirm",
                        "LLMSecurityAnalyzer",
                        List.of("terminal", "file_editor", "task_tracker"),
                        19),
                full);
    }

    @Test
    void aFullStateWithoutItsFieldsStillSaysWhatItIs() throws Exception {
        assertEquals(
                "full state: status unknown",
                parse("{\"kind\":\"ConversationStateUpdateEvent\",\"key\":\"full_state\",\"value\":{}}")
                        .summary());
        assertEquals(
                "full_state = idle",
                parse("{\"kind\":\"ConversationStateUpdateEvent\",\"key\":\"full_state\",\"value\":\"idle\"}")
                        .summary());
    }

    @Test
    void pauseAndInterruptSayWhatTheUserDid() throws Exception {
        assertEquals(
                "paused by the user",
                parse("{\"kind\":\"PauseEvent\",\"source\":\"user\"}").summary());
        assertEquals(
                "interrupted by the user",
                parse("{\"kind\":\"InterruptEvent\"}").summary());
    }

    @Test
    void aCondensationCountsWhatWasForgotten() throws Exception {
        Event condensed =
                parse("{\"kind\":\"Condensation\",\"forgotten_event_ids\":[\"a\",\"b\",\"c\"],\"summary\":\"s\"}");

        assertEquals("forgot 3 events: s", condensed.summary());
    }

    @Test
    void aMessageWithImagesCountsThem() throws Exception {
        MessageEvent message = (MessageEvent) parse("""
                {"kind":"MessageEvent","llm_message":{"role":"user","content":[{"type":"text","text":"look"},
                 {"type":"image","image_urls":["https://img/1.png","https://img/2.png"]}]}}""");

        assertEquals(List.of("https://img/1.png", "https://img/2.png"), message.imageUrls());
        assertEquals("user: look [2 image(s)]", message.summary());
    }

    @Test
    void aHugeTextIsCappedButTheRawEventKeepsItAll() throws Exception {
        String huge = "z".repeat(EventParser.MAX_TEXT * 3);
        MessageEvent message = (MessageEvent) parse("{\"kind\":\"MessageEvent\",\"llm_message\":{\"role\":\"agent\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"" + huge + "\"}]}}");

        assertEquals(EventParser.MAX_TEXT + 1, message.text().length());
        assertTrue(message.text().endsWith("…"));
        assertTrue(message.info().raw().text().contains(huge));
    }

    @Test
    void aTimestampWithAnOffsetIsKeptExactlyToo() throws Exception {
        Event event = parse("{\"kind\":\"PauseEvent\",\"timestamp\":\"2026-11-27T10:15:41.500000+00:00\"}");

        assertEquals("2026-11-27T10:15:41.500000+00:00", event.timestamp());
    }

    // ---- hostile and broken input ---------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "[]",
                "null",
                "\"text\"",
                "42",
                "{\"kind\":5}",
                "{\"kind\":{}}",
                "{\"kind\":null,\"id\":[1]}",
                "{\"id\":7,\"timestamp\":1.5,\"source\":{}}",
                "{\"kind\":\"MessageEvent\"}",
                "{\"kind\":\"MessageEvent\",\"llm_message\":5}",
                "{\"kind\":\"MessageEvent\",\"llm_message\":{\"role\":[],\"content\":\"plain\"}}",
                "{\"kind\":\"MessageEvent\",\"llm_message\":{\"content\":[null,5,{\"type\":\"image\",\"image_urls\":\"x\"}]}}",
                "{\"kind\":\"ActionEvent\"}",
                "{\"kind\":\"ActionEvent\",\"action\":\"rm -rf /\",\"thought\":7}",
                "{\"kind\":\"ActionEvent\",\"action\":{\"kind\":5,\"command\":{\"a\":1}},\"thought\":[{\"type\":\"text\"}]}",
                "{\"kind\":\"ObservationEvent\"}",
                "{\"kind\":\"ObservationEvent\",\"observation\":[]}",
                "{\"kind\":\"ObservationEvent\",\"observation\":{\"exit_code\":\"abc\",\"content\":5,\"is_error\":\"yes\"}}",
                "{\"kind\":\"ObservationEvent\",\"observation\":{\"exit_code\":1.5e300,\"metadata\":\"x\"}}",
                "{\"kind\":\"UserRejectObservation\",\"rejection_reason\":{}}",
                "{\"kind\":\"AgentErrorEvent\",\"error\":[\"a\"]}",
                "{\"kind\":\"ConversationErrorEvent\",\"code\":1}",
                "{\"kind\":\"ConversationStateUpdateEvent\",\"value\":[1,2]}",
                "{\"kind\":\"ConversationStateUpdateEvent\",\"key\":\"stats\",\"value\":{\"usage_to_metrics\":[1]}}",
                "{\"kind\":\"SystemPromptEvent\",\"system_prompt\":\"just text\",\"tools\":\"x\"}",
                "{\"kind\":\"SystemPromptEvent\",\"tools\":[null,5,{\"function\":{\"name\":\"f\"}}]}",
                "{\"kind\":\"HookExecutionEvent\",\"exit_code\":\"abc\",\"success\":\"yes\",\"blocked\":1}",
                "{\"kind\":\"Condensation\",\"forgotten_event_ids\":\"a\"}",
                "{\"kind\":\"TokenEvent\",\"prompt_token_ids\":[1,2]}",
                "{\"kind\":\"StreamingDeltaEvent\"}",
                "{\"kind\":\"StreamingDeltaEvent\",\"content\":{\"a\":1},\"reasoning_content\":[1]}",
                "{\"kind\":\"ConversationStateUpdateEvent\",\"key\":\"full_state\"}",
                "{\"kind\":\"ConversationStateUpdateEvent\",\"key\":\"full_state\",\"value\":\"idle\"}",
                "{\"kind\":\"ConversationStateUpdateEvent\",\"key\":\"full_state\",\"value\":{}}",
                "{\"kind\":\"ConversationStateUpdateEvent\",\"key\":\"full_state\",\"value\":{\"agent\":[1],"
                        + "\"execution_status\":{\"x\":1},\"max_iterations\":\"many\",\"stats\":5,\"workspace\":\"w\"}}",
                "{\"kind\":\"ConversationStateUpdateEvent\",\"key\":\"full_state\",\"value\":{\"agent\":{\"llm\":5,"
                        + "\"tools\":{\"a\":{\"name\":\"t\"}}},\"confirmation_policy\":\"x\"}}"
            })
    void brokenOrStrangeEventsNeverThrow(String json) throws Exception {
        JsonNode node = Json.MAPPER.readTree(json);

        Event event = assertDoesNotThrow(() -> EventParser.parse(node));

        assertNotNull(event.summary());
        assertNotNull(event.info().raw());
    }

    @Test
    void aMissingNodeIsAnUnknownEventWithoutAKind() {
        Event event = EventParser.parse(null);

        assertInstanceOf(UnknownEvent.class, event);
        assertEquals("(event without a kind)", event.summary());
    }

    @Test
    void anExitCodeThatIsNotANumberIsLeftOutNotGuessed() throws Exception {
        ObservationEvent bad =
                (ObservationEvent) parse("{\"kind\":\"ObservationEvent\",\"observation\":{\"exit_code\":\"abc\"}}");
        ObservationEvent fromMetadata = (ObservationEvent)
                parse(
                        "{\"kind\":\"ObservationEvent\",\"observation\":{\"exit_code\":\"abc\",\"metadata\":{\"exit_code\":2}}}");
        ObservationEvent asText =
                (ObservationEvent) parse("{\"kind\":\"ObservationEvent\",\"observation\":{\"exit_code\":\" -1 \"}}");
        HookEvent hook =
                (HookEvent) parse("{\"kind\":\"HookExecutionEvent\",\"exit_code\":\"abc\",\"success\":\"yes\"}");

        assertNull(bad.exitCode());
        assertEquals(2, fromMetadata.exitCode());
        assertEquals(-1, asText.exitCode());
        assertNull(hook.exitCode());
        assertNull(hook.success());
    }

    @Test
    void aMessageWhoseLlmMessageIsNotAnObjectShowsNoText() throws Exception {
        MessageEvent message = (MessageEvent) parse("{\"kind\":\"MessageEvent\",\"id\":\"m\",\"llm_message\":5}");

        assertNull(message.role());
        assertEquals("", message.text());
        assertEquals("m", message.id());
    }
}

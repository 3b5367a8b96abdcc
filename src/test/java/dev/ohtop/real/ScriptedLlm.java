package dev.ohtop.real;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI-compatible chat-completions endpoint on loopback that plays the agent's LLM from a
 * fixed script of tool calls, so a conversation on the real agent server really runs. The step
 * is chosen by how many assistant messages the request already holds (stateless, so a retry or
 * an extra request cannot shift the script); once the script is over it answers {@code finish}.
 */
public final class ScriptedLlm implements AutoCloseable {
    /** One scripted answer: call {@code tool} with {@code arguments} (a JSON object). */
    public record Step(String tool, ObjectNode arguments) {
        public static Step of(String tool, String... keyValues) {
            ObjectNode args = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                args.put(keyValues[i], keyValues[i + 1]);
            }
            return new Step(tool, args);
        }
    }

    /** The plain-text answer to requests without tools: the title the app server gives a conversation. */
    public static final String TITLE = "Scripted title";

    private final WireMockServer server =
            new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    public ScriptedLlm(List<Step> steps) {
        this(steps, TITLE);
    }

    /** @param title the plain-text answer to requests without tools */
    public ScriptedLlm(List<Step> steps, String title) {
        server.start();
        // The app server asks with "stream": true and reads server-sent events; the agent server
        // asks without. Each answer is stubbed both ways; the streamed ones match first.
        for (boolean streamed : new boolean[] {true, false}) {
            int base = streamed ? 0 : 3;
            List<String> roles = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                String assistants = JsonNodeFactory.instance
                        .arrayNode()
                        .addAll(roles.stream()
                                .map(JsonNodeFactory.instance::textNode)
                                .toList())
                        .toString();
                server.stubFor(asked(streamed)
                        .atPriority(base + 1)
                        .withRequestBody(matchingJsonPath("$.tools"))
                        .withRequestBody(matchingJsonPath(
                                "$.messages[?(@.role == 'assistant')].role", WireMock.equalToJson(assistants)))
                        .willReturn(answer(toolCall(i, steps.get(i)), "tool_calls", streamed)));
                roles.add("assistant");
            }
            server.stubFor(asked(streamed)
                    .atPriority(base + 2)
                    .withRequestBody(matchingJsonPath("$.tools"))
                    .willReturn(answer(
                            toolCall(steps.size(), Step.of("finish", "message", "Scripted run complete.")),
                            "tool_calls",
                            streamed)));
            // Requests without tools (e.g. a title) get plain text.
            server.stubFor(
                    asked(streamed).atPriority(base + 3).willReturn(answer(message(title, null), "stop", streamed)));
        }
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder asked(boolean streamed) {
        var request = post(urlEqualTo("/v1/chat/completions"));
        return streamed ? request.withRequestBody(matchingJsonPath("$[?(@.stream == true)]")) : request;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    int requests() {
        return server.getAllServeEvents().size();
    }

    private static ObjectNode toolCall(int index, Step step) {
        ArrayNode calls = JsonNodeFactory.instance.arrayNode();
        ObjectNode call = calls.addObject().put("id", "call_" + index).put("type", "function");
        call.putObject("function")
                .put("name", step.tool())
                .put("arguments", step.arguments().toString());
        return message("Step " + index + ".", calls);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer(
            ObjectNode message, String finishReason, boolean streamed) {
        return streamed ? stream(message, finishReason) : json(completion(message, finishReason));
    }

    /** The same answer as server-sent chunks: role and text, then each tool call whole, then the finish. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder stream(
            ObjectNode message, String finishReason) {
        StringBuilder body = new StringBuilder();
        ObjectNode first = JsonNodeFactory.instance
                .objectNode()
                .put("role", "assistant")
                .put("content", message.path("content").asText(""));
        body.append(chunk(first, null, false));
        int index = 0;
        for (var call : message.path("tool_calls")) {
            ObjectNode delta = JsonNodeFactory.instance.objectNode();
            delta.putArray("tool_calls").add(((ObjectNode) call.deepCopy()).put("index", index++));
            body.append(chunk(delta, null, false));
        }
        body.append(chunk(JsonNodeFactory.instance.objectNode(), finishReason, true))
                .append("data: [DONE]\n\n");
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(body.toString());
    }

    private static String chunk(ObjectNode delta, String finishReason, boolean withUsage) {
        ObjectNode chunk = JsonNodeFactory.instance
                .objectNode()
                .put("id", "chatcmpl-scripted")
                .put("object", "chat.completion.chunk")
                .put("created", 0)
                .put("model", "scripted");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        if (withUsage) {
            chunk.putObject("usage")
                    .put("prompt_tokens", 100)
                    .put("completion_tokens", 10)
                    .put("total_tokens", 110);
        }
        return "data: " + chunk + "\n\n";
    }

    private static ObjectNode message(String content, ArrayNode toolCalls) {
        ObjectNode message =
                JsonNodeFactory.instance.objectNode().put("role", "assistant").put("content", content);
        if (toolCalls != null) {
            message.set("tool_calls", toolCalls);
        }
        return message;
    }

    private static ObjectNode completion(ObjectNode message, String finishReason) {
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("id", "chatcmpl-scripted")
                .put("object", "chat.completion")
                .put("created", 0)
                .put("model", "scripted");
        body.putArray("choices")
                .addObject()
                .put("index", 0)
                .put("finish_reason", finishReason)
                .set("message", message);
        body.putObject("usage")
                .put("prompt_tokens", 100)
                .put("completion_tokens", 10)
                .put("total_tokens", 110);
        return body;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(ObjectNode body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body.toString());
    }

    @Override
    public void close() {
        server.stop();
    }
}

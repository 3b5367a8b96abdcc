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
final class ScriptedLlm implements AutoCloseable {
    /** One scripted answer: call {@code tool} with {@code arguments} (a JSON object). */
    record Step(String tool, ObjectNode arguments) {
        static Step of(String tool, String... keyValues) {
            ObjectNode args = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                args.put(keyValues[i], keyValues[i + 1]);
            }
            return new Step(tool, args);
        }
    }

    private final WireMockServer server =
            new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    ScriptedLlm(List<Step> steps) {
        server.start();
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            String assistants = JsonNodeFactory.instance
                    .arrayNode()
                    .addAll(roles.stream()
                            .map(JsonNodeFactory.instance::textNode)
                            .toList())
                    .toString();
            server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                    .atPriority(1)
                    .withRequestBody(matchingJsonPath("$.tools"))
                    .withRequestBody(matchingJsonPath(
                            "$.messages[?(@.role == 'assistant')].role", WireMock.equalToJson(assistants)))
                    .willReturn(toolCall(i, steps.get(i))));
            roles.add("assistant");
        }
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .atPriority(2)
                .withRequestBody(matchingJsonPath("$.tools"))
                .willReturn(toolCall(steps.size(), Step.of("finish", "message", "Scripted run complete."))));
        // Requests without tools (e.g. a title) get plain text.
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .atPriority(3)
                .willReturn(json(completion(message("Scripted title", null), "stop"))));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    int requests() {
        return server.getAllServeEvents().size();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder toolCall(int index, Step step) {
        ArrayNode calls = JsonNodeFactory.instance.arrayNode();
        ObjectNode call = calls.addObject().put("id", "call_" + index).put("type", "function");
        call.putObject("function")
                .put("name", step.tool())
                .put("arguments", step.arguments().toString());
        ObjectNode message = message("Step " + index + ".", calls);
        return json(completion(message, "tool_calls"));
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

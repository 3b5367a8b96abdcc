package dev.ohtop.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The app server's JSON for conversations, sandboxes and start tasks (spec section 1 and the
 * examples). Null fields are set freely here; {@link Json} leaves them out on the wire.
 * Call only inside {@link DemoWorld#act}.
 */
final class AppJson {
    private final DemoWorld world;

    AppJson(DemoWorld world) {
        this.world = world;
    }

    ObjectNode conversation(Conversation c) {
        Sandbox sandbox = world.sandbox(c.sandboxId);
        boolean running = sandbox.isRunning();
        ObjectNode json = Json.object()
                .put("id", c.id)
                .put("created_by_user_id", c.createdByUserId)
                .put("sandbox_id", c.sandboxId)
                .put("selected_repository", c.origin.repository())
                .put("selected_branch", c.origin.branch())
                .put("git_provider", c.origin.gitProvider())
                .put("title", c.title)
                .put("trigger", c.origin.trigger());
        ArrayNode prNumbers = json.putArray("pr_number");
        c.origin.prNumbers().forEach(prNumbers::add);
        json.put("llm_model", c.origin.llmModel()).put("agent_kind", c.origin.agentKind());
        json.set("metrics", metrics(c));
        json.put("parent_conversation_id", c.origin.parentId());
        ArrayNode subs = json.putArray("sub_conversation_ids");
        c.subConversationIds.forEach(subs::add);
        json.put("public", c.isPublic);
        ObjectNode tags = json.putObject("tags");
        c.tags.forEach(tags::put);
        json.put("created_at", WireTime.microsZ(c.createdAt))
                .put("updated_at", WireTime.millisOffset(c.updatedAt))
                .put("sandbox_status", sandbox.status.name());
        if (running) {
            String api = c.origin.isAcp() ? "/api/acp/conversations/" : "/api/conversations/";
            json.put("execution_status", c.executionStatus)
                    .put("conversation_url", world.agentServerUrl(sandbox.id) + api + c.id)
                    .put("session_api_key", sandbox.sessionKey);
        }
        return json;
    }

    /**
     * The conversation's stored record, as a trajectory's {@code meta.json} holds it: without what
     * belongs to the sandbox's live session (its URL and session key), which never goes into a file.
     */
    ObjectNode conversationInfo(Conversation c) {
        return conversation(c).without(java.util.List.of("conversation_url", "session_api_key"));
    }

    static ObjectNode metrics(Conversation c) {
        if (!c.reportsMetrics || c.metrics == null) {
            return null;
        }
        ObjectNode metrics = Json.object()
                .put("model_name", c.metrics.path("model_name").asText())
                .put("accumulated_cost", c.accumulatedCost())
                .putNull("max_budget_per_task");
        metrics.set(
                "accumulated_token_usage",
                c.metrics.path("accumulated_token_usage").deepCopy());
        return metrics;
    }

    ObjectNode sandbox(Sandbox s) {
        ObjectNode json = Json.object()
                .put("id", s.id)
                .put("created_by_user_id", world.userId())
                .put("sandbox_spec_id", Sandbox.SPEC_ID)
                .put("status", s.status.name())
                .put("status_detail", s.statusDetail)
                .put("session_api_key", s.sessionKey);
        if (s.isRunning()) {
            String base = world.agentServerUrl(s.id).toString();
            ArrayNode urls = json.putArray("exposed_urls");
            urls.addObject().put("name", "AGENT_SERVER").put("url", base).put("port", 60000);
            urls.addObject()
                    .put("name", "VSCODE")
                    .put("url", base + "/vscode/?tkn=" + s.sessionKey + "&folder=%2Fworkspace%2Fproject")
                    .put("port", 60001);
            urls.addObject()
                    .put("name", "WORKER_1")
                    .put("url", base + "/worker-1")
                    .put("port", 12000);
            urls.addObject()
                    .put("name", "WORKER_2")
                    .put("url", base + "/worker-2")
                    .put("port", 12001);
        }
        return json.put("created_at", WireTime.secondsZ(s.createdAt));
    }

    ObjectNode startTask(StartTask t) {
        ObjectNode json = Json.object()
                .put("id", t.id)
                .put("created_by_user_id", t.createdByUserId)
                .put("status", t.status.name())
                .put("detail", t.detail)
                .put("app_conversation_id", t.conversationId)
                .put("sandbox_id", t.sandboxId)
                .put("agent_server_url", t.agentServerUrl);
        json.set("request", t.request.deepCopy());
        return json.put("created_at", WireTime.secondsZ(t.createdAt)).put("updated_at", WireTime.secondsZ(t.updatedAt));
    }
}

package dev.ohtop.monitor;

import dev.ohtop.api.Json;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.EventParser;
import java.io.UncheckedIOException;

/** Events shaped as the real agent server writes them around a confirmation, for tests. */
final class ConfirmationEvents {
    private ConfirmationEvents() {}

    static String user(String id, String text) {
        return """
                {"kind":"MessageEvent","id":"%s","timestamp":"2026-12-04T10:00:00.000001","source":"user",
                 "llm_message":{"role":"user","content":[{"type":"text","text":"%s"}]}}""".formatted(id, text);
    }

    static String terminal(String id, String call, String command, String risk) {
        return """
                {"kind":"ActionEvent","id":"%s","timestamp":"2026-12-04T10:00:01.500000","source":"agent",
                 "tool_name":"terminal","tool_call_id":"%s","security_risk":%s,
                 "action":{"kind":"TerminalAction","command":"%s"}}""".formatted(id, call, risk == null ? "null" : "\"" + risk + "\"", command);
    }

    static String editor(String id, String call, String command, String path, String risk) {
        return """
                {"kind":"ActionEvent","id":"%s","timestamp":"2026-12-04T10:00:02","source":"agent",
                 "tool_name":"file_editor","tool_call_id":"%s","security_risk":"%s",
                 "action":{"kind":"FileEditorAction","command":"%s","path":"%s"}}""".formatted(id, call, risk, command, path);
    }

    static String observation(String id, String actionId, String call) {
        return """
                {"kind":"ObservationEvent","id":"%s","timestamp":"2026-12-04T10:00:03","source":"environment",
                 "action_id":"%s","tool_name":"terminal","tool_call_id":"%s",
                 "observation":{"kind":"TerminalObservation","content":[{"type":"text","text":"ok"}],"exit_code":0}}""".formatted(id, actionId, call);
    }

    static String rejection(String id, String actionId, String call, String reason) {
        return """
                {"kind":"UserRejectObservation","id":"%s","timestamp":"2026-12-04T10:00:04","source":"environment",
                 "action_id":"%s","tool_name":"terminal","tool_call_id":"%s","rejection_reason":"%s"}""".formatted(id, actionId, call, reason);
    }

    static String toolError(String id, String call) {
        return """
                {"kind":"AgentErrorEvent","id":"%s","timestamp":"2026-12-04T10:00:05","source":"agent",
                 "tool_name":"terminal","tool_call_id":"%s","error":"bad arguments"}""".formatted(id, call);
    }

    static Event parse(String json) {
        try {
            return EventParser.parse(Json.MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

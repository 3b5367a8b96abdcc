package dev.ohtop.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.Json;
import dev.ohtop.api.Timestamps;
import dev.ohtop.api.events.ActionEvent;
import dev.ohtop.api.events.ErrorEvent;
import dev.ohtop.api.events.Event;
import dev.ohtop.api.events.ObservationEvent;
import dev.ohtop.monitor.Pairing;
import dev.ohtop.presentation.EventTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ohtop check ID}: "every action has exactly one observation", over every event of the
 * conversation (the recipe it replaces reads only the first 200), paired as the events screen
 * pairs them ({@link Pairing}).
 */
final class Check implements Command {
    private static final Set<String> RUNNING = Set.of("running", "waiting_for_confirmation");
    private static final String FORMAT = "%-22s #%-6d %-12s %s  %s%s%n";

    /** One event the check names: its place (0 = the oldest event), time, id and tool. */
    record Found(int index, String timestamp, String id, String tool) {}

    /** A duplicate observation and the action it answers again. */
    record Duplicate(Found answer, Found action) {}

    /** What the check found over {@code events} events. */
    record Result(int events, List<Found> unmatched, List<Found> waiting, List<Duplicate> duplicates) {
        boolean clean() {
            return unmatched.isEmpty() && duplicates.isEmpty();
        }
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String synopsis() {
        return "check ID [--json]";
    }

    @Override
    public String summary() {
        return "every action has exactly one observation, over all events";
    }

    @Override
    public String details() {
        return """
                Reads every event of the conversation (100 a request) and pairs each action with its
                observation as the events screen does: an observation (or a rejection) whose action_id
                is the action's id, else one with its tool_call_id; a failed tool call's
                AgentErrorEvent by its tool_call_id. It reports the actions that have none
                ("unmatched action") and the observations beyond the first to one action ("duplicate
                observation"), one line each: the event's index (0 = the oldest event), time, id and
                tool (a duplicate also names its action); then a line with the totals. While the
                conversation runs (or waits for a confirmation), the newest actions after its last
                observation are reported as "waiting" and are no problem.

                --json prints one JSON object instead: events (how many were read),
                unmatched_actions, duplicate_observations and waiting_actions, each a list of
                {index, id, timestamp, tool_name}; a duplicate also has action_id and action_index.

                Exit 0 when there is no problem, 1 when there are.""";
    }

    @Override
    public List<Flag> flags() {
        return List.of(Flag.toggle("--json", "one JSON object with what was found"));
    }

    @Override
    public boolean changes() {
        return false;
    }

    @Override
    public void check(Args args) throws CommandFailure {
        args.operands(1, "ID");
    }

    @Override
    public int run(Args args, Session session) throws CommandFailure {
        AppConversation conversation = session.conversation(args.operands().get(0));
        Result result;
        try {
            result = pair(session, conversation);
        } catch (ApiException e) {
            throw CommandFailure.from(e);
        }
        if (args.has("--json")) {
            json(result, session);
        } else {
            lines(result, session);
        }
        return result.clean() ? Exit.OK : Exit.PROBLEMS;
    }

    private static Result pair(Session session, AppConversation conversation) throws ApiException, CommandFailure {
        Pairing pairing = new Pairing();
        Map<String, Found> actions = new LinkedHashMap<>();
        List<Duplicate> duplicates = new ArrayList<>();
        int[] counts = {0, -1}; // events read, index of the last answer
        EventPages.all(session.account().eventFeed(conversation.id()), e -> {
            int index = counts[0]++;
            String id = e.id() != null ? e.id() : "#" + index; // pairing needs an id
            pairing.add(e, id, index);
            if (e instanceof ActionEvent action) {
                actions.put(id, new Found(index, e.timestamp(), id, action.toolName()));
            } else if (Pairing.isAnswer(e)) {
                counts[1] = index;
                String actionId = pairing.actionOf(id);
                if (actionId != null && !id.equals(pairing.firstAnswerOf(actionId))) {
                    duplicates.add(new Duplicate(new Found(index, e.timestamp(), id, tool(e)), actions.get(actionId)));
                }
            }
        });
        // A running agent's newest action may not be answered yet; one waiting for confirmation is not until confirmed.
        boolean running = RUNNING.contains(String.valueOf(conversation.executionStatus()));
        List<Found> unmatched = new ArrayList<>();
        List<Found> waiting = new ArrayList<>();
        for (Found action : actions.values()) {
            if (pairing.firstAnswerOf(action.id()) == null) {
                (running && action.index() > counts[1] ? waiting : unmatched).add(action);
            }
        }
        return new Result(counts[0], unmatched, waiting, duplicates);
    }

    private static String tool(Event e) {
        if (e instanceof ObservationEvent o) {
            return o.toolName();
        }
        return e instanceof ErrorEvent error ? error.toolName() : null;
    }

    private static void lines(Result result, Session session) {
        for (Found f : result.unmatched()) {
            line(session, "unmatched action", f, "");
        }
        for (Duplicate d : result.duplicates()) {
            line(
                    session,
                    "duplicate observation",
                    d.answer(),
                    "  of action " + session.line(d.action().id()) + " #"
                            + d.action().index());
        }
        for (Found f : result.waiting()) {
            line(session, "waiting", f, "  (running: its observation may still come)");
        }
        session.out()
                .printf(
                        "%d events: %d unmatched %s, %d duplicate %s%s%n",
                        result.events(),
                        result.unmatched().size(),
                        result.unmatched().size() == 1 ? "action" : "actions",
                        result.duplicates().size(),
                        result.duplicates().size() == 1 ? "observation" : "observations",
                        result.waiting().isEmpty()
                                ? ""
                                : ", " + result.waiting().size() + " waiting");
    }

    private static void line(Session session, String what, Found f, String more) {
        Clock clock = session.clock();
        String time = EventTime.shown(Timestamps.parse(f.timestamp()), f.timestamp(), clock.instant(), clock.getZone());
        session.out()
                .printf(
                        FORMAT,
                        what,
                        f.index(),
                        session.cell(time, EventTime.OLDER_WIDTH),
                        session.line(f.id()),
                        session.cell(f.tool(), 30),
                        more);
    }

    private static void json(Result result, Session session) throws CommandFailure {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("events", result.events());
        found(out.putArray("unmatched_actions"), result.unmatched());
        ArrayNode duplicates = out.putArray("duplicate_observations");
        for (Duplicate d : result.duplicates()) {
            found(duplicates.addObject(), d.answer())
                    .put("action_id", d.action().id())
                    .put("action_index", d.action().index());
        }
        found(out.putArray("waiting_actions"), result.waiting());
        try {
            session.out().println(Json.MAPPER.writeValueAsString(out));
        } catch (JsonProcessingException e) {
            throw CommandFailure.server("could not write the result as JSON: " + e.getOriginalMessage());
        }
    }

    private static void found(ArrayNode list, List<Found> found) {
        found.forEach(f -> found(list.addObject(), f));
    }

    private static ObjectNode found(ObjectNode o, Found f) {
        return o.put("index", f.index())
                .put("id", f.id())
                .put("timestamp", f.timestamp())
                .put("tool_name", f.tool());
    }
}

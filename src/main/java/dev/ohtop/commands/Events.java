package dev.ohtop.commands;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.events.Event;
import dev.ohtop.monitor.EventFeed;
import java.util.List;

/** {@code ohtop events ID}: a conversation's events, every one or the newest, and with --follow the new ones as they come. */
final class Events implements Command {
    static final int MAX_LIMIT = 100_000;

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String synopsis() {
        return "events ID [--kind K]... [--source S]... [--errors] [--follow] [--jsonl] [--limit N]";
    }

    @Override
    public String summary() {
        return "a conversation's events, oldest first; --follow keeps printing new ones";
    }

    @Override
    public String details() {
        return """
                Prints the conversation's events oldest first, every one (read 100 a request), or with
                --limit N the newest N that the filters let through. One line each: time, source,
                kind as the server names it (ActionEvent, ObservationEvent, ...; a kind ohtop does
                not know by its name), and the one-line summary the events screen shows, made inert
                (an escape sequence as ^[). On a terminal the summary is cut to its column.

                --kind K (repeatable, any case; ActionEvent or Action) and --source S (agent, user,
                environment, hook; repeatable) keep only those; --errors only what the events screen
                marks as an error: AgentErrorEvent, ConversationErrorEvent, ServerErrorEvent and
                observations that say is_error.

                --jsonl prints each event as the server sent it, one JSON object a line, with the
                server's fields (id, kind, timestamp, source, and the kind's own: action, observation,
                tool_name, tool_call_id, action_id, llm_message, key, value, ...). Text is exact,
                escaped by JSON; numbers are the same values, maybe written differently (1e-05 as 1.0E-5).

                --follow then keeps printing new events as they come (live over the agent server's
                socket where it can be had, else read every 2 s), each once, until Ctrl+C or the
                conversation finishes (execution status finished, error or stuck, or its sandbox
                gone): then exit 0. When the events cannot be read for good (a minute of failures,
                or a refusal), it says why and exits 3.""";
    }

    @Override
    public List<Flag> flags() {
        return List.of(
                Flag.repeated("--kind", "K", "only events of this kind (ActionEvent, MessageEvent, ...)"),
                Flag.repeated("--source", "S", "only events from this source (agent, user, environment)"),
                Flag.toggle("--errors", "only errors (the events screen's red rows)"),
                Flag.toggle("--follow", "then print new events until the conversation finishes"),
                Flag.toggle("--jsonl", "each event's JSON as the server sent it, one a line"),
                Flag.value("--limit", "N", "only the newest N (that the filters let through)"));
    }

    @Override
    public boolean changes() {
        return false;
    }

    @Override
    public void check(Args args) throws CommandFailure {
        args.operands(1, "ID");
        args.number("--limit", MAX_LIMIT, 1, MAX_LIMIT);
    }

    @Override
    public int run(Args args, Session session) throws CommandFailure, InterruptedException {
        AppConversation conversation = session.conversation(args.operands().get(0));
        EventFeed feed = session.account().eventFeed(conversation.id());
        EventLines lines = new EventLines(session, EventLines.Choice.of(args), args.has("--jsonl"));
        EventFollow.Start start = new EventFollow.Start();
        try {
            if (args.has("--limit")) {
                List<Event> newest = EventPages.newest(
                        feed,
                        args.number("--limit", MAX_LIMIT, 1, MAX_LIMIT),
                        e -> {
                            start.saw(e);
                            return lines.shows(EventLines.held(e));
                        },
                        lines.filters());
                for (Event e : newest) {
                    lines.print(EventLines.held(e));
                }
            } else {
                EventPages.all(feed, e -> {
                    lines.print(EventLines.held(e));
                    start.saw(e);
                });
            }
        } catch (ApiException e) {
            throw CommandFailure.from(e);
        }
        session.out().flush();
        if (!args.has("--follow")) {
            return Exit.OK;
        }
        return new EventFollow(session, conversation, feed, lines, start).run();
    }
}

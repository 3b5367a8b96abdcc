package dev.ohtop.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Json;
import dev.ohtop.api.StartConversationRequest;
import dev.ohtop.api.StartTask;
import dev.ohtop.monitor.StartTaskTracker;
import dev.ohtop.monitor.StartTaskTracker.StartSnapshot;
import dev.ohtop.monitor.StartTaskTracker.State;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ohtop start}: a new conversation from a prompt file, its start task followed to READY by
 * the same tracker as the new-conversation screen (backoff, give-up time, the running advice).
 */
final class Start implements Command {
    /** The skill's rule: count the running ones among this many of the newest. */
    static final int RUNNING_AMONG = 50;

    @Override
    public String name() {
        return "start";
    }

    @Override
    public String synopsis() {
        return "start --prompt-file F [--repo owner/repo] [--branch B] [--title T] [--no-wait] [--json]";
    }

    @Override
    public String summary() {
        return "start a conversation from a prompt file (- for stdin) and wait until it is ready";
    }

    @Override
    public String details() {
        return """
                Starts a conversation with the prompt in F (- reads it from stdin) as its first
                message, then follows its start task (WORKING, WAITING_FOR_SANDBOX, ...) with growing
                pauses until READY, saying each new status on stderr. Prints the conversation id on
                stdout and its web address on stderr. Warns on stderr first when %d or more of the
                newest %d conversations are running (Cloud's advice).

                A start that ends in ERROR prints the server's reason and exits 3; one still starting
                after %d minutes exits 3 with its start task id. A missing, unreadable or empty prompt
                file exits 2 before anything is asked. Needs the app server (not --agent-server).

                --no-wait prints the start task's id instead (not a conversation id) and exits at once.
                --json prints the start task as the server gave it last (id, status, detail,
                app_conversation_id, sandbox_id, agent_server_url, request, created_by_user_id,
                created_at, updated_at; absent fields left out), on READY, ERROR or with --no-wait.""".formatted(
                        StartTaskTracker.RUNNING_ADVICE, RUNNING_AMONG, StartTaskTracker.GIVE_UP_AFTER.toMinutes());
    }

    @Override
    public List<Flag> flags() {
        return List.of(
                Flag.value("--prompt-file", "F", "the first message, from a file (- for stdin)"),
                Flag.value("--repo", "owner/repo", "the repository to work on"),
                Flag.value("--branch", "B", "its branch"),
                Flag.value("--title", "T", "the conversation's title"),
                Flag.toggle("--no-wait", "print the start task's id and exit, without waiting"),
                Flag.toggle("--json", "the start task as JSON, the server's fields"));
    }

    @Override
    public boolean changes() {
        return true;
    }

    @Override
    public void check(Args args) throws CommandFailure {
        args.operands(0, "no operands");
        if (args.value("--prompt-file") == null) {
            throw CommandFailure.usage("--prompt-file F is needed (- reads the prompt from stdin)");
        }
    }

    @Override
    public int run(Args args, Session session) throws CommandFailure, InterruptedException {
        CloudClient cloud = session.appServer("start");
        String prompt = prompt(args.value("--prompt-file"), session.in());
        warnWhenBusy(session);
        StartConversationRequest request = StartConversationRequest.of(
                prompt, args.value("--repo"), args.value("--branch"), args.value("--title"));
        boolean noWait = args.has("--no-wait");
        try (CommandWork work = new CommandWork(session)) {
            StartTaskTracker tracker =
                    new StartTaskTracker(cloud, request, work.scheduler(), session.clock(), work::changed);
            tracker.start();
            Progress progress = new Progress(session);
            StartSnapshot end =
                    work.until(tracker::snapshot, s -> s.finished() || (noWait && s.taskId() != null), progress::show);
            if (noWait && !end.finished()) {
                tracker.cancel();
                return taskIdOnly(end, args.has("--json"), session);
            }
            return ended(end, args.has("--json"), session);
        }
    }

    /** The prompt's text, or a usage failure naming what is wrong with the file. */
    static String prompt(String file, InputStream stdin) throws CommandFailure {
        String text;
        String named = file.equals("-") ? "the prompt on stdin" : "the prompt file " + Args.quote(file);
        try {
            byte[] bytes = file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw CommandFailure.usage("no prompt file " + Args.quote(file));
        } catch (CharacterCodingException e) {
            throw CommandFailure.usage(named + " is not UTF-8 text");
        } catch (IOException | InvalidPathException e) {
            throw CommandFailure.usage("cannot read " + named + ": " + e.getMessage());
        }
        if (text.isBlank()) {
            throw CommandFailure.usage(named + " is empty");
        }
        return text;
    }

    /** The skill's rule, in one search: the running ones among the newest. */
    private static void warnWhenBusy(Session session) throws CommandFailure {
        int running = 0;
        try {
            for (AppConversation c :
                    session.account().lookups().newest(RUNNING_AMONG).items()) {
                if (c != null && "running".equals(c.executionStatus())) {
                    running++;
                }
            }
        } catch (ApiException e) {
            throw CommandFailure.from(e);
        }
        String warning = StartTaskTracker.runningWarning(running);
        if (warning != null) {
            session.say("warning: " + warning + " (among the newest " + RUNNING_AMONG + ")");
        }
    }

    private static int taskIdOnly(StartSnapshot s, boolean json, Session session) throws CommandFailure {
        if (json) {
            printJson(s.task(), session);
        } else {
            session.out().println(session.line(s.taskId()));
        }
        session.say("that is a start task id, not a conversation's: its conversation shows in `ohtop ls` once "
                + "ready; its status: GET /api/v1/app-conversations/start-tasks?ids=" + s.taskId());
        return Exit.OK;
    }

    private static int ended(StartSnapshot s, boolean json, Session session) throws CommandFailure {
        if (json && s.task() != null && (s.state() == State.READY || s.state() == State.ERROR)) {
            printJson(s.task(), session);
        }
        switch (s.state()) {
            case READY -> {
                if (!json) {
                    session.out().println(session.line(s.appConversationId()));
                }
                session.say("ready: " + webUrl(s.appConversationId(), session));
                return Exit.OK;
            }
            case TIMED_OUT ->
                throw CommandFailure.server("still starting after " + StartTaskTracker.GIVE_UP_AFTER.toMinutes()
                        + " min: start task " + s.taskId());
            default ->
                throw CommandFailure.server(s.problem() == null ? "the conversation could not start" : s.problem());
        }
    }

    /** The conversation's page; an id that makes no address (the server's to give) shows as it is. */
    private static String webUrl(String id, Session session) {
        try {
            return String.valueOf(session.webUrl(id));
        } catch (IllegalArgumentException e) {
            return "conversation " + id;
        }
    }

    private static void printJson(StartTask task, Session session) throws CommandFailure {
        try {
            session.out().println(Json.MAPPER.writeValueAsString(task));
        } catch (JsonProcessingException e) {
            throw CommandFailure.server("could not write the start task as JSON: " + e.getOriginalMessage());
        }
    }

    /** Says each new status once, and a passing problem (a retried read) when it changes. */
    private static final class Progress {
        private final Session session;
        private int said;
        private String problem;

        Progress(Session session) {
            this.session = session;
        }

        void show(StartSnapshot s) {
            List<String> seen = s.statusesSeen();
            for (; said < seen.size(); said++) {
                session.say("start task " + s.taskId() + ": " + seen.get(said));
            }
            if (s.state() == State.STARTING
                    && s.problem() != null
                    && !s.problem().equals(problem)) {
                session.say("still trying: " + s.problem());
            }
            problem = s.problem();
        }
    }
}

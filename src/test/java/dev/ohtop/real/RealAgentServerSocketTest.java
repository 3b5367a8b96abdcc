package dev.ohtop.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.Credential;
import dev.ohtop.api.EventQuery;
import dev.ohtop.api.EventSocket;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.MessageRequest;
import dev.ohtop.api.Page;
import dev.ohtop.api.Paging;
import dev.ohtop.api.events.ActionEvent;
import dev.ohtop.api.events.Event;
import dev.ohtop.monitor.AgentServerAddress;
import dev.ohtop.monitor.EventFeed;
import dev.ohtop.monitor.EventTail;
import dev.ohtop.monitor.LiveEvents;
import dev.ohtop.monitor.TailSnapshot;
import dev.ohtop.testing.TcpProxy;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Live events from the real agent server's {@code /sockets/events}: first-frame auth, a scripted
 * run's events in order, a wrong key refused, and a cut socket whose resend fills the gap.
 * Each connect's own {@code full_state} snapshot is not an event the server keeps, so it is
 * left out where events are compared with the server's REST search (ohtop does not hold it).
 */
@Tag("real-agent-server")
class RealAgentServerSocketTest {
    private static RealAgentServer server;
    private static AgentServerClient agent;
    private static Path project;
    private static final ClientOptions OPTIONS = ClientOptions.defaults();
    private static final HttpClient HTTP = HttpCore.newHttpClient(OPTIONS);

    @BeforeAll
    static void startServer() throws Exception {
        server = RealAgentServer.shared();
        if (server == null) {
            return;
        }
        agent = server.client();
        project = Files.createDirectories(server.workdir.resolve("socket-project"));
    }

    @BeforeEach
    void needsTheRealServer() {
        RealAgentServer.assumeAvailable();
    }

    /** What a socket's listener heard. */
    static final class Heard implements EventSocket.Listener {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final BlockingQueue<EventSocket.Closed> closed = new LinkedBlockingQueue<>();

        @Override
        public void opened() {}

        @Override
        public void event(Event event) {
            events.add(event);
        }

        @Override
        public void closed(EventSocket.Closed why) {
            closed.add(why);
        }

        List<String> keptIds() {
            return events.stream()
                    .filter(e -> !isConnectionSnapshot(e))
                    .map(Event::id)
                    .toList();
        }
    }

    static boolean isConnectionSnapshot(Event e) {
        return "ConversationStateUpdateEvent".equals(e.kind())
                && e.info().raw().text().contains("\"key\":\"full_state\"");
    }

    private static EventSocket open(String key, String conversationId, Heard heard) {
        return EventSocket.open(
                HTTP,
                new AgentEndpoint(server.url, Credential.sessionKey(key)),
                OPTIONS,
                conversationId,
                null,
                Clock.systemUTC(),
                heard);
    }

    @Test
    void aScriptedRunsEventsArriveLiveInTheServersOrder() throws Exception {
        try (ScriptedLlm llm = new ScriptedLlm(List.of(
                ScriptedLlm.Step.of("terminal", "command", "echo one"),
                ScriptedLlm.Step.of("terminal", "command", "echo two"),
                ScriptedLlm.Step.of("finish", "message", "Done.")))) {
            String id = server.startConversation(llm, project, null); // idle: the socket is there before it runs
            Heard heard = new Heard();
            EventSocket socket = open(server.sessionKey, id, heard);
            await("the first frame", () -> !heard.events.isEmpty());
            assertTrue(isConnectionSnapshot(heard.events.get(0)), "the server sends its full state first");
            int before = heard.events.size();

            agent.sendMessage(id, MessageRequest.userText("Say one and two."));
            await("an event pushed after the message", () -> heard.events.size() > before);
            awaitFinished(id);
            List<String> rest = restIds(id);
            await("every event the server keeps", () -> heard.keptIds().size() >= rest.size());

            assertEquals(rest, heard.keptIds());
            assertTrue(
                    heard.events.stream().anyMatch(e -> e instanceof ActionEvent a && "finish".equals(a.toolName())),
                    "the run's end came over the socket");
            socket.close();
        }
    }

    @Test
    void aWrongKeyIsRefusedWith4001InPlainWords() throws Exception {
        try (ScriptedLlm llm = new ScriptedLlm(List.of(ScriptedLlm.Step.of("finish", "message", "Done.")))) {
            String id = server.startConversation(llm, project, null); // idle: the socket is there before it runs
            Heard heard = new Heard();
            String wrong = "wrong-key-0123456789abcdef";

            EventSocket socket = open(wrong, id, heard);

            EventSocket.Closed closed = heard.closed.poll(15, TimeUnit.SECONDS);
            assertNotNull(closed, "the server closed the socket");
            assertEquals(EventSocket.Ending.REFUSED_KEY, closed.ending());
            assertEquals(4001, closed.code());
            assertEquals("the agent server refused the session key", closed.message());
            assertFalse(socket.toString().contains("wrong-key"), socket.toString());
            assertTrue(heard.events.isEmpty(), "nothing is sent before the key is taken");
        }
    }

    @Test
    void aSocketCutMidRunIsMadeAgainAndItsResendFillsTheGapExactly() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try (ScriptedLlm llm = new ScriptedLlm(List.of(
                        ScriptedLlm.Step.of("terminal", "command", "sleep 1; echo a"),
                        ScriptedLlm.Step.of("terminal", "command", "sleep 1; echo b"),
                        ScriptedLlm.Step.of("terminal", "command", "sleep 1; echo c"),
                        ScriptedLlm.Step.of("terminal", "command", "sleep 1; echo d"),
                        ScriptedLlm.Step.of("finish", "message", "Slept.")));
                TcpProxy proxy = new TcpProxy(server.url)) {
            String id = server.startConversation(llm, project, null); // idle: the socket is there before it runs
            EventTail tail = new EventTail(id, feed(id), Clock.systemUTC());
            LiveEvents live = new LiveEvents(
                    tail,
                    AgentServerAddress.fixed(new AgentEndpoint(proxy.url(), Credential.sessionKey(server.sessionKey))),
                    HTTP,
                    OPTIONS,
                    Duration.ofSeconds(3),
                    scheduler,
                    Clock.systemUTC(),
                    () -> 0.5,
                    () -> {});
            live.poll(); // the first REST read; the socket follows it
            await("live", () -> live.status().mode() == LiveEvents.Mode.LIVE);

            agent.sendMessage(id, MessageRequest.userText("Sleep in steps."));
            await("the first command held", () -> heldCommands(tail) >= 1);
            proxy.cutAll(); // no REST poll from here on: only the socket's resend can fill the gap
            await("down", () -> live.status().mode() != LiveEvents.Mode.LIVE);
            await("live again", () -> live.status().mode() == LiveEvents.Mode.LIVE);
            awaitFinished(id);
            List<String> rest = restIds(id);
            await("every event the server keeps", () -> heldIds(tail).size() >= rest.size());

            // The same events, each once. Not always in the same order: the server subscribes a
            // socket before it resends, so a live event can come before older resent ones.
            List<String> held = heldIds(tail);
            assertEquals(rest.size(), held.size(), () -> describe(tail) + "\nREST:\n" + describeRest(id));
            assertEquals(new HashSet<>(rest), new HashSet<>(held), () -> describe(tail));
            assertTrue(live.status().again(), "it was a reconnect");
            live.close();
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static String describe(EventTail tail) {
        TailSnapshot snap = tail.snapshot();
        StringBuilder out = new StringBuilder("held:\n");
        for (int i = 0; i < snap.size(); i++) {
            out.append(snap.get(i).id(), 0, 8)
                    .append(' ')
                    .append(snap.get(i).timestamp())
                    .append(' ')
                    .append(snap.get(i).kind())
                    .append(' ')
                    .append(snap.get(i).summary())
                    .append('\n');
        }
        return out.toString();
    }

    private static String describeRest(String id) {
        try {
            StringBuilder out = new StringBuilder();
            for (Event e : agent.searchEvents(id, EventQuery.all().sorted(EventQuery.SortOrder.TIMESTAMP), null, 100)
                    .items()) {
                out.append(e.id(), 0, 8)
                        .append(' ')
                        .append(e.timestamp())
                        .append(' ')
                        .append(e.kind())
                        .append('\n');
            }
            return out.toString();
        } catch (ApiException e) {
            return e.getMessage();
        }
    }

    private static int heldCommands(EventTail tail) {
        TailSnapshot snap = tail.snapshot();
        int n = 0;
        for (int i = 0; i < snap.size(); i++) {
            if ("ActionEvent".equals(snap.get(i).kind())) {
                n++;
            }
        }
        return n;
    }

    private static List<String> heldIds(EventTail tail) {
        TailSnapshot snap = tail.snapshot();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < snap.size(); i++) {
            ids.add(snap.get(i).id());
        }
        return ids;
    }

    /** The agent server's own event search as a tail's REST feed (in Cloud it is the app server's). */
    private static EventFeed feed(String id) {
        return new EventFeed() {
            @Override
            public Page<Event> search(String timestampGte, String pageId, int limit) throws ApiException {
                return agent.searchEvents(
                        id, EventQuery.all().since(timestampGte).sorted(EventQuery.SortOrder.TIMESTAMP), pageId, limit);
            }

            @Override
            public Page<Event> searchNewestFirst(String pageId, int limit) throws ApiException {
                return agent.searchEvents(
                        id, EventQuery.all().sorted(EventQuery.SortOrder.TIMESTAMP_DESC), pageId, limit);
            }

            @Override
            public int count() throws ApiException {
                return restIds(id).size();
            }
        };
    }

    private static List<String> restIds(String id) throws ApiException {
        return Paging.collect(
                        p -> agent.searchEvents(id, EventQuery.all().sorted(EventQuery.SortOrder.TIMESTAMP), p, 100),
                        10_000)
                .stream()
                .map(Event::id)
                .toList();
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void awaitFinished(String id) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        String status = null;
        while (Instant.now().isBefore(deadline)) {
            status = agent.conversation(id).executionStatus();
            if ("finished".equals(status) || "error".equals(status) || "stuck".equals(status)) {
                assertEquals("finished", status);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("conversation " + id + " still " + status);
    }
}

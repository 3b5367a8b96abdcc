package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.api.AgentEndpoint;
import dev.ohtop.api.AgentServerClient;
import dev.ohtop.api.ApiException;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.MessageRequest;
import dev.ohtop.api.TextContent;
import dev.ohtop.api.events.MessageEvent;
import dev.ohtop.bench.Figure;
import dev.ohtop.bench.Measurement;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.TailSnapshot;
import dev.ohtop.real.RealAgentServer;
import dev.ohtop.real.ScriptedLlm;
import dev.ohtop.ui.VirtualOhtop.Sent;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Issue #14's live figures: the time from the server emitting an event to the frame that shows
 * it, over the socket (the demo on loopback, and the real agent server), and what an open live
 * tail asks in an idle minute. The screen is the product's own (App, EventsView, its pollers
 * and its {@code LiveEvents}) on an in-memory terminal, driven a turn at a time as the app's loop
 * does; the event is a user message whose text is a marker, sent from another thread, and it is
 * shown when a flushed frame first holds the marker.
 */
public final class LiveBench implements Measurement {
    private static final int SAMPLES = 60;
    private static final int WARM_UP = 5;
    private static final String BUDGET = "median under 100 ms, p95 under 250 ms";
    private static final long MEDIAN_NANOS = 100_000_000L;
    private static final long P95_NANOS = 250_000_000L;

    @Override
    public String name() {
        return "live";
    }

    public static void main(String[] args) throws Exception {
        new LiveBench().run().forEach(f -> System.out.println(f.what() + ": " + f.value() + "  [" + f.budget() + "]"));
    }

    @Override
    public List<Figure> run() throws Exception {
        List<Figure> figures = new ArrayList<>();
        figures.add(onTheDemo());
        figures.add(onTheRealAgentServer());
        figures.add(idleMinute());
        return figures;
    }

    /** The demo on loopback, its world on the real clock: emitted = the event's timestamp there (UTC). */
    private static Figure onTheDemo() throws Exception {
        String what = "event to screen over the socket, demo on loopback";
        VirtualOhtop.Setup setup = VirtualOhtop.Setup.defaults()
                .clock(Clock.systemUTC())
                .refresh(Duration.ofSeconds(3))
                .size(120, 40);
        try (VirtualOhtop ohtop = VirtualOhtop.onDemo(setup)) {
            ohtop.untilShows("30 total");
            ConversationSnapshot running = ohtop.demo.world().conversations().stream()
                    .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING && "running".equals(c.executionStatus()))
                    .findFirst()
                    .orElseThrow();
            SandboxSnapshot sandbox = ohtop.demo.world().sandboxes().stream()
                    .filter(s -> s.id().equals(running.sandboxId()))
                    .findFirst()
                    .orElseThrow();
            AgentServerClient agent =
                    agent(new AgentEndpoint(sandbox.agentServerUrl(), Credential.sessionKey(sandbox.sessionApiKey())));
            openLive(ohtop, running.id());
            long[] nanos = latencies(ohtop, agent, running.id(), ZoneOffset.UTC);
            return figure(
                    what,
                    nanos,
                    "; emitted = the event's timestamp on the demo world's real clock, taken as the message"
                            + " is recorded (its socket pusher is woken then)");
        }
    }

    /** The real agent server: emitted = the event's own timestamp, naive server-local time. */
    private static Figure onTheRealAgentServer() throws Exception {
        String what = "event to screen over the socket, real agent server";
        RealAgentServer server;
        try {
            server = RealAgentServer.shared();
        } catch (IllegalStateException e) {
            return Figure.context(what, "not measured: " + e.getMessage() + " (budget: " + BUDGET + ")");
        }
        if (server == null) {
            return Figure.context(
                    what,
                    "not measured: the real agent server cannot run here (no Python 3.12+) (budget: " + BUDGET + ")");
        }
        try (ScriptedLlm llm = new ScriptedLlm(List.of(ScriptedLlm.Step.of("finish", "message", "Done.")))) {
            String id =
                    server.startConversation(llm, Files.createDirectories(server.workdir.resolve("live-bench")), null);
            AgentEndpoint endpoint = new AgentEndpoint(server.url, Credential.sessionKey(server.sessionKey));
            VirtualOhtop.Setup setup = VirtualOhtop.Setup.defaults()
                    .clock(Clock.systemUTC())
                    .refresh(Duration.ofSeconds(3))
                    .size(120, 40);
            try (VirtualOhtop ohtop = VirtualOhtop.attachedTo(endpoint, server.sessionKey, setup)) {
                openLive(ohtop, id);
                long[] nanos = latencies(ohtop, agent(endpoint), id, ZoneId.systemDefault());
                return figure(
                        what,
                        nanos,
                        "; emitted = the event's own timestamp (naive server-local, read in the system zone),"
                                + " which the server sets before it stores and sends the event, so this slightly"
                                + " over-counts");
            }
        }
    }

    /** As {@code LiveTailCostTest}: a minute on the manual clock with the live tail open, at the demo's request log. */
    private static Figure idleMinute() throws Exception {
        try (VirtualOhtop ohtop = VirtualOhtop.onDemo(AppServerFaultsTest.asTheAppRuns())) {
            ohtop.untilShows("30 total");
            ohtop.press(KeyType.Enter)
                    .until("live", o -> o.line(2).stripTrailing().endsWith("  live"));
            ohtop.passNoting(Duration.ofSeconds(10)); // the first recount and history pages settle
            List<Sent> minute = ohtop.passNoting(Duration.ofSeconds(60));
            long tail = minute.stream()
                    .map(Sent::route)
                    .filter(r -> r.contains("/events") && !r.contains("/sockets/events/"))
                    .count();
            String rest = minute.stream()
                    .map(Sent::route)
                    .collect(java.util.stream.Collectors.groupingBy(
                            r -> r, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                    .entrySet()
                    .stream()
                    .map(e -> e.getKey() + " x" + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", "));
            boolean live = ohtop.line(2).stripTrailing().endsWith("  live");
            return new Figure(
                    "requests per idle minute, open live tail (demo)",
                    String.format(
                            Locale.ROOT,
                            "%d (the tail's own, at the demo's request log, 60 s on the manual clock after 10 s to"
                                    + " settle; %s at the end; all requests that minute: %s)",
                            tail,
                            live ? "still live" : "NOT live",
                            rest),
                    "0 (polling: 20)",
                    tail == 0 && live);
        }
    }

    private static AgentServerClient agent(AgentEndpoint endpoint) {
        ClientOptions options = ClientOptions.defaults();
        return new AgentServerClient(HttpCore.newHttpClient(options), endpoint, options);
    }

    /** Opens the events of conversation {@code id} from the list and waits for the tail to be live. */
    private static void openLive(VirtualOhtop ohtop, String id) {
        ohtop.selectConversation(id);
        ohtop.press(Action.OPEN).until("the events screen", o -> o.app.front() instanceof EventsView);
        ohtop.until("the tail live", o -> o.line(2).stripTrailing().endsWith("  live"));
    }

    /**
     * Sends marker messages (not run: the agent only records them) one at a time from another
     * thread while the loop turns, and times each from its timestamp to the first frame showing it.
     */
    private static long[] latencies(VirtualOhtop ohtop, AgentServerClient agent, String id, ZoneId serverZone) {
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < WARM_UP + SAMPLES; i++) {
            String marker = String.format(Locale.ROOT, "live-bench-%03d", i);
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> send(agent, id, marker));
            Instant[] shown = new Instant[1];
            ohtop.until(marker, o -> {
                Instant now = Instant.now(); // the frame was flushed in the turn just taken
                if (o.shows(marker)) {
                    shown[0] = now;
                    return true;
                }
                return false;
            });
            sent.join();
            Instant emitted = LocalDateTime.parse(timestampOf(ohtop, marker))
                    .atZone(serverZone)
                    .toInstant();
            if (i >= WARM_UP) {
                nanos[i - WARM_UP] = Duration.between(emitted, shown[0]).toNanos();
            }
        }
        return nanos;
    }

    private static void send(AgentServerClient agent, String id, String text) {
        try {
            agent.sendMessage(id, new MessageRequest("user", List.of(TextContent.of(text)), false));
        } catch (ApiException e) {
            throw new IllegalStateException("the message was not taken: " + e.getMessage(), e);
        }
    }

    /** The timestamp the held event with {@code marker} came with. */
    private static String timestampOf(VirtualOhtop ohtop, String marker) {
        TailSnapshot held = ((EventsView) ohtop.app.front()).held();
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i).event() instanceof MessageEvent m && m.text().contains(marker)) {
                return m.timestamp();
            }
        }
        throw new IllegalStateException("no held event says " + marker);
    }

    private static Figure figure(String what, long[] nanos, String how) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        long p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
        String value = String.format(
                Locale.ROOT,
                "%.1f ms median, %.1f ms p95, %.1f ms max (of %d%s)",
                median / 1e6,
                p95 / 1e6,
                sorted[sorted.length - 1] / 1e6,
                sorted.length,
                how);
        return new Figure(what, value, BUDGET, median < MEDIAN_NANOS && p95 < P95_NANOS);
    }
}

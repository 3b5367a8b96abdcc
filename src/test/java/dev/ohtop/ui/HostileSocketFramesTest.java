package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.testing.SocketServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * An agent server whose socket pushes escape sequences, controls and bidi overrides: they reach
 * the terminal inert; and when it refuses the key, the key shows nowhere (screen or log).
 */
@Tag("security")
class HostileSocketFramesTest {
    static final String CID = "c0ffee00000000000000000000000003";
    static final String SESSION_KEY = "sess-socket-0123456789abcdefKEY";

    private SocketServer agent;
    private FakeCloud cloud;
    private VirtualOhtop ohtop;

    @BeforeEach
    void start() throws Exception {
        agent = new SocketServer().started();
        cloud = new FakeCloud()
                .agentServer(agent.httpUrl(), SESSION_KEY)
                .conversation(CID, "a live one", "acme/repo", "main", "m", "running", 1)
                .events(CID, 1, List.of(FakeCloud.message("e1", "2026-11-27T10:15:01.000000", "user", "hello")))
                .serve();
        ohtop = VirtualOhtop.on(
                        cloud.url(),
                        FakeCloud.KEY,
                        VirtualOhtop.Setup.defaults().size(160, 40))
                .forbid(SESSION_KEY);
        ohtop.untilShows("a live one");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertEquals(List.of(), ohtop.controlsSeen(), "nothing a terminal would obey reached it");
            assertEquals(List.of(), ohtop.leaks(), "the session key was never on screen");
        } finally {
            ohtop.close();
            cloud.close();
            agent.close();
        }
    }

    /** Opens the events screen and waits for its socket; returns it, past the auth frame. */
    private SocketServer.Connection openLive() throws Exception {
        ohtop.press(KeyType.Enter).untilShows("1/1 events");
        SocketServer.Connection c = agent.nextConnection(Duration.ofSeconds(10));
        assertTrue(c.nextFrame().contains("\"type\":\"auth\""));
        return c;
    }

    @Test
    void aHostileFramesTextIsShownInertInTheTailAndItsDetail(TestReporter reporter) throws Exception {
        SocketServer.Connection c = openLive();

        c.send(FakeCloud.message("e2", "2026-11-27T10:15:02.000000", "user", HostileTextTest.HOSTILE)
                .toString());

        ohtop.untilShows("2/2 events");
        assertTrue(ohtop.shows("user: evil^[[2J^[[31mred^[]0;pwned^G"), ohtop.text());
        assertTrue(ohtop.line(2).stripTrailing().endsWith("  live"), "the header says it is live: " + ohtop.line(2));
        ohtop.press(KeyType.End)
                .until(
                        "the pushed event selected",
                        o -> o.selectedLine() != null && o.selectedLine().contains("user: evil"));
        ohtop.press(KeyType.Enter).untilShows("kind           MessageEvent");
        assertTrue(ohtop.shows("text           " + HostileTextTest.SHOWN), ohtop.text());
        reporter.publishEntry("seen", ohtop.line(ohtop.rowOf("text           ")).strip());
    }

    @Test
    void aRefusedKeyIsSaidOnTheStatusLineAndTheKeyIsNeitherThereNorInTheLog() throws Exception {
        SocketServer.Connection c = openLive();
        c.send(FakeCloud.message("e2", "2026-11-27T10:15:02.000000", "user", "hi")
                .toString());
        ohtop.untilShows("2/2 events");

        c.close(4001);

        ohtop.until("the refusal said", o -> o.status().contains("the agent server refused the session key"));
        assertTrue(ohtop.line(2).contains("  polling "), "the header says it polls: " + ohtop.line(2));
        String log = Files.readString(ohtop.logFile());
        assertFalse(log.contains(SESSION_KEY.substring(0, 8)), log);
    }
}

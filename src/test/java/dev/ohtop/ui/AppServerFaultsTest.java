package dev.ohtop.ui;

import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.demo.ServerRole;
import dev.ohtop.keymap.Action;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app server failing in every way the demo can, while ohtop watches: the rows stay, one
 * status line says what is wrong and how old the data is, nothing crashes, and the next good
 * answer brings everything back, the event tail without a gap or a duplicate.
 */
@Tag("reliability")
@DisplayName("App server faults")
class AppServerFaultsTest {
    private VirtualOhtop ohtop;

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo();
        ohtop.untilShows("30 total").until("a good refresh", o -> o.status().contains("refreshed"));
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("500", Fault.serverError(), "500"),
                Arguments.of("502", Fault.status(502), "502"),
                Arguments.of("503", Fault.status(503), "503"),
                Arguments.of("504", Fault.status(504), "504"),
                Arguments.of("a 200 with HTML", Fault.htmlBody(), "HTML"),
                Arguments.of("a 200 with garbage", Fault.malformedJson(), ""),
                Arguments.of("a body cut off half-way", Fault.truncatedBody(), ""),
                Arguments.of("a dropped connection", Fault.droppedConnection(), ""),
                Arguments.of("a 429 storm", Fault.rateLimited(1), "429"));
    }

    @ParameterizedTest(name = "{0}: one clear status line, the rows kept, the next good answer used")
    @MethodSource("faults")
    void aFailingServerIsSaidOnceAndTheNextGoodAnswerIsUsed(String what, Fault fault, String named,
                                                             TestReporter reporter) {
        String firstRow = ohtop.line(3);
        ohtop.demo.faults().always(fault, FaultSwitch.Target.APP);

        ohtop.until(what + " on the status line", o -> o.status().startsWith(" ⚠ "));
        String said = ohtop.status().strip();
        reporter.publishEntry(ReliabilityReportKeys.SEEN, said);
        assertTrue(said.contains(named), "the line names the problem (" + named + "): " + said);
        assertTrue(said.matches("⚠ (showing data from \\d+s ago|no data yet)(, retrying in \\d+s)?: .+"), "and how old the data is: " + said);
        assertEquals(1, ohtop.lines().stream().filter(l -> l.contains("⚠")).count(), "one line, not a cascade");
        assertTrue(ohtop.shows("30 total") && ohtop.text().contains(firstRow.substring(0, 40)), "the rows stay");
        assertTrue(ohtop.app.isOpen(), "nothing crashed");

        ohtop.demo.faults().clear();
        ohtop.until("the next good answer", o -> o.status().contains("refreshed") && !o.status().contains("⚠"));
    }

    @Test
    void aServerDownAtStartUpIsSaidAndTheListFillsInWhenItComesUp(TestReporter reporter) throws Exception {
        try (dev.ohtop.demo.DemoServer down = dev.ohtop.demo.DemoServer.start(dev.ohtop.demo.DemoConfig.defaults()
                .withClock(dev.ohtop.testing.ManualClock.atDemoStart()))) {
            down.faults().always(Fault.droppedConnection(), FaultSwitch.Target.APP);
            try (VirtualOhtop late = VirtualOhtop.on(down.appServerUrl(), down.apiKey(), VirtualOhtop.Setup.defaults())) {
                late.until("the outage said", o -> o.status().contains("⚠ no data yet")
                        && o.status().contains("cannot reach"));
                reporter.publishEntry(ReliabilityReportKeys.SEEN, late.status().strip());
                assertTrue(late.app.isOpen(), "ohtop started and runs");
                long tries = down.requests().all().size();

                down.faults().clear();
                late.until("the list filled in", o -> o.shows("30 total") && o.status().contains("refreshed"));
                assertTrue(tries >= 2, "it kept trying while the server was down: " + tries + " requests");
            }
        }
    }

    private static final Pattern HELD_OF_TOTAL = Pattern.compile("(\\d+)/(\\d+) events");

    @Test
    void aServerThatDiesForThirtySecondsLeavesTheLastDataAndTheTailHasEveryEventOnceAfter(TestReporter reporter) {
        ConversationSnapshot running = ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING && "running".equals(c.executionStatus()))
                .findFirst().orElseThrow();
        String shortId = running.id().replace("-", "").substring(0, 8);
        ohtop.press(Action.FILTER).type(shortId).press(KeyType.Enter)
                .until("only " + shortId, o -> o.selectedLine() != null && o.selectedLine().contains(shortId));
        ohtop.press(Action.OPEN).until("the events, all fetched", VirtualOhtop::eventsCaughtUp);
        int before = held();

        ohtop.demo.faults().always(Fault.droppedConnection(), FaultSwitch.Target.BOTH);
        long mark = ohtop.demo.requests().mark();
        ohtop.clock().advanceSeconds(30); // the agent goes on working while ohtop cannot see it
        ohtop.until("the tail marked stale with its age", o -> o.status().contains("⚠")
                && o.status().contains("ago"));
        reporter.publishEntry(ReliabilityReportKeys.SEEN, ohtop.status().strip());
        assertEquals(before, held(), "what was held stays on screen");
        long duringOutage = ohtop.demo.requests().since(mark).stream().filter(r -> r.server() == ServerRole.APP).count();

        ohtop.demo.faults().clear();
        ohtop.until("every event fetched again", o -> o.eventsCaughtUp()
                && held() == ohtop.demo.world().events(running.id()).size());
        assertTrue(held() > before, "the events made during the outage arrived: " + before + " -> " + held());
        assertTrue(ohtop.line(1).contains("dup obs 0"), ohtop.line(1));
        reporter.publishEntry(ReliabilityReportKeys.SEEN, ohtop.line(1).strip() + " (server holds "
                + ohtop.demo.world().events(running.id()).size() + "; " + duringOutage
                + " app requests while it was down)");
    }

    private int held() {
        Matcher m = HELD_OF_TOTAL.matcher(ohtop.line(1));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

}

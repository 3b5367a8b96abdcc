package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TextColor;
import dev.ohtop.api.ClientOptions;
import dev.ohtop.api.CloudClient;
import dev.ohtop.api.Credential;
import dev.ohtop.api.HttpCore;
import dev.ohtop.api.RetryPolicy;
import dev.ohtop.api.StartConversationRequest;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultSwitch.Target;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import dev.ohtop.presentation.Ages;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandboxes screen (S from the conversations), against the demo server standing still at its start. */
class SandboxesScreenTest {
    private VirtualOhtop ohtop;

    @BeforeEach
    void openTheSandboxes() throws Exception {
        ohtop = VirtualOhtop.onDemo();
        ohtop.untilShows("30 total").press(Action.OPEN_SANDBOXES);
        String newest = sandboxes().get(0).id();
        ohtop.until("the sandboxes", o -> o.header().contains("sandboxes") && o.shows(newest));
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    private List<SandboxSnapshot> sandboxes() {
        return ohtop.demo.world().sandboxes();
    }

    private SandboxSnapshot first(SandboxStatus status) {
        return sandboxes().stream()
                .filter(s -> s.status() == status)
                .findFirst()
                .orElseThrow();
    }

    /** The conversations of a sandbox the list holds (not sub-conversations), in its order: running, then newest. */
    private List<ConversationSnapshot> conversationsIn(String sandboxId) {
        return ohtop.demo.world().conversations().stream()
                .filter(c -> sandboxId.equals(c.sandboxId()) && c.parentConversationId() == null)
                .sorted(Comparator.comparing((ConversationSnapshot c) -> !"running".equals(c.executionStatus()))
                        .thenComparing(
                                c -> "running".equals(c.executionStatus()) ? c.createdAt() : c.updatedAt(),
                                Comparator.reverseOrder()))
                .toList();
    }

    private String rowOf(String sandboxId) {
        int row = ohtop.rowOf(sandboxId);
        assertTrue(row > 0, sandboxId + " is not on screen:\n" + ohtop.text());
        return ohtop.line(row);
    }

    private boolean rowShows(String sandboxId, String text) {
        int row = ohtop.rowOf(sandboxId);
        return row > 0 && ohtop.line(row).contains(text);
    }

    /** Moves the cursor down to the sandbox (the list is newest first, as the server gives it). */
    private void select(String sandboxId) {
        int index = sandboxes().stream().map(SandboxSnapshot::id).toList().indexOf(sandboxId);
        ohtop.press(Action.TOP);
        for (int i = 0; i < index; i++) {
            ohtop.press(Action.DOWN);
        }
        ohtop.until(
                "the cursor on " + sandboxId,
                o -> o.selectedLine() != null && o.selectedLine().contains(sandboxId));
    }

    private List<String> requestsTo(String sandboxId, String verb) {
        return ohtop.proxy.requests().all().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/sandboxes/" + sandboxId + "/" + verb))
                .map(r -> r.method() + " " + r.path())
                .toList();
    }

    @Test
    void pausingAndResumingASandboxAsksFirstAndTheStatusFollows() {
        String id = first(SandboxStatus.RUNNING).id();
        List<ConversationSnapshot> users = conversationsIn(id);
        select(id);

        ohtop.press(Action.PAUSE_SANDBOX).untilShows("[y/N]");
        String question = ohtop.line(ohtop.rowOf("[y/N]"));
        assertTrue(
                question.contains(
                        "pause sandbox " + id + " (used by " + users.get(0).title()
                                + (users.size() > 1 ? " and " + (users.size() - 1) + " more" : "") + ")?"),
                question);
        ohtop.type("n").until("the question gone", o -> !o.shows("[y/N]"));
        ohtop.settle();
        assertEquals(List.of(), requestsTo(id, "pause"), "no is no");
        assertTrue(rowOf(id).contains("● RUNNING"), rowOf(id));

        ohtop.press(Action.PAUSE_SANDBOX).untilShows("[y/N]").type("y");
        ohtop.until("the sandbox paused", o -> rowShows(id, "‖ PAUSED"));
        assertEquals(1, requestsTo(id, "pause").size());
        assertTrue(ohtop.status().contains("pausing " + id + "…"), ohtop.status());
        ohtop.until("the pending mark gone", o -> !rowShows(id, "pausing…"));

        ohtop.press(Action.RESUME_SANDBOX).untilShows("resume sandbox " + id).type("y");
        ohtop.until("the sandbox starting", o -> rowShows(id, "◐ STARTING"));
        assertEquals(1, requestsTo(id, "resume").size());
        ohtop.clock().advanceSeconds(6); // the demo's sandboxes take 5 s to start
        ohtop.until("the sandbox running again", o -> rowShows(id, "● RUNNING"));
        ohtop.press(Action.DOWN)
                .until("the cursor off it", o -> !o.selectedLine().contains(id));
        assertEquals(
                TextColor.ANSI.GREEN, ohtop.cellOf("● RUNNING", ohtop.rowOf(id)).getForegroundColor());
    }

    @Test
    void eachSandboxShowsItsStatusSpecAgeAndTheConversationsUsingIt() {
        SandboxSnapshot running = first(SandboxStatus.RUNNING);
        List<ConversationSnapshot> users = conversationsIn(running.id());
        assertTrue(users.size() > 1, "the demo's newest sandbox is shared");

        String row = rowOf(running.id());
        assertTrue(row.contains("● RUNNING"), row);
        assertTrue(row.contains("agent-server:7c91cbe-python"), row);
        assertTrue(
                row.contains(" " + Ages.since(running.createdAt(), ohtop.clock().instant()) + " "), row);
        String firstTitle = users.get(0).title();
        assertTrue(
                row.contains(users.size() + " · " + firstTitle.substring(0, Math.min(20, firstTitle.length()))), row);
        for (SandboxStatus status : SandboxStatus.values()) {
            assertTrue(rowOf(first(status).id()).contains(status.name()), status.name());
        }
        assertEquals(
                TextColor.ANSI.YELLOW,
                ohtop.cellOf("‖ PAUSED", ohtop.rowOf(first(SandboxStatus.PAUSED).id()))
                        .getForegroundColor());

        Map<SandboxStatus, Long> counts =
                sandboxes().stream().collect(Collectors.groupingBy(SandboxSnapshot::status, Collectors.counting()));
        StringJoiner expected = new StringJoiner(", ", sandboxes().size() + " sandboxes: ", "");
        for (SandboxStatus status : List.of(
                SandboxStatus.RUNNING,
                SandboxStatus.STARTING,
                SandboxStatus.PAUSED,
                SandboxStatus.ERROR,
                SandboxStatus.MISSING)) {
            expected.add(counts.get(status) + " " + status.name().toLowerCase(Locale.ROOT));
        }
        assertTrue(ohtop.line(1).contains(expected.toString()), ohtop.line(1) + "\nexpected: " + expected);
    }

    @Test
    void aSandboxIsNotPausedTwiceNorResumedWhileRunning() {
        String paused = first(SandboxStatus.PAUSED).id();
        select(paused);
        ohtop.press(Action.PAUSE_SANDBOX).until("the refusal", o -> o.status().contains(paused + " is PAUSED already"));
        assertFalse(ohtop.shows("[y/N]"));

        String running = first(SandboxStatus.RUNNING).id();
        select(running);
        ohtop.press(Action.RESUME_SANDBOX)
                .until("the refusal", o -> o.status().contains(running + " is RUNNING already"));

        String missing = first(SandboxStatus.MISSING).id();
        select(missing);
        ohtop.press(Action.RESUME_SANDBOX)
                .until(
                        "the refusal",
                        o -> o.status().contains(missing + " is MISSING: only a PAUSED sandbox can be resumed"));

        ohtop.settle();
        assertEquals(List.of(), requestsTo(paused, "pause"));
        assertEquals(List.of(), requestsTo(running, "resume"));
        assertEquals(List.of(), requestsTo(missing, "resume"));
    }

    @Test
    void ctrlCWhileAskingTakesBackTheQuestionNotOhtop() {
        String id = first(SandboxStatus.RUNNING).id();
        select(id);
        ohtop.press(Action.PAUSE_SANDBOX).untilShows("[y/N]");

        ohtop.ctrl('c').until("the question gone", o -> !o.shows("[y/N]"));

        assertTrue(ohtop.app.isOpen());
        assertTrue(ohtop.header().contains("sandboxes"), ohtop.header());
        assertEquals(List.of(), requestsTo(id, "pause"));
    }

    @Test
    void aFailedPauseSaysWhyAndTheSandboxKeepsItsStatus() {
        String id = first(SandboxStatus.RUNNING).id();
        select(id);
        ohtop.proxy.faults().add(Fault.status(403), Target.APP, "/api/v1/sandboxes/" + id + "/pause", 1);

        ohtop.press(Action.PAUSE_SANDBOX).untilShows("[y/N]").type("y");

        ohtop.until(
                "the failure",
                o -> o.status().contains("could not pause " + id + ": ")
                        && o.status().contains("403"));
        ohtop.until("the pending mark gone", o -> !rowShows(id, "pausing…"));
        assertTrue(rowOf(id).contains("● RUNNING"), rowOf(id));
    }

    @Test
    void aFailingServerKeepsTheRowsAndShowsTheProblem() {
        List<String> ids = sandboxes().stream().map(SandboxSnapshot::id).toList();
        ohtop.proxy.faults().always(Fault.serverError(), Target.APP);

        ohtop.press(Action.REFRESH).until("the problem", o -> o.status().contains("HTTP 500"));

        String status = ohtop.status();
        assertTrue(status.startsWith(" ⚠ ") && status.contains("showing data from"), status);
        assertEquals(
                TextColor.ANSI.RED,
                ohtop.cellOf("⚠", ohtop.size().getRows() - 2).getForegroundColor());
        ids.forEach(id -> assertTrue(ohtop.shows(id), id + " is still listed"));

        ohtop.proxy.faults().clear();
        ohtop.press(Action.REFRESH).until("the problem gone", o -> o.status().contains("refreshed"));
    }

    @Test
    void theCursorStaysOnItsSandboxWhenANewOneAppearsAbove() throws Exception {
        String id = first(SandboxStatus.PAUSED).id();
        select(id);
        int before = ohtop.selectedRow();

        ClientOptions options = ClientOptions.defaults().withRetry(RetryPolicy.none());
        CloudClient cloud = new CloudClient(
                HttpCore.newHttpClient(options),
                ohtop.demo.appServerUrl(),
                Credential.bearer(ohtop.demo.apiKey()),
                options);
        cloud.startConversation(StartConversationRequest.of("Say hello", null, null, "Hello"));
        ohtop.clock().advanceSeconds(20); // the start task has made its sandbox
        String newest = sandboxes().get(0).id();
        ohtop.until("the new sandbox", o -> o.shows(newest));

        assertTrue(ohtop.selectedLine().contains(id), ohtop.selectedLine());
        assertEquals(before + 1, ohtop.selectedRow());
    }
}

package dev.ohtop.ui;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SeenRequest;
import dev.ohtop.demo.ServerRole;
import dev.ohtop.keymap.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One session that visits every screen against the demo, with the API key and every sandbox's
 * session key forbidden on screen: each frame is scanned as it is drawn. Then the files ohtop
 * wrote and every request it sent are checked.
 */
@Tag("security")
@DisplayName("Secrets stay secret")
class SecretsTest {
    private VirtualOhtop ohtop;
    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ohtop = VirtualOhtop.onDemo();
        secrets.add(ohtop.demo.apiKey());
        for (SandboxSnapshot sandbox : ohtop.demo.world().sandboxes()) {
            secrets.add(sandbox.sessionApiKey());
        }
        secrets.forEach(ohtop::forbid);
        ohtop.untilShows("30 total");
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    /** Every screen, with a command run, a file and a trajectory downloaded, the forms opened. */
    private void visitEveryScreen() {
        ohtop.press(Action.OPEN).until("the events", VirtualOhtop::eventsCaughtUp);
        ohtop.press(Action.SHOW_DETAIL).until("an event's detail", o -> o.header().contains("›  event "));
        ohtop.press(Action.BACK).until("the events", o -> o.header().contains("events of"));
        ohtop.press(Action.OPEN_CONSOLE).untilShows("console of");
        ohtop.type("env | grep -ci key; echo done-here").press(KeyType.Enter).untilShows("exit 0");
        ohtop.press(Action.BACK).until("the events", o -> o.header().contains("events of"));
        ohtop.press(Action.DOWNLOAD).untilShows("download from");
        ohtop.type("README.md").press(Action.TRANSFER_NEXT_FIELD).ctrl('u').type(ohtop.localDir.toString())
                .press(KeyType.Enter).untilShows("✓ downloaded");
        ohtop.press(Action.BACK).until("the events", o -> o.header().contains("events of"));
        ohtop.press(Action.DOWNLOAD_TRAJECTORY).untilShows("trajectory of");
        ohtop.press(KeyType.Enter).untilShows("✓ saved the trajectory");
        ohtop.press(Action.BACK).until("the events", o -> o.header().contains("events of"));
        ohtop.press(Action.SEND_MESSAGE).untilShows("Message to");
        ohtop.press(Action.BACK).until("the events", o -> o.header().contains("events of"));
        ohtop.press(Action.BACK).until("home", o -> o.header().contains("conversations"));
        ohtop.press(Action.OPEN_SANDBOXES).untilShows("sandboxes:");
        ohtop.press(Action.BACK).until("home", o -> o.header().contains("conversations"));
        ohtop.press(Action.NEW_CONVERSATION).untilShows("New conversation");
        ohtop.press(Action.BACK).until("home", o -> o.header().contains("conversations"));
        ohtop.press(Action.HELP).untilShows("help (preset");
        ohtop.press(Action.BACK).until("home", o -> o.header().contains("conversations"));
    }

    @Test
    void noKeyIsEverOnScreenInTheLogOrInAFileOhtopWrites(TestReporter reporter) throws IOException {
        visitEveryScreen();

        assertEquals(List.of(), ohtop.leaksSeen(), "frames that showed a key");
        assertTrue(ohtop.framesChecked() > 20, "frames were checked: " + ohtop.framesChecked());
        List<Path> written = new ArrayList<>();
        for (Path root : List.of(ohtop.logFile().getParent(), ohtop.localDir)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).forEach(written::add);
            }
        }
        assertTrue(written.stream().anyMatch(p -> p.getFileName().toString().equals("README.md")), "" + written);
        assertTrue(written.stream().anyMatch(p -> p.toString().contains("history")), "history was written: " + written);
        for (Path file : written) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertFalse(text.contains(secret), file + " holds a key");
            }
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ohtop.logFile())),
                "the log is the user's alone");
        reporter.publishEntry(ReliabilityReportKeys.SEEN, ohtop.framesChecked() + " frames and " + written.size()
                + " files scanned for " + secrets.size() + " keys: none found; log mode rw-------");
    }

    @Test
    void theApiKeyGoesOnlyToTheAppServerAndEachSessionKeyOnlyToItsOwnSandbox(TestReporter reporter) {
        visitEveryScreen();

        List<SeenRequest> all = ohtop.demo.requests().all();
        long app = 0;
        long agent = 0;
        for (SeenRequest r : all) {
            if (r.server() == ServerRole.APP) {
                app++;
                assertTrue(r.hasBearer() && !r.hasSessionKey(), "app request " + r.method() + " " + r.path());
            } else {
                agent++;
                assertTrue(r.hasSessionKey() && !r.hasBearer(), "agent request " + r.method() + " " + r.path());
                String sandboxId = r.path().split("/")[2];
                String own = ohtop.demo.world().sandboxes().stream().filter(s -> s.id().equals(sandboxId))
                        .findFirst().orElseThrow().sessionApiKey();
                assertEquals(own, r.sessionApiKey(), "the session key of another sandbox went to " + r.path());
            }
        }
        assertTrue(app > 10 && agent >= 3, "both servers were used: " + app + " app, " + agent + " agent requests");
        reporter.publishEntry(ReliabilityReportKeys.SEEN, app + " app-server requests, all with the Bearer key only; "
                + agent + " agent-server requests, each with its own sandbox's session key only");
    }
}

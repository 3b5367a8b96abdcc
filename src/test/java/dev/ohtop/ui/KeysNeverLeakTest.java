package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.api.Json;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.SandboxSnapshot;
import dev.ohtop.demo.SeenRequest;
import dev.ohtop.demo.ServerRole;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.ConversationRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;

/**
 * One session against the demo that visits every screen (the list, help, the events, a detail,
 * the console with a command run and its output saved, a download, the trajectory, the
 * sandboxes, the new-conversation form, a message), with a fresh random API key. Every frame
 * of it is searched for any piece of the API key or of any sandbox's session key, then the log,
 * every file ohtop wrote, and every request the demo received are checked.
 */
@Tag("security")
@DisplayName("Keys never leak")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysNeverLeakTest {
    private static final Pattern AGENT_PATH = Pattern.compile("^/sandboxes/([^/]+)/.*");

    private final String apiKey = "sk-oh-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(20));
    private VirtualOhtop ohtop;
    private Map<String, String> sessionKeys;
    private final List<String> screens = new ArrayList<>();
    private ConversationRow first;
    private Path trajectory;
    private Path download;
    private Path savedOutput;

    @BeforeAll
    void visitEveryScreen() throws Exception {
        ohtop = VirtualOhtop.onDemo(VirtualOhtop.Setup.defaults().apiKey(apiKey));
        sessionKeys = ohtop.demo.world().sandboxes().stream()
                .collect(Collectors.toMap(SandboxSnapshot::id, SandboxSnapshot::sessionApiKey));
        ohtop.untilShows("30 total").until("the account", o -> o.header().contains("@"));
        seen("conversations");
        ConversationRow row = ohtop.home.selected();
        first = row;
        assertEquals("RUNNING", row.sandboxStatus(), "the top row's sandbox runs");

        ohtop.press(Action.HELP).untilShows("help (preset");
        seen("help");
        ohtop.press(Action.BACK).until("the list", o -> o.header().contains("conversations"));

        ohtop.press(Action.OPEN).until("the events, all fetched", VirtualOhtop::eventsCaughtUp);
        seen("events");
        ohtop.press(Action.SHOW_DETAIL).untilShows("raw JSON");
        ohtop.press(KeyType.End).untilShows("}");
        seen("event detail");
        ohtop.press(Action.BACK)
                .press(Action.BACK)
                .until("the list", o -> o.header().contains("conversations"));

        ohtop.press(Action.OPEN_CONSOLE)
                .until(
                        "the console",
                        o -> o.header().contains("console of " + row.shortId())
                                && o.shows(DemoServer.SANDBOX_FOLDER + " $ "));
        ohtop.type("echo from-the-sandbox; ls").press(KeyType.Enter).untilShows("exit 0 in ");
        savedOutput = ohtop.localDir.resolve("console-" + row.shortId() + ".txt");
        ohtop.press(Action.CONSOLE_SAVE_OUTPUT).untilShows("save the output to: ");
        ohtop.press(KeyType.Enter).untilShows("saved ");
        seen("console");
        ohtop.press(Action.BACK).until("the list", o -> o.header().contains("conversations"));

        ohtop.press(Action.DOWNLOAD).until("the download form", o -> o.header().contains("download from"));
        ohtop.type("README.md").press(KeyType.Enter).untilShows("✓ downloaded ");
        download = ohtop.localDir.resolve("README.md");
        seen("download");
        ohtop.press(Action.BACK).until("the list", o -> o.header().contains("conversations"));

        ohtop.press(Action.DOWNLOAD_TRAJECTORY)
                .until("the trajectory form", o -> o.header().contains("trajectory of"));
        ohtop.press(KeyType.Enter).untilShows("✓ saved the trajectory (");
        trajectory = ohtop.localDir.resolve("trajectory-" + row.shortId() + ".zip");
        seen("trajectory");
        ohtop.press(Action.BACK).until("the list", o -> o.header().contains("conversations"));

        ohtop.press(Action.OPEN_SANDBOXES)
                .until(
                        "the sandboxes",
                        o -> o.header().contains("sandboxes")
                                && o.shows(row.conversation().sandboxId()));
        seen("sandboxes");
        ohtop.press(Action.BACK).until("the list", o -> o.header().contains("conversations"));

        ohtop.press(Action.NEW_CONVERSATION).untilShows("New conversation");
        ohtop.type("a task never sent").untilShows("a task never sent");
        seen("new conversation");
        ohtop.press(Action.BACK)
                .untilShows("discard this new conversation?")
                .type("y")
                .until("the list", o -> o.header().contains("conversations"));

        ohtop.press(Action.SEND_MESSAGE).untilShows("Message to");
        ohtop.type("a message never sent").untilShows("a message never sent");
        seen("message");
        ohtop.press(Action.BACK).until("the form left", o -> !o.shows("a message never sent") || o.shows("[y/N]"));
        if (ohtop.shows("[y/N]")) {
            ohtop.type("y");
        }
        ohtop.until("the list", o -> o.header().contains("conversations"));
    }

    private void seen(String screen) {
        screens.add(screen);
    }

    @AfterAll
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
    }

    private List<String> secrets() {
        List<String> all = new ArrayList<>(sessionKeys.values());
        all.add(apiKey);
        return all;
    }

    /** Fails if {@code text} holds any 8 characters in a row of any key (a key cut short still leaks). */
    private void assertNoKeyIn(String where, String text) {
        for (String secret : secrets()) {
            for (int i = 0; i + 8 <= secret.length(); i++) {
                String piece = secret.substring(i, i + 8);
                assertFalse(
                        text.contains(piece),
                        () -> "a piece of a key (\"" + piece.substring(0, 3) + "…\") is in " + where);
            }
        }
    }

    // ---- the cases ------------------------------------------------------------------------

    @Test
    void noFrameShowsAnyPieceOfTheKeysOnAWalkThroughEveryScreen(TestReporter reporter) {
        assertEquals(
                List.of(
                        "conversations",
                        "help",
                        "events",
                        "event detail",
                        "console",
                        "download",
                        "trajectory",
                        "sandboxes",
                        "new conversation",
                        "message"),
                screens);
        assertEquals(List.of(), ohtop.leaks());
        assertEquals(List.of(), ohtop.controlsSeen());
        assertTrue(ohtop.framesChecked() > 50, "frames checked: " + ohtop.framesChecked());
        assertTrue(sessionKeys.size() >= 5, "session keys forbidden: " + sessionKeys.size());
        reporter.publishEntry(
                "seen",
                ohtop.framesChecked() + " frames through " + String.join(", ", screens)
                        + ": no 8 characters of the API key or of any of " + sessionKeys.size() + " session keys");
    }

    @Test
    void noFileOhtopWroteHoldsKeysAndNoTemporaryFileIsLeft(TestReporter reporter) throws IOException {
        List<Path> files = new ArrayList<>(filesUnder(ohtop.stateDir()));
        files.addAll(filesUnder(ohtop.localDir));
        List<String> names =
                files.stream().map(p -> p.getFileName().toString()).sorted().toList();

        assertTrue(files.contains(savedOutput) && files.contains(download) && files.contains(trajectory), "" + files);
        assertTrue(
                files.stream()
                        .anyMatch(p -> p.getParent().getFileName().toString().equals("history")),
                "the command history was written: " + files);
        assertTrue(names.stream().noneMatch(n -> n.endsWith(".part")), "no download left a temporary file: " + names);
        for (Path file : files) {
            assertNoKeyIn(file.toString(), file.toString());
            assertNoKeyIn(file.toString(), readable(file));
        }
        assertTrue(Files.readString(savedOutput).contains("from-the-sandbox"), "the saved output is what was seen");
        reporter.publishEntry("seen", "no key in " + String.join(", ", names));
    }

    /**
     * A trajectory is the server's zip, saved byte for byte: its {@code meta.json} is the
     * conversation's stored record, which (like Cloud's AppConversationInfo) holds no session key.
     * ohtop adds none, and saves it for its owner only (a file from the sandbox is saved as cp would).
     */
    @Test
    void aTrajectoryHoldsNoKeyAndOnlyItsOwnerMayReadIt(TestReporter reporter) throws IOException {
        Map<String, String> entries = entries(trajectory);
        JsonNode meta = Json.MAPPER.readTree(entries.get("meta.json"));

        assertEquals(first.conversation().id(), meta.path("id").asText(), "the conversation's own record");
        assertTrue(entries.size() > 1, "its events too: " + entries.keySet());
        assertNoKeyIn("the trajectory", readable(trajectory));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(trajectory)));
        reporter.publishEntry(
                "seen", trajectory.getFileName() + " rw-------, " + entries.size() + " entries, no key in any");
    }

    @Test
    void theBearerKeyGoesOnlyToTheAppServerAndEachSessionKeyOnlyToItsOwnSandbox(TestReporter reporter) {
        List<SeenRequest> requests = ohtop.proxy.requests().all();
        long app = 0;
        long agent = 0;
        for (SeenRequest r : requests) {
            String what = r.method() + " " + r.path() + " (" + r.server() + ")";
            if (r.server() == ServerRole.APP) {
                app++;
                assertEquals("Bearer " + apiKey, r.authorization(), () -> what + " carries the Bearer key");
                assertNull(r.sessionApiKey(), () -> what + " carries no session key");
            } else {
                agent++;
                Matcher m = AGENT_PATH.matcher(r.path());
                assertTrue(m.matches(), what);
                assertNull(r.authorization(), () -> what + " carries no Authorization header");
                if (r.path().contains("/sockets/")) {
                    // The socket's key goes in its first frame, never in the upgrade (proxies log it).
                    assertNull(r.sessionApiKey(), () -> what + " carries no session key header");
                    assertTrue(
                            r.rawQuery() == null || !r.rawQuery().contains("session_api_key"),
                            () -> what + " carries no key in its query");
                    continue;
                }
                assertEquals(
                        sessionKeys.get(m.group(1)),
                        r.sessionApiKey(),
                        () -> what + " carries its own sandbox's session key");
            }
        }
        assertTrue(app >= 10 && agent >= 3, "both servers were used: " + app + " app, " + agent + " agent requests");
        reporter.publishEntry(
                "seen",
                app + " requests to the app server with the Bearer key only, " + agent
                        + " to agent servers with their own sandbox's session key only");
    }

    /**
     * The frame check itself: a key drawn whole, or cut to its first 8 characters by a column, is
     * found; 7 characters of it are not (pieces that short could turn up by chance).
     */
    @Test
    void theFrameCheckFindsKeysCutShortByTheirColumn(TestReporter reporter) {
        String key = "sk-oh-0123456789abcdef";
        for (String drawn : List.of(key, key.substring(0, 8) + "…", "…" + key.substring(14))) {
            VirtualOhtop.RecordingTerminal terminal = new VirtualOhtop.RecordingTerminal(new TerminalSize(40, 3));
            terminal.forbid(key);
            terminal.setCursorPosition(2, 1);
            terminal.putString("key " + drawn);
            terminal.flush();
            assertEquals(1, terminal.leaks().size(), drawn);
            assertFalse(terminal.leaks().get(0).contains(key.substring(3)), "the report does not repeat the key");
        }
        VirtualOhtop.RecordingTerminal terminal = new VirtualOhtop.RecordingTerminal(new TerminalSize(40, 3));
        terminal.forbid(key);
        terminal.putString(key.substring(0, 7) + "…");
        terminal.flush();
        assertEquals(List.of(), terminal.leaks());
        reporter.publishEntry(
                "seen", "found: \"" + key.substring(0, 8) + "…\"; not found: \"" + key.substring(0, 7) + "…\"");
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    /** A file's text; a zip's entries unpacked (a key would not show in compressed bytes). */
    private static String readable(Path file) throws IOException {
        if (!file.toString().endsWith(".zip")) {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        }
        return String.join(
                "\n",
                entries(file).entrySet().stream()
                        .map(e -> e.getKey() + "\n" + e.getValue())
                        .toList());
    }

    /** A zip's entries by name, unpacked as text. */
    private static Map<String, String> entries(Path zipFile) throws IOException {
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zipFile);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}

package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.DemoServer;
import dev.ohtop.demo.Fault;
import dev.ohtop.demo.FaultRule;
import dev.ohtop.demo.FaultSwitch;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import dev.ohtop.monitor.ConversationRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The file transfer screen on a virtual terminal against the demo, whose sandbox files live in a
 * scratch folder per sandbox. Big transfers go through the demo's slow link (a THROTTLED fault) so
 * that they can be seen, and cancelled, under way.
 */
class TransferScreenTest {
    private static final int MIB = 1024 * 1024;
    /** 20 MiB take about 2.5 s: long enough to see the bar mid-way many times over. */
    private static final long SLOW_LINK = 8L * MIB;
    /** A bar with some filled and some empty, and a percentage strictly between 0 and 100. */
    private static final Pattern MID_WAY = Pattern.compile("\\[█+░+\\] (\\d{1,2})%");

    private VirtualOhtop ohtop;
    private ConversationRow row;
    private Path project;

    @BeforeEach
    void start() {
        try {
            ohtop = VirtualOhtop.onDemo();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ohtop.untilShows("30 total");
        row = ohtop.home.selected();
        assertEquals("RUNNING", row.sandboxStatus(), "the top row's sandbox runs");
        project =
                ohtop.demo.sandboxRoot(row.conversation().sandboxId()).resolve(DemoServer.SANDBOX_FOLDER.substring(1));
    }

    @AfterEach
    void stop() {
        ohtop.close();
    }

    private void open(Action action, String title) {
        ohtop.press(action).until("the " + title + " form", o -> o.header().contains(title + " " + row.shortId()));
    }

    private FaultRule slowLink() {
        return slowLink(SLOW_LINK);
    }

    private FaultRule slowLink(long bytesPerSecond) {
        return ohtop.proxy
                .faults()
                .add(
                        Fault.throttled(bytesPerSecond),
                        FaultSwitch.Target.AGENT,
                        "/sandboxes/" + row.conversation().sandboxId() + "/api/file",
                        FaultRule.UNTIL_CLEARED);
    }

    private static boolean midWay(VirtualOhtop o) {
        Matcher m = MID_WAY.matcher(o.text());
        return m.find() && Integer.parseInt(m.group(1)) >= 1;
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private List<Path> localFiles() throws IOException {
        try (Stream<Path> files = Files.list(ohtop.localDir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void twentyMebibytesGoUpAndComeBackByteForByteWithTheBarSeenMidWay() throws Exception {
        byte[] data = random(20 * MIB, 7);
        Files.write(ohtop.localDir.resolve("blob.bin"), data);
        slowLink();

        open(Action.UPLOAD, "upload to");
        ohtop.type("blob.bin").press(Action.TRANSFER_NEXT_FIELD);
        ohtop.untilShows("empty or relative: in " + DemoServer.SANDBOX_FOLDER + "/"); // the remote default
        ohtop.type("in/").press(KeyType.Enter);
        ohtop.until("the upload's bar mid-way", TransferScreenTest::midWay);
        assertTrue(
                ohtop.shows(
                        "⇡ " + ohtop.localDir.resolve("blob.bin") + " → " + DemoServer.SANDBOX_FOLDER + "/in/blob.bin"),
                ohtop.text());
        ohtop.untilShows("✓ uploaded 20.0 MiB to " + DemoServer.SANDBOX_FOLDER + "/in/blob.bin in ");
        assertArrayEquals(data, Files.readAllBytes(project.resolve("in/blob.bin")));

        ohtop.press(Action.BACK).until("the list again", o -> o.header().contains("conversations"));
        open(Action.DOWNLOAD, "download from");
        ohtop.type("in/blob.bin")
                .press(Action.TRANSFER_NEXT_FIELD)
                .ctrl('u')
                .type("back.bin")
                .press(KeyType.Enter);
        ohtop.until("the download's bar mid-way", TransferScreenTest::midWay);
        assertTrue(ohtop.shows(" / 20.0 MiB"), ohtop.text());
        // The rate is measured on ohtop's clock, which stands still in tests until moved.
        ohtop.clock().advanceSeconds(1);
        ohtop.until(
                "the rate and the time left", o -> o.text().matches("(?s).*/ 20\\.0 MiB  [0-9.]+ [KM]iB/s  ETA .*"));
        Path back = ohtop.localDir.resolve("back.bin");
        ohtop.untilShows("✓ downloaded 20.0 MiB to " + back + " in ");
        assertArrayEquals(data, Files.readAllBytes(back));
    }

    @Test
    void cancellingMidDownloadLeavesNoPartialFileAndTheOldTargetIntact() throws Exception {
        Files.write(project.resolve("big.bin"), random(20 * MIB, 3));
        Path target = Files.writeString(ohtop.localDir.resolve("big.bin"), "the old one");
        slowLink();

        open(Action.DOWNLOAD, "download from");
        ohtop.type("big.bin").press(KeyType.Enter).untilShows(target + " exists: overwrite it? [y/N]");
        ohtop.type("y").until("the bar mid-way", TransferScreenTest::midWay);
        ohtop.press(Action.TRANSFER_CANCEL)
                .untilShows("✗ cancelled; nothing was written (" + target + " is as it was)");

        assertEquals("the old one", Files.readString(target));
        assertEquals(List.of(target), localFiles(), "nothing beside it, no partial file");
    }

    @Test
    void goingBackWhileItRunsAsksFirstAndCtrlCCancelsWithoutQuitting() throws Exception {
        Files.write(project.resolve("big.bin"), random(20 * MIB, 5));
        slowLink(SLOW_LINK
                / 4); // ten seconds in all: the questions below come well before the end, even on a busy machine

        open(Action.DOWNLOAD, "download from");
        ohtop.type("big.bin").press(KeyType.Enter).until("the bar mid-way", TransferScreenTest::midWay);
        ohtop.press(Action.BACK).untilShows("cancel the transfer? [y/N]");
        ohtop.type("n").until("the question gone", o -> !o.shows("cancel the transfer?"));
        assertTrue(ohtop.header().contains("download from"), "still here: " + ohtop.header());

        ohtop.ctrl('c').untilShows("✗ cancelled; nothing was written");
        assertTrue(ohtop.app.isOpen(), "ohtop is still running");
        assertEquals(List.of(), localFiles());
        ohtop.press(Action.BACK)
                .until("the list, without asking", o -> o.header().contains("conversations"));
    }

    @Test
    void aMissingRemoteFileIsSaidPlainly() throws Exception {
        open(Action.DOWNLOAD, "download from");
        ohtop.type("nope.txt")
                .press(KeyType.Enter)
                .untilShows("✗ no such file in the sandbox: " + DemoServer.SANDBOX_FOLDER + "/nope.txt");

        int message = ohtop.rowOf("✗ no such file");
        assertEquals(
                Theme.ERROR.foreground(), ohtop.cellOf("no such file", message).getForegroundColor());
        assertTrue(ohtop.shows("Enter tries again"), ohtop.text());
        assertEquals(List.of(), localFiles());
    }

    @Test
    void aFolderThatIsNotThereIsSaidAndNotMadeIntoAFile() throws Exception {
        Path missing = ohtop.localDir.resolve("not-yet");
        open(Action.DOWNLOAD, "download from");
        ohtop.type("README.md")
                .press(Action.TRANSFER_NEXT_FIELD)
                .ctrl('u')
                .type(missing + "/")
                .press(KeyType.Enter)
                .untilShows("no folder " + missing + ": make it first, or name a file");
        assertFalse(Files.exists(missing), "nothing was written where the folder was meant to be");

        Files.createDirectory(missing);
        ohtop.press(KeyType.Enter).untilShows("✓ downloaded");
        assertTrue(Files.isRegularFile(missing.resolve("README.md")), "into the folder, under its own name");
    }

    @Test
    void overwritingALocalFileIsAskedFirstAndNoKeepsIt() throws Exception {
        Files.writeString(project.resolve("hello.txt"), "new\n");
        Path target = Files.writeString(ohtop.localDir.resolve("hello.txt"), "old\n");

        open(Action.DOWNLOAD, "download from");
        ohtop.type("hello.txt").press(KeyType.Enter).untilShows(target + " exists: overwrite it? [y/N]");
        ohtop.type("n").untilShows("✗ cancelled; nothing was written (" + target + " is as it was)");
        assertEquals("old\n", Files.readString(target));

        ohtop.press(KeyType.Enter).untilShows(target + " exists: overwrite it? [y/N]");
        ohtop.type("y").untilShows("✓ downloaded 4 B to " + target);
        assertEquals("new\n", Files.readString(target));
        assertEquals(List.of(target), localFiles());
    }

    @Test
    void theTrajectoryIsSavedAsAZip() throws Exception {
        Path zip = ohtop.localDir.resolve("trajectory-" + row.shortId() + ".zip");
        open(Action.DOWNLOAD_TRAJECTORY, "trajectory of");
        assertTrue(ohtop.shows("save the zip to " + zip), "the default: " + ohtop.text());

        ohtop.press(KeyType.Enter).untilShows("✓ saved the trajectory (");
        assertTrue(ohtop.shows(") to " + zip), ohtop.text());
        try (InputStream in = Files.newInputStream(zip)) {
            assertArrayEquals(new byte[] {'P', 'K'}, in.readNBytes(2));
        }
    }

    @Test
    void aPausedSandboxIsOfferedAResumeAndTheDownloadThenRuns() throws Exception {
        ConversationSnapshot paused = ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.PAUSED)
                .findFirst()
                .orElseThrow();
        String shortId = paused.id().substring(0, 8);
        ohtop.type("/" + shortId)
                .press(KeyType.Enter)
                .until("only " + shortId, o -> o.line(3).contains(shortId));
        ohtop.press(Action.DOWNLOAD).until("its form", o -> o.header().contains("download from " + shortId));
        assertTrue(ohtop.line(2).contains("sandbox ‖ PAUSED"), ohtop.text());

        ohtop.type("README.md").press(KeyType.Enter).untilShows("is paused. Resume it?");
        ohtop.type("y").untilShows(": STARTING");
        ohtop.clock().advanceSeconds(10);

        Path readme = ohtop.localDir.resolve("README.md");
        ohtop.untilShows("✓ downloaded ");
        assertTrue(ohtop.shows("to " + readme), ohtop.text());
        assertTrue(Files.readString(readme).startsWith("# Demo project"));
        assertFalse(ohtop.shows("internal error"), ohtop.text());
        ohtop.until(
                "the sandbox said running once the list has seen it",
                o -> o.line(2).contains("sandbox ● RUNNING"));
    }
}

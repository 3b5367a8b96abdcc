package dev.ohtop.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download into a shared folder (say {@code /tmp}) where someone else planted a file, or a link,
 * under the target's name before the user agreed to replace it. The part file being written, and
 * the file kept, must be no more readable than the user's own umask makes a new file: an old mode
 * is kept only from the user's own regular file, and narrowed by the umask. (Two users are not
 * needed: the modes show what another user could have read.)
 */
@Tag("security")
@DisplayName("Downloads into shared folders")
class PartFileModesTest {
    private static final Set<PosixFilePermission> WORLD_WRITABLE = PosixFilePermissions.fromString("rw-rw-rw-");

    @RegisterExtension
    static WireMockExtension wm = Wire.server();

    @TempDir
    Path dir;

    /** What the umask leaves of rw-rw-rw- for a new file, learnt from a probe made as a new file is. */
    private String newFileMode;

    @BeforeEach
    void learnTheUmask() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"), PosixFilePermissions.asFileAttribute(WORLD_WRITABLE));
        newFileMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(probe));
        Files.delete(probe);
        assumeTrue(
                !newFileMode.equals("rw-rw-rw-"), "a umask that takes something off (this run's: " + newFileMode + ")");
        wm.stubFor(get(urlPathEqualTo("/api/file/download"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Length", "3000000")
                        .withBody(new byte[3_000_000])));
    }

    /** Downloads over {@code target}; returns every mode a part file had while it was written. */
    private Set<String> downloadOver(Path target) throws IOException {
        Set<String> whileWritten = new CopyOnWriteArraySet<>();
        TransferListener watching = (done, total) -> whileWritten.addAll(partModes());
        Wire.agent(wm).download("/workspace/report.txt", target, watching);
        return whileWritten;
    }

    private Set<String> partModes() {
        try (Stream<Path> files = Files.list(dir)) {
            return Set.copyOf(files.filter(p -> p.getFileName().toString().endsWith(".part"))
                    .map(p -> {
                        try {
                            return PosixFilePermissions.toString(
                                    Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                        } catch (IOException gone) {
                            return "gone";
                        }
                    })
                    .filter(m -> !m.equals("gone"))
                    .toList());
        } catch (IOException e) {
            return Set.of("unreadable folder");
        }
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theUsersOwnWorldWritableFileLendsItsModeOnlyAsFarAsTheUmaskAllows(TestReporter reporter) throws IOException {
        Path target = Files.writeString(dir.resolve("report.txt"), "old");
        Files.setPosixFilePermissions(target, WORLD_WRITABLE);

        Set<String> whileWritten = downloadOver(target);

        assertEquals(Set.of(newFileMode), whileWritten, "the part file while it was written");
        assertEquals(newFileMode, mode(target), "the file kept");
        reporter.publishEntry(
                "seen",
                "old file rw-rw-rw-, umask leaves " + newFileMode + ": part " + whileWritten + ", kept "
                        + mode(target));
    }

    @Test
    void anExecutableOfTheUsersOwnStaysExecutable() throws IOException {
        Path target = Files.writeString(dir.resolve("report.txt"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));

        downloadOver(target);

        assertEquals("rwx------", mode(target));
    }

    @Test
    void aLinkPlantedUnderTheTargetsNameLendsNoMode(TestReporter reporter) throws IOException {
        Path planted = Files.writeString(dir.resolve("planted"), "someone's file");
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path target = Files.createSymbolicLink(dir.resolve("report.txt"), planted);

        Set<String> whileWritten = downloadOver(target);

        assertEquals(Set.of(newFileMode), whileWritten, "a new file's mode, not the linked file's");
        assertFalse(Files.isSymbolicLink(target), "the link itself was replaced");
        assertEquals(newFileMode, mode(target));
        assertEquals("someone's file", Files.readString(planted), "what the link pointed at is untouched");
        reporter.publishEntry("seen", "a link to an rwxrwxrwx file: part " + whileWritten + ", kept " + mode(target));
    }

    /** Tests run as root here, which may give a file away: that is how "someone else's file" is made. */
    @Test
    void aFileSomeoneElseOwnsLendsNoMode(TestReporter reporter) throws IOException {
        Path target = Files.writeString(dir.resolve("report.txt"), "planted");
        Files.setPosixFilePermissions(target, WORLD_WRITABLE);
        UserPrincipal nobody;
        try {
            nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(target, nobody);
        } catch (IOException | UnsupportedOperationException cannot) {
            assumeTrue(false, "cannot give a file to another user here: " + cannot);
            return;
        }

        Set<String> whileWritten = downloadOver(target);

        assertEquals(Set.of(newFileMode), whileWritten);
        assertEquals(newFileMode, mode(target));
        assertTrue(!Files.getOwner(target).equals(nobody), "the kept file is the user's");
        reporter.publishEntry("seen", "another user's rw-rw-rw- file: part " + whileWritten + ", kept " + mode(target));
    }
}

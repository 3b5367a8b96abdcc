package dev.ohtop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where a typed local path points, the same on the console's save line and on the transfer form. */
class LocalPathsTest {
    private final Path localDir = Path.of("/tmp/ohtop-local");
    private final Path home =
            Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();

    @Test
    void aTildeIsTheHomeFolder() {
        assertEquals(home, LocalPaths.typed(localDir, "~"));
        assertEquals(home.resolve("notes/a.txt"), LocalPaths.typed(localDir, "~/notes/a.txt"));
    }

    @Test
    void aRelativePathIsInTheLocalFolderAndBlankIsTheFolderItself() {
        assertEquals(Path.of("/tmp/ohtop-local/out/a.txt"), LocalPaths.typed(localDir, "out/./a.txt"));
        assertEquals(localDir, LocalPaths.typed(localDir, ""));
    }

    @Test
    void anAbsolutePathStaysWhereItPointsWithItsDotsResolved() {
        assertEquals(Path.of("/var/b.txt"), LocalPaths.typed(localDir, "/var/x/../b.txt"));
    }

    @Test
    void aTildeInsideANameIsJustALetter() {
        assertEquals(Path.of("/tmp/ohtop-local/~x"), LocalPaths.typed(localDir, "~x"));
    }
}

package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where the console history of a server is kept: per host and port, and one for the demo. */
class HistoryPlacesTest {
    private final Path state = Path.of("/state/ohtop");
    private final Controls.Places places = new Controls.Places(state, Path.of("/work"));

    @Test
    void twoDemoRunsOnDifferentPortsShareOneHistory() {
        Controls.Places demo = places.forDemo();

        assertEquals(
                demo.historyFile(URI.create("http://127.0.0.1:41234")),
                demo.historyFile(URI.create("http://127.0.0.1:38711")));
        assertEquals(state.resolve("history/ohtop-demo"), demo.historyFile(URI.create("http://127.0.0.1:41234")));
    }

    @Test
    void aRealServerKeepsTheHistoryOfItsHostAndPort() {
        assertEquals(
                state.resolve("history/app.all-hands.dev"),
                places.historyFile(URI.create("https://app.all-hands.dev")));
        assertEquals(state.resolve("history/localhost_3000"), places.historyFile(URI.create("http://localhost:3000")));
        assertNotEquals(
                places.historyFile(URI.create("http://127.0.0.1:41234")),
                places.historyFile(URI.create("http://127.0.0.1:38711")),
                "two local servers are two histories");
        assertNotEquals(
                places.forDemo().historyFile(URI.create("http://127.0.0.1:3000")),
                places.historyFile(URI.create("http://127.0.0.1:3000")),
                "a local server is not the demo");
    }

    @Test
    void withoutAStateFolderHistoryStaysInMemory() {
        assertNull(new Controls.Places(null, Path.of("/work")).forDemo().historyFile(URI.create("http://127.0.0.1:1")));
    }
}
